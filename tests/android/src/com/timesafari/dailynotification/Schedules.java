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
import com.getcapacitor.JSObject;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.json.JSONObject;
import org.robolectric.shadows.ShadowAlarmManager;

final class Schedules {

    private Schedules() {}

    /** What the dual schedule asked WorkManager for. */
    static final class RecordingQueue implements PrefetchQueue {
        final List<Long> delays = new ArrayList<>();
        int cancels;

        @Override
        public void enqueue(Context context, long delayMillis) {
            delays.add(delayMillis);
        }

        @Override
        public void cancel(Context context) {
            cancels++;
        }

        long lastDelay() {
            return delays.get(delays.size() - 1);
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
