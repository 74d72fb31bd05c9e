// RescheduleReceiver: re-arms the stored schedules when their alarms are gone or mistimed: after a
// reboot (alarms do not survive one: the old plugin's "reboot lost schedules"), an app update, a
// clock or time-zone change (alarms are absolute instants, the schedule is local time), and when the
// exact-alarm grant changes (to switch between exact and inexact alarms).
package com.timesafari.dailynotification;

import android.app.AlarmManager;
import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.util.Log;
import org.json.JSONException;

public final class RescheduleReceiver extends BroadcastReceiver {

    @Override
    public void onReceive(Context context, Intent intent) {
        String action = intent == null ? null : intent.getAction();
        if (action == null) {
            return;
        }
        boolean withFetch;
        switch (action) {
            case Intent.ACTION_BOOT_COMPLETED:
            case Intent.ACTION_MY_PACKAGE_REPLACED:
            case Intent.ACTION_TIME_CHANGED:
            case Intent.ACTION_TIMEZONE_CHANGED:
                // The prefetch's delay was computed for the old clock: queue it again.
                withFetch = true;
                break;
            case AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED:
                withFetch = false;
                break;
            default:
                return;
        }
        long now = System.currentTimeMillis();
        try {
            DualSchedule.rearm(context, now, withFetch);
            DailyReminder.rearmAll(context, now);
        } catch (JSONException | RuntimeException e) {
            Log.e("DailyNotification", "re-arming failed: " + e.getClass().getSimpleName());
        }
    }
}
