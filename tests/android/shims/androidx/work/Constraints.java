// COMPILE-ONLY SHIM of androidx.work.Constraints and Constraints.Builder (androidx.work:work-runtime):
// the network requirement. Signatures from https://developer.android.com/reference/androidx/work/Constraints
// https://developer.android.com/reference/androidx/work/Constraints.Builder
package androidx.work;

public final class Constraints {

    Constraints() {}

    public static final class Builder {

        public Builder() {}

        public final Constraints.Builder setRequiredNetworkType(NetworkType networkType) {
            throw new UnsupportedOperationException("compile-only shim");
        }

        public final Constraints build() {
            throw new UnsupportedOperationException("compile-only shim");
        }
    }
}
