// Shared set-up of the scheduling tests: a recording PrefetchQueue in place of WorkManager (absent
// from the JVM), local times turned into daily cron expressions, dual schedule configurations, and
// the armed alarms and shown notifications as Robolectric's shadows see them.
package com.timesafari.dailynotification;

import static org.robolectric.Shadows.shadowOf;

import android.app.AlarmManager;
import android.app.Notification;
import android.app.NotificationManager;
import android.content.Context;
import android.content.Intent;
import androidx.work.ExistingWorkPolicy;
import com.getcapacitor.JSObject;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.robolectric.shadows.ShadowAlarmManager;

final class Schedules {

    /** The reminder id when scheduleDailyNotification has none (the old plugin's). */
    static final String DEFAULT_REMINDER_ID = "daily_timesafari_reminder";

    private Schedules() {}

    /** The notification tag of a dual occurrence: {@code dual_notify_<yyyyMMdd-HHmm>Z}, in UTC. */
    static String tag(long occurrence) {
        java.text.SimpleDateFormat f = new java.text.SimpleDateFormat("yyyyMMdd-HHmm'Z'", java.util.Locale.US);
        f.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
        return "dual_notify_" + f.format(new java.util.Date(occurrence));
    }

    /** The unique WorkManager name of the prefetch at {@code fetchAt}. */
    static String workName(long fetchAt) {
        return "daily_notification_prefetch@" + fetchAt;
    }

    /**
     * What the dual schedule asked WorkManager for, and a model of the unique work it would hold:
     * {@code pending} maps each unique name still queued or running to how many times it was
     * started (REPLACE on a pending name restarts it; KEEP leaves it alone, as WorkManager does).
     */
    static final class RecordingQueue implements PrefetchQueue {
        final List<Long> delays = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<ExistingWorkPolicy> policies = new ArrayList<>();
        final List<String> cancelled = new ArrayList<>();
        final Map<String, Integer> pending = new LinkedHashMap<>();
        /** "legacy" and "enqueue", in the order they happened. */
        final List<String> order = new ArrayList<>();
        int cancelAlls;
        int legacyCancels;

        @Override
        public void enqueue(Context context, String uniqueName, ExistingWorkPolicy policy, long delayMillis) {
            delays.add(delayMillis);
            names.add(uniqueName);
            policies.add(policy);
            order.add("enqueue");
            if (!pending.containsKey(uniqueName)) {
                pending.put(uniqueName, 1);
            } else if (policy == ExistingWorkPolicy.REPLACE) {
                pending.put(uniqueName, pending.get(uniqueName) + 1);
            }
        }

        @Override
        public void cancel(Context context, String uniqueName) {
            cancelled.add(uniqueName);
            pending.remove(uniqueName);
        }

        @Override
        public void cancelAll(Context context) {
            cancelAlls++;
            pending.clear();
        }

        @Override
        public void cancelLegacy(Context context) {
            legacyCancels++;
            order.add("legacy");
        }

        long lastDelay() {
            return delays.get(delays.size() - 1);
        }

        String lastName() {
            return names.get(names.size() - 1);
        }
    }

    /** The start of the local minute {@code offsetMillis} from now. */
    static long minuteFromNow(long offsetMillis) {
        Calendar c = Calendar.getInstance();
        c.setTimeInMillis(System.currentTimeMillis() + offsetMillis);
        c.set(Calendar.SECOND, 0);
        c.set(Calendar.MILLISECOND, 0);
        return c.getTimeInMillis();
    }

    /** "M H * * *" of the local time of {@code millis}. */
    static String cron(long millis) {
        Calendar c = Calendar.getInstance();
        c.setTimeInMillis(millis);
        return c.get(Calendar.MINUTE) + " " + c.get(Calendar.HOUR_OF_DAY) + " * * *";
    }

    /** "HH:MM" of the local time of {@code millis}. */
    static String hhmm(long millis) {
        Calendar c = Calendar.getInstance();
        c.setTimeInMillis(millis);
        return String.format(java.util.Locale.US, "%02d:%02d", c.get(Calendar.HOUR_OF_DAY), c.get(Calendar.MINUTE));
    }

    /** A dual schedule notifying at {@code notifyAt}, fetching five minutes before. */
    static JSObject config(long notifyAt, boolean fetchEnabled, String fallback) throws Exception {
        JSObject relationship = new JSObject();
        relationship.put("contentTimeout", 30 * 60 * 1000);
        if (fallback != null) {
            relationship.put("fallbackBehavior", fallback);
        }
        JSObject config = new JSObject();
        config.put("contentFetch", new JSONObject().put("enabled", fetchEnabled).put("schedule", cron(notifyAt - 5 * 60_000L)));
        config.put("userNotification", new JSONObject().put("schedule", cron(notifyAt)).put("title", "Default title").put("body", "Default body"));
        config.put("relationship", relationship);
        return config;
    }

    static JSObject wrap(JSObject config) {
        JSObject options = new JSObject();
        options.put("config", config);
        return options;
    }

    static ShadowAlarmManager alarms(Context context) {
        return shadowOf((AlarmManager) context.getSystemService(Context.ALARM_SERVICE));
    }

    /** The armed alarm of {@code target} ("dualSchedule", "reminder/<id>"), or null. */
    static ShadowAlarmManager.ScheduledAlarm alarm(Context context, String target) {
        ShadowAlarmManager.ScheduledAlarm found = null;
        for (ShadowAlarmManager.ScheduledAlarm a : alarms(context).getScheduledAlarms()) {
            if (target.equals(AlarmScheduler.target(intentOf(a)))) {
                if (found != null) {
                    throw new AssertionError("two alarms for " + target);
                }
                found = a;
            }
        }
        return found;
    }

    static Intent intentOf(ShadowAlarmManager.ScheduledAlarm alarm) {
        return shadowOf(alarm.operation).getSavedIntent();
    }

    /** Delivers the armed alarm of {@code target} to AlarmReceiver, as AlarmManager would. */
    static void fire(Context context, String target) {
        ShadowAlarmManager.ScheduledAlarm a = alarm(context, target);
        if (a == null) {
            throw new AssertionError("no alarm armed for " + target);
        }
        new AlarmReceiver().onReceive(context, intentOf(a));
    }

    static List<Notification> shown(Context context) {
        return shadowOf((NotificationManager) context.getSystemService(Context.NOTIFICATION_SERVICE)).getAllNotifications();
    }

    static Notification shown(Context context, int id, String tag) {
        return shadowOf((NotificationManager) context.getSystemService(Context.NOTIFICATION_SERVICE)).getNotification(tag, id);
    }

    static String title(Notification n) {
        return n.extras.getCharSequence(Notification.EXTRA_TITLE).toString();
    }

    static String text(Notification n) {
        return n.extras.getCharSequence(Notification.EXTRA_TEXT).toString();
    }
}
