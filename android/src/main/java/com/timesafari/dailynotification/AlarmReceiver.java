// AlarmReceiver: the broadcast of the plugin's alarms (action org.timesafari.daily.NOTIFICATION,
// explicit, not exported). A notification alarm reports the fired occurrence to the core's
// schedule (Schedule), which decides what to show and arms the next one: one core call, a few
// SharedPreferences reads and one notify(), well within a receiver's time. The fetch alarm
// ("dualFetch") runs the prefetch under goAsync on its own thread, within the core's deadline.
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
        if (Schedule.FETCH_TARGET.equals(target)) {
            fetch(context.getApplicationContext(), goAsync(), now);
            return;
        }
        try {
            Schedule.onAlarm(context, target, occurrence, now);
        } catch (NativeCoreException | JSONException | RuntimeException | LinkageError e) {
            // Never crash the app from a background broadcast; the next re-arm (boot, app start) retries.
            Log.e("DailyNotification", "alarm handling failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The fetch alarm: the prefetch runs off the main thread (the core blocks on the network)
     * within the deadline the core gives an alarm run. That deadline is Doze's while-idle network
     * allowance (about 10 s), which starts when the alarm is delivered: {@code receivedAt}, not
     * after the store and the Keystore are opened. A {@code retry} leaves it to the queued
     * WorkManager job; the core keeps the two from fetching one occurrence twice.
     */
    static Thread fetch(Context context, PendingResult pending, long receivedAt) {
        Thread t = new Thread(() -> {
            try {
                long deadline = Schedule.startFetch(context, Schedule.BY_ALARM, receivedAt);
                if (deadline > 0) {
                    PrefetchWorker.run(context, deadline, receivedAt, Schedule.BY_ALARM);
                }
            } catch (NativeCoreException | JSONException | RuntimeException | LinkageError e) {
                Log.e("DailyNotification", "alarm prefetch failed: " + e.getClass().getSimpleName());
            } finally {
                if (pending != null) {
                    pending.finish();
                }
            }
        }, "dnp-alarm-prefetch");
        t.start();
        return t;
    }
}
