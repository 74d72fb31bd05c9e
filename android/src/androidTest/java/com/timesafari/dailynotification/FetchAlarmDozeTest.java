// RUNS ONLY ON A DEVICE OR EMULATOR (connectedDebugAndroidTest, .github/workflows/android.yml, with
// tests/android/runner-endorser.py on the runner and the instrumentation argument dnpRunnerEndorser);
// androidx is not available where the host tests run, so this file is not compiled there.
// The fetch alarm in deep Doze (issue 14): with the exact-alarm grant and the device in deep idle
// (read back, not assumed), the real AlarmManager delivers the exact while-idle "dualFetch" alarm,
// AlarmReceiver runs the prefetch under goAsync within the while-idle network allowance, to a
// server on the runner (10.0.2.2: outside the device, so Doze's network rules apply; loopback is
// exempt from them), and the core records that the alarm fetched the occurrence. A negative
// control shows that this image's Doze does block the app's network outside the allowance.
// The decisions themselves are host-tested (rust/core/tests/schedule_plan.rs, AlarmPrefetchTest).
// Shell commands: DeviceIdleController's shell ("enable deep", "force-idle", "get deep",
// "unforce", "disable deep"), https://developer.android.com/training/monitoring-device-state/doze-standby#testing_doze
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import android.content.Context;
import android.os.Build;
import androidx.test.ext.junit.runners.AndroidJUnit4;
import androidx.test.platform.app.InstrumentationRegistry;
import java.io.IOException;
import java.util.Calendar;
import org.json.JSONObject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;

@RunWith(AndroidJUnit4.class)
public class FetchAlarmDozeTest {

    private final Context context = InstrumentationRegistry.getInstrumentation().getTargetContext();
    /** Deep idle was disabled on this image before the test (emulator images often ship so). */
    private boolean deepWasDisabled;

    @After
    public void leaveDoze() throws Exception {
        DeviceFixtures.shell("dumpsys deviceidle unforce");
        DeviceFixtures.shell("dumpsys battery reset");
        if (deepWasDisabled) {
            DeviceFixtures.shell("dumpsys deviceidle disable deep");
        }
        Schedule.handle(context, Schedule.event("cancelDualSchedule"), System.currentTimeMillis());
        NativeCore.clear();
        KeystoreKeyWrapper.androidKeyStore().delete();
    }

    private static String cron(long millis) {
        Calendar c = Calendar.getInstance();
        c.setTimeInMillis(millis);
        return c.get(Calendar.MINUTE) + " " + c.get(Calendar.HOUR_OF_DAY) + " * * *";
    }

    /** Deep idle, enabled if this image has it off, then read back: IDLE or the test fails. */
    private void enterDeepIdle() throws Exception {
        deepWasDisabled = DeviceFixtures.shell("dumpsys deviceidle enabled deep").trim().equals("0");
        if (deepWasDisabled) {
            DeviceFixtures.shell("dumpsys deviceidle enable deep");
        }
        DeviceFixtures.shell("dumpsys battery unplug");
        String forced = DeviceFixtures.shell("dumpsys deviceidle force-idle").trim();
        String deep = DeviceFixtures.shell("dumpsys deviceidle get deep").trim();
        assertEquals("precondition: deep Doze on this image (force-idle said \"" + forced + "\")", "IDLE", deep);
    }

    @Test
    public void the_exact_fetch_alarm_prefetches_from_the_runner_in_deep_doze() throws Exception {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
            // The user's grant (Settings > Alarms & reminders), given the way adb gives it.
            DeviceFixtures.shell("appops set " + context.getPackageName() + " SCHEDULE_EXACT_ALARM allow");
        }
        assertTrue("precondition: exact alarms allowed", AlarmScheduler.canScheduleExact(context));
        // Plain http to a private-range host: the core allows it only for a debug build whose app
        // opted in (allowDevelopmentHttp); the test APK is the debug variant.
        assertTrue("precondition: a debuggable test APK", DailyNotificationPlugin.isDebuggable(context));
        DeviceFixtures.RunnerEndorser server = new DeviceFixtures.RunnerEndorser();
        server.reset(); // also: the runner's server is reachable before Doze

        NativeFetcher.ensureInitialized(context);
        JSONObject options = DeviceFixtures.options(server.baseUrl).put("allowDevelopmentHttp", true);
        NativeCore.configure(FetcherOptions.configure(options, DailyNotificationPlugin.isDebuggable(context)));
        // Notify in 30 minutes, fetch at T-5: the core arms the fetch alarm at T-10.
        long notifyAt = System.currentTimeMillis() + 30 * 60_000L;
        JSONObject config = new JSONObject()
            .put("contentFetch", new JSONObject().put("enabled", true).put("schedule", cron(notifyAt - 5 * 60_000L)))
            .put("userNotification", new JSONObject().put("schedule", cron(notifyAt)).put("title", "New Activity").put("body", "b"));
        Schedule.handle(context, Schedule.call("scheduleDualNotification", new JSONObject().put("config", config)),
            System.currentTimeMillis());

        enterDeepIdle();
        // Negative control: outside an alarm's allowance, Doze blocks this app's network to the runner.
        try {
            server.request("GET", "/count", 3_000);
            fail("precondition: in deep idle this app still reached " + server.baseUrl + "; Doze's network rules do not apply on this image");
        } catch (IOException blocked) {
            // expected: no network for the app in deep idle
        }

        // The same fetch alarm, re-armed 10 s from now instead of waiting for T-10.
        AlarmScheduler.arm(context, Schedule.FETCH_TARGET, System.currentTimeMillis() + 10_000L);
        long until = System.currentTimeMillis() + 120_000L;
        String state = null;
        while (System.currentTimeMillis() < until) {
            state = context.getSharedPreferences(Schedule.PREFERENCES, Context.MODE_PRIVATE).getString("state", null);
            if (state != null && new JSONObject(state).optLong("alarmFetchedFor") > 0) {
                break;
            }
            Thread.sleep(500L);
        }
        assertEquals("still in deep idle when the alarm ran", "IDLE", DeviceFixtures.shell("dumpsys deviceidle get deep").trim());
        assertNotNull(state);
        assertTrue("the core recorded the alarm's prefetch (outcome ok within the allowance)",
            new JSONObject(state).optLong("alarmFetchedFor") > 0);
        assertEquals("ok", new JSONObject(NativeCore.status()).getJSONObject("lastPrefetch").getString("outcome"));
        assertNotNull("its content is stored for the notification", NotificationContentStore.read(context));

        DeviceFixtures.shell("dumpsys deviceidle unforce");
        assertEquals("the alarm's prefetch reached the runner once", 1, server.reports());
    }
}
