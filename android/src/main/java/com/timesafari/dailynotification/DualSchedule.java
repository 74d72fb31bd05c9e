// DualSchedule: the "New Activity" schedule (fetch at T−5 min, notify at T, daily). The configuration
// lives in SharedPreferences; each occurrence T gets one PrefetchWorker run at its fetch time and one
// alarm at T. The alarm shows the prefetched content when it was fetched for T, else the configured
// text if fallbackBehavior is "show_default", then arms the next day. Notifications are tagged by
// occurrence, so a late or repeated prefetch replaces that day's notification instead of adding one
// (the old plugin's duplicate "No updates" notifications), as on iOS.
package com.timesafari.dailynotification;

import android.content.Context;
import android.content.SharedPreferences;
import android.util.Log;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import org.json.JSONException;
import org.json.JSONObject;

final class DualSchedule {

    static final String ALARM_TARGET = "dualSchedule";
    /** Tag prefix of the old plugin's dual notifications, followed by the occurrence's local time. */
    static final String TAG_PREFIX = "dual_notify_";

    static final String PREFERENCES = "daily_notification_dual";
    private static final String CONFIG = "config";
    /** The occurrence the alarm is armed for. */
    private static final String ARMED_AT = "armedAt";
    private static final String NEXT_FETCH_AT = "nextFetchAt";
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

    /** cancelDualSchedule: the alarm, the pending prefetch and the configuration; reminders stay. */
    static synchronized void cancel(Context context) {
        AlarmScheduler.cancel(context, ALARM_TARGET);
        prefetchQueue.cancel(context);
        preferences(context).edit().remove(CONFIG).remove(ARMED_AT).remove(NEXT_FETCH_AT).commit();
    }

    /**
     * Arms the alarm of the next occurrence and, with {@code withFetch}, queues its prefetch. Runs on
     * every schedule change, alarm, boot, clock change and plugin load (alarm only: WorkManager keeps
     * its own work, and replacing it could stop a prefetch that is running).
     */
    static synchronized void rearm(Context context, long now, boolean withFetch) {
        DualScheduleConfig config = load(context);
        if (config == null) {
            return;
        }
        SharedPreferences p = preferences(context);
        long occurrence = config.notifyTime.toArm(p.getLong(ARMED_AT, 0L), p.getLong(HANDLED, 0L), now);
        AlarmScheduler.arm(context, ALARM_TARGET, occurrence);
        SharedPreferences.Editor edit = p.edit().putLong(ARMED_AT, occurrence);
        if (withFetch) {
            if (config.fetchEnabled) {
                long fetchAt = Math.max(now, config.fetchAtFor(occurrence));
                prefetchQueue.enqueue(context, fetchAt - now);
                edit.putLong(NEXT_FETCH_AT, fetchAt);
            } else {
                prefetchQueue.cancel(context);
                edit.remove(NEXT_FETCH_AT);
            }
        }
        edit.commit();
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
        NotificationContentStore.Content content = NotificationContentStore.read(context);
        if (content != null && isFresh(config, content.createdAtMillis, occurrence)) {
            NotificationContentStore.take(context);
            if (post(context, config, occurrence, content.title, content.body, now)) {
                preferences(context).edit().putLong(CONTENT_SHOWN_FOR, occurrence).commit();
            }
            return;
        }
        if (content != null && content.createdAtMillis < config.fetchAtFor(occurrence)) {
            // Fetched for an earlier occurrence: it can never become fresh again.
            NotificationContentStore.clear(context);
        }
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
        NotificationContentStore.Content content = NotificationContentStore.read(context);
        if (!PrefetchResult.OK.equals(outcome) || content == null) {
            return;
        }
        // The occurrence this content serves: the first whose time + contentTimeout is not past.
        long occurrence = config.notifyTime.nextAfter(content.createdAtMillis - config.contentTimeoutMillis - 1);
        SharedPreferences p = preferences(context);
        if (occurrence > now || !isFresh(config, content.createdAtMillis, occurrence)
            || p.getLong(CONTENT_SHOWN_FOR, 0L) == occurrence) {
            return; // In time (the alarm shows it), or already shown once.
        }
        NotificationContentStore.take(context);
        if (post(context, config, occurrence, content.title, content.body, now)) {
            p.edit()
                .putLong(CONTENT_SHOWN_FOR, occurrence)
                .putLong(HANDLED, Math.max(occurrence, p.getLong(HANDLED, 0L)))
                .commit();
        }
    }

    /** Fetched for {@code occurrence}: at or after its fetch time, at most contentTimeout after it. */
    static boolean isFresh(DualScheduleConfig config, long fetchedAt, long occurrence) {
        return fetchedAt >= config.fetchAtFor(occurrence) && fetchedAt <= occurrence + config.contentTimeoutMillis;
    }

    private static boolean post(Context context, DualScheduleConfig config, long occurrence, String title, String body, long now) {
        return NotificationPoster.post(context, NotificationPoster.DUAL_ID, tag(occurrence), title, body, config.sound, now);
    }

    /** {@code dual_notify_<yyyyMMdd-HHmm>} in local time: one notification per occurrence. */
    static String tag(long occurrence) {
        SimpleDateFormat f = new SimpleDateFormat("yyyyMMdd-HHmm", Locale.US);
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
