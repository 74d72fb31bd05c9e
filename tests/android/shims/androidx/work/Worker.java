// COMPILE-ONLY SHIM of androidx.work.Worker (androidx.work:work-runtime): the constructor and doWork.
// Signatures from https://developer.android.com/reference/androidx/work/Worker
package androidx.work;

import android.content.Context;

public abstract class Worker extends ListenableWorker {

    public Worker(Context context, WorkerParameters workerParams) {
        super(context, workerParams);
    }

    public abstract ListenableWorker.Result doWork();
}
