// RUNS ONLY ON A DEVICE OR EMULATOR (connectedDebugAndroidTest, .github/workflows/android.yml);
// androidx is not available where the host tests run, so this file is not compiled there.
// The fetch alarm in Doze (issue 14): with the exact-alarm grant and the device forced idle, the
// real AlarmManager delivers the exact while-idle "dualFetch" alarm, AlarmReceiver runs the
// prefetch under goAsync to the end (one request to a loopback Endorser), and the core records
// that the alarm fetched the occurrence, so the WorkManager fallback will not fetch it again. The
// decisions themselves are host-tested (rust/core/tests/schedule_plan.rs, AlarmPrefetchTest).
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import android.os.Build;
import android.os.ParcelFileDescriptor;
import androidx.test.ext.junit.runners.AndroidJUnit4;
import androidx.test.platform.app.InstrumentationRegistry;
import java.io.InputStream;
import java.util.Calendar;
import org.json.JSONObject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;

@RunWith(AndroidJUnit4.class)
public class FetchAlarmDozeTest {

    private final Context context = InstrumentationRegistry.getInstrumentation().getTargetContext();

    private static void shell(String command) throws Exception {
        ParcelFileDescriptor output = InstrumentationRegistry.getInstrumentation().getUiAutomation().executeShellCommand(command);
        // Reading to the end waits for the command to finish.
        try (InputStream in = new ParcelFileDescriptor.AutoCloseInputStream(output)) {
            while (in.read() != -1) {
                // discard
            }
        }
    }

    @After
    public void leaveDoze() throws Exception {
        shell("dumpsys deviceidle unforce");
        shell("dumpsys battery reset");
        Schedule.handle(context, Schedule.event("cancelDualSchedule"), System.currentTimeMillis());
        NativeCore.clear();
        KeystoreKeyWrapper.androidKeyStore().delete();
    }

    private static String cron(long millis) {
        Calendar c = Calendar.getInstance();
        c.setTimeInMillis(millis);
        return c.get(Calendar.MINUTE) + " " + c.get(Calendar.HOUR_OF_DAY) + " * * *";
    }

    @Test
    public void the_exact_fetch_alarm_prefetches_in_doze() throws Exception {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
            shell("appops set " + context.getPackageName() + " SCHEDULE_EXACT_ALARM allow");
        }
        assertTrue("exact alarms allowed", AlarmScheduler.canScheduleExact(context));
        try (DeviceFixtures.LoopbackEndorser server = new DeviceFixtures.LoopbackEndorser()) {
            NativeFetcher.ensureInitialized(context);
            NativeCore.configure(DeviceFixtures.options(server.baseUrl()).toString());
            // Notify in 30 minutes, fetch at T-5: the core arms the fetch alarm at T-10.
            long notifyAt = System.currentTimeMillis() + 30 * 60_000L;
            JSONObject config = new JSONObject()
                .put("contentFetch", new JSONObject().put("enabled", true).put("schedule", cron(notifyAt - 5 * 60_000L)))
                .put("userNotification", new JSONObject().put("schedule", cron(notifyAt)).put("title", "New Activity").put("body", "b"));
            Schedule.handle(context, Schedule.call("scheduleDualNotification", new JSONObject().put("config", config)),
                System.currentTimeMillis());

            // Forced idle (deep Doze), then the same alarm re-armed 10 s from now instead of waiting.
            shell("dumpsys battery unplug");
            shell("dumpsys deviceidle force-idle");
            AlarmScheduler.arm(context, Schedule.FETCH_TARGET, System.currentTimeMillis() + 10_000L);

            long until = System.currentTimeMillis() + 120_000L;
            while (server.reports.get() == 0 && System.currentTimeMillis() < until) {
                Thread.sleep(1_000L);
            }
            assertEquals("the alarm's prefetch reached the server once", 1, server.reports.get());
            // goAsync's thread finishes after the request: wait for its report to the schedule.
            String state = null;
            while (System.currentTimeMillis() < until) {
                state = context.getSharedPreferences(Schedule.PREFERENCES, Context.MODE_PRIVATE).getString("state", null);
                if (state != null && new JSONObject(state).optLong("alarmFetchedFor") > 0) {
                    break;
                }
                Thread.sleep(500L);
            }
            assertNotNull(state);
            assertTrue("the core recorded the alarm's prefetch", new JSONObject(state).optLong("alarmFetchedFor") > 0);
            assertNotNull("its content is stored for the notification", NotificationContentStore.read(context));
        }
    }
}
