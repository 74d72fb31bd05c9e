// PrefetchQueue: where the dual schedule queues its background prefetch. In an app it is
// WorkManager's unique work (PrefetchWorker.enqueue); the JVM tests, which have no WorkManager,
// install a recorder to check what would be queued and when.
package com.timesafari.dailynotification;

import android.content.Context;

interface PrefetchQueue {

    /** Queues the prefetch {@code delayMillis} from now, replacing a pending one. */
    void enqueue(Context context, long delayMillis);

    /** Drops a pending prefetch. */
    void cancel(Context context);

    PrefetchQueue WORK_MANAGER = new PrefetchQueue() {
        @Override
        public void enqueue(Context context, long delayMillis) {
            PrefetchWorker.enqueue(context, delayMillis);
        }

        @Override
        public void cancel(Context context) {
            PrefetchWorker.cancel(context);
        }
    };
}
