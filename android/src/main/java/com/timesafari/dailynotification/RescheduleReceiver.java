// RescheduleReceiver: re-arms the stored schedules when their alarms are gone or mistimed: after a
// reboot (alarms do not survive one: the old plugin's "reboot lost schedules"), an app update, a
// clock or time-zone change (alarms are absolute instants, the schedule is local time), and when the
// exact-alarm grant changes (to switch between exact and inexact alarms). The core's schedule says
// what to arm for each of these events (Schedule).
package com.timesafari.dailynotification;

import android.app.AlarmManager;
import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;

public final class RescheduleReceiver extends BroadcastReceiver {

    @Override
    public void onReceive(Context context, Intent intent) {
        String action = intent == null ? null : intent.getAction();
        if (action == null) {
            return;
        }
        String event;
        switch (action) {
            case Intent.ACTION_BOOT_COMPLETED:
            case Intent.ACTION_MY_PACKAGE_REPLACED:
                event = "boot";
                break;
            case Intent.ACTION_TIME_CHANGED:
            case Intent.ACTION_TIMEZONE_CHANGED:
                event = "timeChange";
                break;
            case AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED:
                event = "permissionChange";
                break;
            default:
                return;
        }
        Schedule.rearm(context, event, System.currentTimeMillis());
    }
}
