// COMPILE-ONLY SHIM of androidx.work.WorkManager (androidx.work:work-runtime): getInstance,
// enqueueUniqueWork (one request), cancelUniqueWork and cancelAllWorkByTag. Signatures from
// https://developer.android.com/reference/androidx/work/WorkManager
package androidx.work;

import android.content.Context;

public abstract class WorkManager {

    WorkManager() {}

    public static WorkManager getInstance(Context context) {
        throw new UnsupportedOperationException("compile-only shim: WorkManager is not on this machine");
    }

    public Operation enqueueUniqueWork(String uniqueWorkName, ExistingWorkPolicy existingWorkPolicy, OneTimeWorkRequest request) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public abstract Operation cancelUniqueWork(String uniqueWorkName);

    public abstract Operation cancelAllWorkByTag(String tag);
}
