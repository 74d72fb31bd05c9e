// The background prefetch: WorkManager runs it minutes before the notification, with a network
// connection and no JavaScript. It asks the native core to prefetch (the core picks the pool's
// token for today), stores the composed content for the notification step (the core's schedule: the alarm
// shows it, or the worker itself when it finishes late) and maps the core's outcome to a
// WorkManager result (docs/core-contract.md, "PrefetchResult").
package com.timesafari.dailynotification;

import android.content.Context;
import android.util.Log;
import androidx.work.BackoffPolicy;
import androidx.work.Constraints;
import androidx.work.ExistingWorkPolicy;
import androidx.work.NetworkType;
import androidx.work.OneTimeWorkRequest;
import androidx.work.WorkManager;
import androidx.work.Worker;
import androidx.work.WorkerParameters;
import java.util.concurrent.TimeUnit;
import org.json.JSONException;

public final class PrefetchWorker extends Worker {

    /** On every prefetch of this plugin, so that cancelDualSchedule can drop them all. */
    public static final String TAG = "daily_notification_prefetch";
    /** The tag the plugin this one replaces used for its fetch work (cancelled once, never used). */
    static final String LEGACY_TAG = "daily_notification_fetch";
    /** After this many runs a transient failure becomes a failure: the notification time has passed. */
    static final int MAX_RUN_ATTEMPTS = 5;
    static final long BACKOFF_SECONDS = 30;

    private static final String LOG_TAG = "DailyNotification";

    public PrefetchWorker(Context context, WorkerParameters params) {
        super(context, params);
    }

    @Override
    public Result doWork() {
        Context context = getApplicationContext();
        int attempt = getRunAttemptCount();
        long startedAt = System.currentTimeMillis();
        long deadline = WORK_DEADLINE_MILLIS;
        try {
            // The fallback of the fetch alarm: not when the alarm's prefetch did this occurrence.
            // The core's answer also re-arms the plan's alarms (they may be gone without a trace).
            deadline = Schedule.startFetch(context, Schedule.BY_WORK, startedAt);
        } catch (NativeCoreException | JSONException | RuntimeException e) {
            Log.e(LOG_TAG, "prefetch: schedule check failed, prefetching: " + e.getClass().getSimpleName());
        }
        if (deadline == Schedule.FETCH_DONE) {
            Log.i(LOG_TAG, "prefetch: already done for this occurrence");
            return Result.success();
        }
        if (deadline == Schedule.FETCH_RUNNING) {
            return retryUnlessExhausted(attempt); // the alarm's run may still end in retry
        }
        try {
            return resultFor(run(context, deadline, startedAt, Schedule.BY_WORK).outcome, attempt);
        } catch (NativeCoreException e) {
            Log.w(LOG_TAG, "prefetch failed: " + e.getCode() + ": " + e.getMessage());
            return resultForError(e.getCode(), attempt);
        } catch (JSONException e) {
            Log.e(LOG_TAG, "prefetch: unreadable answer from the native core");
            return Result.failure();
        }
    }

    /** The job's deadline when the schedule cannot be asked (the core's default). */
    static final long WORK_DEADLINE_MILLIS = 25_000L;

    /**
     * One prefetch within {@code deadlineMillis} of {@code startedAt} (the alarm's delivery, the
     * job's start), started {@code by} the alarm or the job: the shown content acknowledged first,
     * the new content stored for the notification step, and the outcome reported to the schedule
     * (late content is shown at once). Opening the store, the Keystore and the acknowledgement
     * count against the deadline; with nothing left, the run says {@code retry} without a request.
     */
    static PrefetchResult run(Context context, long deadlineMillis, long startedAt, String by) throws NativeCoreException, JSONException {
        NativeFetcher.ensureInitialized(context);
        acknowledgeDelivered(context);
        long now = System.currentTimeMillis();
        long left = deadlineMillis - Math.max(0L, now - startedAt);
        PrefetchResult result = left > 0
            ? PrefetchResult.parse(NativeCore.prefetchWithin(now, left))
            : PrefetchResult.retry();
        if (PrefetchResult.OK.equals(result.outcome) && result.hasNotification()) {
            NotificationContentStore.save(context, result.title, result.body, System.currentTimeMillis(), result.changedPlans, result.cursor,
                result.planIdsJson);
        }
        Log.i(LOG_TAG, "prefetch (" + by + "): " + result.outcome + ", " + result.changedPlans + " changed plans");
        try {
            Schedule.onPrefetched(context, result.outcome, by, System.currentTimeMillis());
        } catch (NativeCoreException | JSONException | RuntimeException e) {
            // The notification step must not turn a good prefetch into a retry.
            Log.e(LOG_TAG, "prefetch: notification step failed: " + e.getClass().getSimpleName());
        }
        // The app's prefetchFinished listeners, when its process is alive (PluginEvents).
        PluginEvents.prefetchFinished(result.outcome, result.changedPlans, by, Rfc3339.format(System.currentTimeMillis()));
        return result;
    }

    /**
     * Tells the core which notification was shown since the last run (the alarm posts it on the
     * main thread, where the core may not be called), so that the cursor moves past it before this
     * prefetch. A failure leaves it for the next run: the core then carries those changes again.
     */
    static void acknowledgeDelivered(Context context) {
        String cursor = NotificationContentStore.delivered(context);
        if (cursor == null) {
            return;
        }
        try {
            NativeCore.acknowledgeDelivery(new org.json.JSONObject().put("cursor", cursor).toString());
            NotificationContentStore.acknowledged(context, cursor);
        } catch (NativeCoreException e) {
            if ("NOT_CONFIGURED".equals(e.getCode())) {
                NotificationContentStore.acknowledged(context, cursor); // logged out: nothing to move
            } else {
                Log.w(LOG_TAG, "delivery acknowledgement failed (" + e.getCode() + "); kept for the next run");
            }
        } catch (JSONException e) {
            Log.w(LOG_TAG, "delivery acknowledgement failed; kept for the next run");
        }
    }

    /** The contract's mapping: retry only transient failures, and not forever. */
    static Result resultFor(String outcome, int runAttemptCount) {
        switch (outcome) {
            case PrefetchResult.OK:
            case PrefetchResult.NO_CHANGES:
            case PrefetchResult.NOT_CONFIGURED:
            case PrefetchResult.NO_PLANS:
            case PrefetchResult.NO_TOKEN:
            case PrefetchResult.CANCELLED:
                return Result.success();
            case PrefetchResult.RETRY:
                return retryUnlessExhausted(runAttemptCount);
            case PrefetchResult.FAILED:
            default:
                return Result.failure();
        }
    }

    /** The store could not be written (disk full, a Keystore hiccup): worth another try. */
    static Result resultForError(String code, int runAttemptCount) {
        if ("STORE_IO".equals(code) || NativeCoreException.KEY_WRAPPER_FAILED.equals(code)) {
            return retryUnlessExhausted(runAttemptCount);
        }
        return Result.failure();
    }

    private static Result retryUnlessExhausted(int runAttemptCount) {
        return runAttemptCount + 1 < MAX_RUN_ATTEMPTS ? Result.retry() : Result.failure();
    }

    /**
     * Queues the prefetch {@code delayMillis} from now as unique work {@code uniqueName}. The core
     * names each fetch instant's work ({@code daily_notification_prefetch@<fetchAtMillis>}, KEEP):
     * queueing the same instant again keeps the pending or running one, and the next day's
     * prefetch never replaces a late one still due today.
     */
    static void enqueue(Context context, String uniqueName, ExistingWorkPolicy policy, long delayMillis) {
        Constraints constraints = new Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build();
        OneTimeWorkRequest request = new OneTimeWorkRequest.Builder(PrefetchWorker.class)
            .setConstraints(constraints)
            .setInitialDelay(Math.max(0L, delayMillis), TimeUnit.MILLISECONDS)
            .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, BACKOFF_SECONDS, TimeUnit.SECONDS)
            .addTag(TAG)
            .build();
        WorkManager.getInstance(context).enqueueUniqueWork(uniqueName, policy, request);
    }

    static void cancel(Context context, String uniqueName) {
        WorkManager.getInstance(context).cancelUniqueWork(uniqueName);
    }

    static void cancelByTag(Context context, String tag) {
        WorkManager.getInstance(context).cancelAllWorkByTag(tag);
    }
}
