// COMPILE-ONLY SHIM of androidx.work.WorkRequest and WorkRequest.Builder (androidx.work:work-runtime):
// the builder methods PrefetchWorker calls. Signatures from
// https://developer.android.com/reference/androidx/work/WorkRequest
// https://developer.android.com/reference/androidx/work/WorkRequest.Builder
package androidx.work;

import java.util.concurrent.TimeUnit;

public abstract class WorkRequest {

    WorkRequest() {}

    public abstract static class Builder<B extends WorkRequest.Builder<B, ?>, W extends WorkRequest> {

        Builder() {}

        public final B addTag(String tag) {
            throw new UnsupportedOperationException("compile-only shim");
        }

        public final W build() {
            throw new UnsupportedOperationException("compile-only shim");
        }

        public final B setBackoffCriteria(BackoffPolicy backoffPolicy, long backoffDelay, TimeUnit timeUnit) {
            throw new UnsupportedOperationException("compile-only shim");
        }

        public final B setConstraints(Constraints constraints) {
            throw new UnsupportedOperationException("compile-only shim");
        }

        public B setInitialDelay(long duration, TimeUnit timeUnit) {
            throw new UnsupportedOperationException("compile-only shim");
        }
    }
}
