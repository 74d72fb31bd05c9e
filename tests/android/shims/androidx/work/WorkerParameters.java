// COMPILE-ONLY SHIM of androidx.work.WorkerParameters (androidx.work:work-runtime): the reference
// lists no public constructor (WorkManager builds it), and getRunAttemptCount is the one member the
// worker reads. Signature from https://developer.android.com/reference/androidx/work/WorkerParameters
// Tests obtain an instance with Mockito.
package androidx.work;

public final class WorkerParameters {

    private WorkerParameters() {}

    public int getRunAttemptCount() {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
