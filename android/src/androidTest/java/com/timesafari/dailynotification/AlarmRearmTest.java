// RUNS ONLY ON A DEVICE OR EMULATOR (connectedDebugAndroidTest, .github/workflows/android.yml);
// androidx is not available where the host tests run, so this file is not compiled there.
// The dual schedule's alarm in the real AlarmManager, read back from `dumpsys alarm` (a
// PendingIntent that exists proves no alarm): this package's RTC_WAKEUP alarm at the armed
// instant, exact (window 0) and allowed while idle. Armed by a schedule; gone after the alarms are
// dropped (as a reboot, a revoke or a force stop drops them); armed again by BOOT_COMPLETED and by
// the next WorkManager job's start (fetchStart), the entry points that survive.
// The dump's format is AlarmManagerService's: a header "Alarm{<hash> type <type> when <ms> <pkg>}"
// (API 26-30) or "Alarm{<hash> type <type> origWhen <ms>  whenElapsed <ms> <pkg>}" (API 31+,
// apex/jobscheduler/.../alarm/Alarm.java toString), then "tag=…", then a line with " window=<d>"
// and " flags=0x<hex>" (Alarm.dump). Exact alarms carry FLAG_STANDALONE (0x1, set for a window of
// 0) and setExactAndAllowWhileIdle with the grant FLAG_ALLOW_WHILE_IDLE (0x4); without the grant
// the service swaps 0x4 for FLAG_ALLOW_WHILE_IDLE_COMPAT (0x20), so 0x4 means exact-while-idle.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import android.content.Intent;
import android.os.Build;
import androidx.test.ext.junit.runners.AndroidJUnit4;
import androidx.test.platform.app.InstrumentationRegistry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;

@RunWith(AndroidJUnit4.class)
public class AlarmRearmTest {

    private static final int FLAG_STANDALONE = 0x1;
    private static final int FLAG_ALLOW_WHILE_IDLE = 0x4;

    private final Context context = InstrumentationRegistry.getInstrumentation().getTargetContext();

    @After
    public void cancel() throws Exception {
        Schedule.handle(context, Schedule.event("cancelDualSchedule"), System.currentTimeMillis());
    }

    /** One alarm of this package as `dumpsys alarm` shows it. */
    static final class DumpedAlarm {
        final int type;
        final long when;
        final String window;
        final int flags;

        DumpedAlarm(int type, long when, String window, int flags) {
            this.type = type;
            this.when = when;
            this.window = window;
            this.flags = flags;
        }
    }

    /** This package's alarm at {@code when} in `dumpsys alarm`, or null. */
    private DumpedAlarm dumpedAlarm(long when) throws Exception {
        String dump = DeviceFixtures.shell("dumpsys alarm");
        Pattern header = Pattern.compile("Alarm\\{[0-9a-f]+ type (\\d+) (?:origWhen|when) (-?\\d+) .*?"
            + Pattern.quote(context.getPackageName()) + "\\}");
        Pattern details = Pattern.compile(" window=(\\S+) .* flags=0x([0-9a-f]+)");
        String[] lines = dump.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher h = header.matcher(lines[i]);
            if (!h.find() || Long.parseLong(h.group(2)) != when) {
                continue;
            }
            // The pending list's entry is followed by its details; a summary line ("Next wakeup
            // alarm: …") naming the same alarm is not.
            for (int j = i + 1; j < Math.min(lines.length, i + 4); j++) {
                Matcher d = details.matcher(lines[j]);
                if (d.find()) {
                    return new DumpedAlarm(Integer.parseInt(h.group(1)), when, d.group(1), Integer.parseInt(d.group(2), 16));
                }
            }
        }
        return null;
    }

    private void assertExactWhileIdleAlarmAt(String what, long when) throws Exception {
        DumpedAlarm alarm = dumpedAlarm(when);
        if (alarm == null) {
            throw new AssertionError(what + ": no alarm of " + context.getPackageName() + " at " + when + " in dumpsys alarm");
        }
        assertEquals(what + ": RTC_WAKEUP", 0, alarm.type);
        assertEquals(what + ": exact (window 0)", "0", alarm.window);
        assertEquals(what + ": FLAG_STANDALONE", FLAG_STANDALONE, alarm.flags & FLAG_STANDALONE);
        assertEquals(what + ": FLAG_ALLOW_WHILE_IDLE", FLAG_ALLOW_WHILE_IDLE, alarm.flags & FLAG_ALLOW_WHILE_IDLE);
    }

    private long armedAt() throws Exception {
        String state = context.getSharedPreferences(Schedule.PREFERENCES, Context.MODE_PRIVATE).getString("state", null);
        long at = new JSONObject(state).getLong("armedAt");
        assertTrue("the core armed an occurrence", at > System.currentTimeMillis());
        return at;
    }

    @Test
    public void the_dual_alarm_is_exact_while_idle_in_the_alarm_manager_and_comes_back_after_being_dropped() throws Exception {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
            // The user's grant (Settings > Alarms & reminders), given the way adb gives it.
            DeviceFixtures.shell("appops set " + context.getPackageName() + " SCHEDULE_EXACT_ALARM allow");
        }
        assertTrue("precondition: exact alarms allowed", AlarmScheduler.canScheduleExact(context));

        JSONObject config = new JSONObject()
            .put("contentFetch", new JSONObject().put("enabled", false).put("schedule", "0 8 * * *"))
            .put("userNotification", new JSONObject().put("schedule", "5 8 * * *").put("title", "New Activity").put("body", "b"));
        // Schedule.handle throws on any failure (Schedule.rearm, which logs and swallows, is not used
        // to set up what is checked).
        Schedule.handle(context, Schedule.call("scheduleDualNotification", new JSONObject().put("config", config)),
            System.currentTimeMillis());
        long at = armedAt();
        assertExactWhileIdleAlarmAt("after scheduling", at);

        // A reboot, a revoke or a force stop drops every alarm.
        AlarmScheduler.cancel(context, Schedule.DUAL_TARGET);
        assertNull("the alarm was dropped", dumpedAlarm(at));
        new RescheduleReceiver().onReceive(context, new Intent(Intent.ACTION_BOOT_COMPLETED));
        assertExactWhileIdleAlarmAt("after BOOT_COMPLETED", at);

        AlarmScheduler.cancel(context, Schedule.DUAL_TARGET);
        assertNull("the alarm was dropped", dumpedAlarm(at));
        // The next WorkManager job's start (or the fetch alarm's) re-arms the plan.
        Schedule.startFetch(context, Schedule.BY_WORK, System.currentTimeMillis());
        assertExactWhileIdleAlarmAt("after the next job's start", at);
    }
}
