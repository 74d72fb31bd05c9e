// COMPILE-ONLY SHIM of androidx.work.ListenableWorker (androidx.work:work-runtime, Google Maven only):
// the constructor, getApplicationContext, getRunAttemptCount and the nested Result that
// PrefetchWorker uses. Signatures from https://developer.android.com/reference/androidx/work/ListenableWorker
// and https://developer.android.com/reference/androidx/work/ListenableWorker.Result
// The bodies are the minimum the tests need to construct a worker and compare results; the real
// library does the scheduling.
package androidx.work;

import android.content.Context;

public abstract class ListenableWorker {

    private final Context appContext;
    private final WorkerParameters workerParams;

    public ListenableWorker(Context appContext, WorkerParameters workerParams) {
        if (appContext == null) {
            throw new IllegalArgumentException("Application Context is null");
        }
        if (workerParams == null) {
            throw new IllegalArgumentException("WorkerParameters is null");
        }
        this.appContext = appContext;
        this.workerParams = workerParams;
    }

    public final Context getApplicationContext() {
        return appContext;
    }

    public final int getRunAttemptCount() {
        return workerParams.getRunAttemptCount();
    }

    public abstract static class Result {

        Result() {}

        public static Result success() {
            return new Success();
        }

        public static Result retry() {
            return new Retry();
        }

        public static Result failure() {
            return new Failure();
        }

        // Like the library's Success/Retry/Failure: results of one kind (without output data) are equal.
        @Override
        public boolean equals(Object o) {
            return o != null && o.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }

        @Override
        public String toString() {
            return getClass().getSimpleName();
        }

        static final class Success extends Result {}

        static final class Retry extends Result {}

        static final class Failure extends Result {}
    }
}
