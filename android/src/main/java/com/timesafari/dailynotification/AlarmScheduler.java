// AlarmScheduler: the plugin's AlarmManager alarms. Each schedule has one alarm, an explicit
// broadcast to AlarmReceiver told apart by its data URI (PendingIntents that differ only in extras
// would replace each other). Exact while-idle alarms when the app may use them, so the notification
// is on time in Doze; otherwise inexact while-idle ones, which the system may defer.
package com.timesafari.dailynotification;

import android.app.AlarmManager;
import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.net.Uri;
import android.os.Build;
import android.util.Log;

final class AlarmScheduler {

    /** The action of the plugin this one replaces, kept so that logs and tools read the same. */
    static final String ACTION_NOTIFICATION = "org.timesafari.daily.NOTIFICATION";
    static final String EXTRA_OCCURRENCE = "occurrence";
    private static final String SCHEME = "dailynotification";

    private AlarmScheduler() {}

    /** Exact alarms are allowed: always below Android 12, else the user's or system's grant. */
    static boolean canScheduleExact(Context context) {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.S) {
            return true;
        }
        return alarmManager(context).canScheduleExactAlarms();
    }

    /** Arms (or re-arms: same target, same PendingIntent) the alarm for {@code occurrence}. */
    static void arm(Context context, String target, long occurrence) {
        Intent intent = intent(context, target).putExtra(EXTRA_OCCURRENCE, occurrence);
        PendingIntent operation = PendingIntent.getBroadcast(
            context, 0, intent, PendingIntent.FLAG_UPDATE_CURRENT | PendingIntent.FLAG_IMMUTABLE);
        AlarmManager am = alarmManager(context);
        if (canScheduleExact(context)) {
            try {
                am.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, occurrence, operation);
                return;
            } catch (SecurityException e) {
                // The grant was revoked between the check and the call: fall through to inexact.
                Log.w("DailyNotification", "exact alarm refused; using an inexact one");
            }
        }
        am.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, occurrence, operation);
    }

    static void cancel(Context context, String target) {
        PendingIntent operation = PendingIntent.getBroadcast(
            context, 0, intent(context, target), PendingIntent.FLAG_NO_CREATE | PendingIntent.FLAG_IMMUTABLE);
        if (operation != null) {
            alarmManager(context).cancel(operation);
            operation.cancel();
        }
    }

    /** "dualSchedule", or "reminder/<id>": what an alarm is for. */
    static String target(Intent intent) {
        Uri data = intent.getData();
        if (data == null || !SCHEME.equals(data.getScheme())) {
            return null;
        }
        return data.getSchemeSpecificPart();
    }

    private static Intent intent(Context context, String target) {
        return new Intent(ACTION_NOTIFICATION)
            .setClass(context, AlarmReceiver.class)
            .setData(Uri.fromParts(SCHEME, target, null));
    }

    private static AlarmManager alarmManager(Context context) {
        return (AlarmManager) context.getSystemService(Context.ALARM_SERVICE);
    }
}
