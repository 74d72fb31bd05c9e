// RUNS ONLY ON A DEVICE OR EMULATOR (connectedDebugAndroidTest, .github/workflows/android.yml);
// androidx is not available where the host tests run, so this file is not compiled there.
// The dual schedule's alarm in the real AlarmManager: armed (exactly, once the exact-alarm grant is
// given) by a schedule, and armed again by the boot receiver after it is gone, as after a reboot.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.net.Uri;
import android.os.Build;
import android.os.ParcelFileDescriptor;
import androidx.test.ext.junit.runners.AndroidJUnit4;
import androidx.test.platform.app.InstrumentationRegistry;
import java.io.InputStream;
import org.json.JSONObject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;

@RunWith(AndroidJUnit4.class)
public class AlarmRearmTest {

    private final Context context = InstrumentationRegistry.getInstrumentation().getTargetContext();

    @After
    public void cancel() throws Exception {
        Schedule.handle(context, Schedule.event("cancelDualSchedule"), System.currentTimeMillis());
    }

    /** The alarm's PendingIntent, if armed (same intent as AlarmScheduler's; FLAG_NO_CREATE only looks). */
    private PendingIntent armedAlarm() {
        Intent intent = new Intent(AlarmScheduler.ACTION_NOTIFICATION)
            .setClass(context, AlarmReceiver.class)
            .setData(Uri.fromParts("dailynotification", Schedule.DUAL_TARGET, null));
        return PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_NO_CREATE | PendingIntent.FLAG_IMMUTABLE);
    }

    @Test
    public void a_schedule_arms_an_exact_alarm_and_the_boot_receiver_arms_it_again() throws Exception {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
            // The user's grant (Settings > Alarms & reminders), given the way adb gives it.
            ParcelFileDescriptor output = InstrumentationRegistry.getInstrumentation().getUiAutomation()
                .executeShellCommand("appops set " + context.getPackageName() + " SCHEDULE_EXACT_ALARM allow");
            // Reading to the end waits for the command to finish.
            try (InputStream in = new ParcelFileDescriptor.AutoCloseInputStream(output)) {
                while (in.read() != -1) {
                    // discard
                }
            }
        }
        assertTrue("exact alarms allowed", AlarmScheduler.canScheduleExact(context));

        JSONObject config = new JSONObject()
            .put("contentFetch", new JSONObject().put("enabled", false).put("schedule", "0 8 * * *"))
            .put("userNotification", new JSONObject().put("schedule", "5 8 * * *").put("title", "New Activity").put("body", "b"));
        Schedule.handle(context, Schedule.call("scheduleDualNotification", new JSONObject().put("config", config)),
            System.currentTimeMillis());
        assertNotNull("the schedule armed its alarm", armedAlarm());

        // A reboot drops every alarm.
        AlarmScheduler.cancel(context, Schedule.DUAL_TARGET);
        assertNull(armedAlarm());

        new RescheduleReceiver().onReceive(context, new Intent(Intent.ACTION_BOOT_COMPLETED));
        assertNotNull("BOOT_COMPLETED re-armed the alarm", armedAlarm());
    }
}
