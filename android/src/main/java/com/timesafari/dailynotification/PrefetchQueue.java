// PrefetchQueue: where the dual schedule queues its background prefetch. In an app it is
// WorkManager (PrefetchWorker); the JVM tests, which have no WorkManager, install a recorder to check
// which work would be queued or cancelled, under which name, with which policy and when.
package com.timesafari.dailynotification;

import android.content.Context;
import androidx.work.ExistingWorkPolicy;

interface PrefetchQueue {

    /** Queues the prefetch as unique work {@code uniqueName}, {@code delayMillis} from now. */
    void enqueue(Context context, String uniqueName, ExistingWorkPolicy policy, long delayMillis);

    /** Drops the prefetch queued as {@code uniqueName}, if it has not finished. */
    void cancel(Context context, String uniqueName);

    /** Drops every prefetch of this plugin (PrefetchWorker.TAG). */
    void cancelAll(Context context);

    /** Drops the work of the plugin this one replaces (PrefetchWorker.LEGACY_TAG). */
    void cancelLegacy(Context context);

    PrefetchQueue WORK_MANAGER = new PrefetchQueue() {
        @Override
        public void enqueue(Context context, String uniqueName, ExistingWorkPolicy policy, long delayMillis) {
            PrefetchWorker.enqueue(context, uniqueName, policy, delayMillis);
        }

        @Override
        public void cancel(Context context, String uniqueName) {
            PrefetchWorker.cancel(context, uniqueName);
        }

        @Override
        public void cancelAll(Context context) {
            PrefetchWorker.cancelByTag(context, PrefetchWorker.TAG);
        }

        @Override
        public void cancelLegacy(Context context) {
            PrefetchWorker.cancelByTag(context, PrefetchWorker.LEGACY_TAG);
        }
    };
}
