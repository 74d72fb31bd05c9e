// COMPILE-ONLY SHIM of androidx.work.OneTimeWorkRequest and its Builder (androidx.work:work-runtime).
// Signatures from https://developer.android.com/reference/androidx/work/OneTimeWorkRequest
// https://developer.android.com/reference/androidx/work/OneTimeWorkRequest.Builder
package androidx.work;

public final class OneTimeWorkRequest extends WorkRequest {

    OneTimeWorkRequest() {}

    public static final class Builder extends WorkRequest.Builder<OneTimeWorkRequest.Builder, OneTimeWorkRequest> {

        public Builder(Class<? extends ListenableWorker> workerClass) {
            throw new UnsupportedOperationException("compile-only shim");
        }
    }
}
