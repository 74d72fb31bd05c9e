// AlarmReceiver: the broadcast of the plugin's alarms (action org.timesafari.daily.NOTIFICATION,
// explicit, not exported). Reports the fired occurrence to the core's schedule (Schedule), which
// decides what to show and arms the next one. The work is one core call, a few SharedPreferences
// reads and one notify(), well within a receiver's time.
package com.timesafari.dailynotification;

import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.util.Log;
import org.json.JSONException;

public final class AlarmReceiver extends BroadcastReceiver {

    @Override
    public void onReceive(Context context, Intent intent) {
        if (intent == null || !AlarmScheduler.ACTION_NOTIFICATION.equals(intent.getAction())) {
            return;
        }
        String target = AlarmScheduler.target(intent);
        long occurrence = intent.getLongExtra(AlarmScheduler.EXTRA_OCCURRENCE, 0L);
        if (target == null || occurrence <= 0) {
            return; // Not one of ours (e.g. an alarm left by the plugin this one replaced).
        }
        long now = System.currentTimeMillis();
        try {
            Schedule.onAlarm(context, target, occurrence, now);
        } catch (NativeCoreException | JSONException | RuntimeException | LinkageError e) {
            // Never crash the app from a background broadcast; the next re-arm (boot, app start) retries.
            Log.e("DailyNotification", "alarm handling failed: " + e.getClass().getSimpleName());
        }
    }
}
