// DualSchedule: the "New Activity" schedule (fetch at T−5 min, notify at T, daily). The configuration
// lives in SharedPreferences; each occurrence T gets one PrefetchWorker run at its fetch time (unique
// work named after that instant) and one alarm at T. The alarm shows the prefetched content when it was fetched for T, else the configured
// text if fallbackBehavior is "show_default", then arms the next day. Notifications are tagged by
// occurrence, so a late or repeated prefetch replaces that day's notification instead of adding one
// (the old plugin's duplicate "No updates" notifications), as on iOS.
package com.timesafari.dailynotification;

import android.content.Context;
import android.content.SharedPreferences;
import android.util.Log;
import androidx.work.ExistingWorkPolicy;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import org.json.JSONException;
import org.json.JSONObject;

final class DualSchedule {

    static final String ALARM_TARGET = "dualSchedule";
    /** Tag prefix of the old plugin's dual notifications, followed by the occurrence in UTC. */
    static final String TAG_PREFIX = "dual_notify_";

    static final String PREFERENCES = "daily_notification_dual";
    private static final String CONFIG = "config";
    /** The occurrence the alarm is armed for. */
    private static final String ARMED_AT = "armedAt";
    private static final String NEXT_FETCH_AT = "nextFetchAt";
    /** The fetch instant whose prefetch was last queued, and the occurrence it serves. */
    private static final String QUEUED_FETCH_AT = "queuedFetchAt";
    private static final String QUEUED_FOR = "queuedFor";
    /** Set once the old plugin's work (PrefetchWorker.LEGACY_TAG) has been cancelled. */
    private static final String LEGACY_WORK_CANCELLED = "legacyWorkCancelled";
    /** The last occurrence already dealt with (shown, skipped, or served late by the prefetch). */
    private static final String HANDLED = "handled";
    /** The last occurrence whose fetched content was shown: content is shown once per occurrence. */
    private static final String CONTENT_SHOWN_FOR = "contentShownFor";
    /** When a prefetch last found nothing new: then there is nothing to show, not even the default. */
    private static final String NO_CHANGES_AT = "noChangesAt";

    /** Replaced by the tests, which have no WorkManager. */
    static volatile PrefetchQueue prefetchQueue = PrefetchQueue.WORK_MANAGER;

    private DualSchedule() {}

    static DualScheduleConfig load(Context context) {
        String stored = preferences(context).getString(CONFIG, null);
        if (stored == null) {
            return null;
        }
        try {
            return DualScheduleConfig.parse(new JSONObject(stored));
        } catch (JSONException | NativeCoreException e) {
            // Written by this class after validation: unreadable only if the format changed.
            Log.w("DailyNotification", "stored dual schedule unreadable; ignored");
            return null;
        }
    }

    /** scheduleDualNotification / updateDualScheduleConfig: store, then arm from scratch. */
    static synchronized void replace(Context context, DualScheduleConfig config, long now) {
        preferences(context).edit().putString(CONFIG, config.raw.toString()).remove(ARMED_AT).remove(NEXT_FETCH_AT).commit();
        rearm(context, now, true);
    }

    /** cancelDualSchedule: the alarm, every queued prefetch and the configuration; reminders stay. */
    static synchronized void cancel(Context context) {
        AlarmScheduler.cancel(context, ALARM_TARGET);
        prefetchQueue.cancelAll(context);
        preferences(context).edit().remove(CONFIG).remove(ARMED_AT).remove(NEXT_FETCH_AT)
            .remove(QUEUED_FETCH_AT).remove(QUEUED_FOR).commit();
    }

    /**
     * Arms the alarm of the next occurrence and, with {@code withFetch}, queues its prefetch. Runs on
     * every schedule change, alarm, boot, clock change and plugin load (alarm only: WorkManager keeps
     * its own work across reboots and clock changes).
     */
    static synchronized void rearm(Context context, long now, boolean withFetch) {
        DualScheduleConfig config = load(context);
        if (config == null) {
            return;
        }
        SharedPreferences p = preferences(context);
        long handled = config.notifyTime.clampHandled(p.getLong(HANDLED, 0L), now);
        long occurrence = config.notifyTime.toArm(p.getLong(ARMED_AT, 0L), handled, now);
        AlarmScheduler.arm(context, ALARM_TARGET, occurrence);
        SharedPreferences.Editor edit = p.edit().putLong(ARMED_AT, occurrence).putLong(HANDLED, handled);
        if (withFetch) {
            if (config.fetchEnabled) {
                long fetchAt = config.fetchAtFor(occurrence);
                queuePrefetch(context, config, p, fetchAt, occurrence, now);
                edit.putLong(NEXT_FETCH_AT, Math.max(now, fetchAt)).putLong(QUEUED_FETCH_AT, fetchAt).putLong(QUEUED_FOR, occurrence);
            } else {
                prefetchQueue.cancelAll(context);
                edit.remove(NEXT_FETCH_AT).remove(QUEUED_FETCH_AT).remove(QUEUED_FOR);
            }
        }
        edit.commit();
    }

    /**
     * Queues the prefetch of {@code fetchAt} as its own unique work with KEEP: queueing the same
     * instant again never restarts it (a second request, and with the perRequest policy a second
     * token). The previously queued instant's work is cancelled unless it is due and its occurrence
     * is still within contentTimeout: day N's alarm queues day N+1 while day N's prefetch may still
     * wait for the network, and its late content must still replace the fallback.
     */
    private static void queuePrefetch(Context context, DualScheduleConfig config, SharedPreferences p, long fetchAt,
                                      long occurrence, long now) {
        long queuedAt = p.getLong(QUEUED_FETCH_AT, 0L);
        if (queuedAt == fetchAt && fetchAt <= now) {
            // Due already: it has run, or runs now. KEEP would start a finished one again.
            return;
        }
        if (queuedAt != 0L && queuedAt != fetchAt
            && !(queuedAt <= now && now <= p.getLong(QUEUED_FOR, 0L) + config.contentTimeoutMillis)) {
            // Its instant no longer exists (configuration or time-zone change).
            prefetchQueue.cancel(context, PrefetchWorker.uniqueWorkName(queuedAt));
        }
        if (!p.getBoolean(LEGACY_WORK_CANCELLED, false)) {
            // Same Java package as the plugin this one replaces: its fetch work would survive the swap.
            prefetchQueue.cancelLegacy(context);
            p.edit().putBoolean(LEGACY_WORK_CANCELLED, true).commit();
        }
        prefetchQueue.enqueue(context, PrefetchWorker.uniqueWorkName(fetchAt), ExistingWorkPolicy.KEEP, Math.max(0L, fetchAt - now));
    }

    /** The alarm of {@code occurrence} fired (AlarmReceiver). */
    static synchronized void onAlarm(Context context, long occurrence, long now) {
        DualScheduleConfig config = load(context);
        if (config == null) {
            return;
        }
        SharedPreferences p = preferences(context);
        if (occurrence > p.getLong(HANDLED, 0L)) {
            showOccurrence(context, config, occurrence, now);
            p.edit().putLong(HANDLED, occurrence).commit();
        }
        rearm(context, now, true);
    }

    private static void showOccurrence(Context context, DualScheduleConfig config, long occurrence, long now) {
        if (!config.fetchEnabled) {
            post(context, config, occurrence, config.title, config.body, now);
            return;
        }
        long fetchAt = config.fetchAtFor(occurrence);
        NotificationContentStore.Content content =
            NotificationContentStore.takeFetchedBetween(context, fetchAt, occurrence + config.contentTimeoutMillis);
        if (content != null) {
            if (post(context, config, occurrence, content.title, content.body, now)) {
                preferences(context).edit().putLong(CONTENT_SHOWN_FOR, occurrence).commit();
                NotificationContentStore.markDelivered(context, content.cursor);
            }
            return;
        }
        // Fetched for an earlier occurrence: it can never become fresh again.
        NotificationContentStore.clearFetchedBefore(context, fetchAt);
        long noChangesAt = preferences(context).getLong(NO_CHANGES_AT, 0L);
        if (isFresh(config, noChangesAt, occurrence)) {
            return; // The fetch ran and found nothing new: no "No updates" notification.
        }
        if (config.showDefault) {
            post(context, config, occurrence, config.title, config.body, now);
        }
    }

    /**
     * A prefetch finished (PrefetchWorker, after storing any content). "no_changes" is remembered;
     * content that arrives after its occurrence's time, within contentTimeout, is shown at once and
     * replaces that occurrence's fallback notification.
     */
    static synchronized void onPrefetched(Context context, String outcome, long now) {
        DualScheduleConfig config = load(context);
        if (config == null || !config.fetchEnabled) {
            return;
        }
        if (PrefetchResult.NO_CHANGES.equals(outcome)) {
            preferences(context).edit().putLong(NO_CHANGES_AT, now).commit();
            return;
        }
        NotificationContentStore.Content stored = NotificationContentStore.read(context);
        if (!PrefetchResult.OK.equals(outcome) || stored == null) {
            return;
        }
        long occurrence = config.lateOccurrenceFor(stored.createdAtMillis);
        SharedPreferences p = preferences(context);
        // In time (the alarm shows it), already shown once, or before the occurrence already
        // handled (after a time-zone change the same local time is another instant: one a day).
        if (occurrence == 0L || occurrence > now || occurrence < p.getLong(HANDLED, 0L)
            || p.getLong(CONTENT_SHOWN_FOR, 0L) == occurrence) {
            return;
        }
        NotificationContentStore.Content content =
            NotificationContentStore.takeFetchedBetween(context, config.fetchAtFor(occurrence), occurrence + config.contentTimeoutMillis);
        if (content != null && post(context, config, occurrence, content.title, content.body, now)) {
            p.edit()
                .putLong(CONTENT_SHOWN_FOR, occurrence)
                .putLong(HANDLED, Math.max(occurrence, p.getLong(HANDLED, 0L)))
                .commit();
            NotificationContentStore.markDelivered(context, content.cursor);
        }
    }

    /** Fetched for {@code occurrence}: at or after its fetch time, at most contentTimeout after it. */
    static boolean isFresh(DualScheduleConfig config, long fetchedAt, long occurrence) {
        return fetchedAt >= config.fetchAtFor(occurrence) && fetchedAt <= occurrence + config.contentTimeoutMillis;
    }

    private static boolean post(Context context, DualScheduleConfig config, long occurrence, String title, String body, long now) {
        return NotificationPoster.post(context, NotificationPoster.DUAL_ID, tag(occurrence), title, body, config.sound, now);
    }

    /**
     * {@code dual_notify_<yyyyMMdd-HHmm>Z}, the occurrence in UTC: one notification per occurrence,
     * the same tag whatever the time zone was when it was posted and when it is replaced.
     */
    static String tag(long occurrence) {
        SimpleDateFormat f = new SimpleDateFormat("yyyyMMdd-HHmm'Z'", Locale.US);
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return TAG_PREFIX + f.format(new Date(occurrence));
    }

    /** The armed occurrence, or 0 when nothing is scheduled. */
    static long nextNotificationAt(Context context) {
        return load(context) == null ? 0L : preferences(context).getLong(ARMED_AT, 0L);
    }

    /** getDualScheduleStatus, with the core's lastPrefetch (JSON null when unknown). */
    static JSONObject status(Context context, Object lastPrefetch) throws JSONException {
        DualScheduleConfig config = load(context);
        SharedPreferences p = preferences(context);
        long nextFetch = config != null && config.fetchEnabled ? p.getLong(NEXT_FETCH_AT, 0L) : 0L;
        return new JSONObject()
            .put("scheduled", config != null)
            .put("config", config == null ? JSONObject.NULL : config.raw)
            .put("nextFetchAt", Rfc3339.orNull(nextFetch))
            .put("nextNotificationAt", Rfc3339.orNull(nextNotificationAt(context)))
            .put("lastPrefetch", lastPrefetch == null ? JSONObject.NULL : lastPrefetch);
    }

    private static SharedPreferences preferences(Context context) {
        return context.getApplicationContext().getSharedPreferences(PREFERENCES, Context.MODE_PRIVATE);
    }
}
