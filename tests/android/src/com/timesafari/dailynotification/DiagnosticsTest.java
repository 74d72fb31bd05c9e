// getDiagnostics through the plugin on Android: the platform facts it reads (permission, channels,
// exact alarms, App Standby bucket, Battery Saver, the schedule's next instants), the core's
// verdict on them with its own status, and the old isAlarmScheduled/getNextAlarmTime answered from
// the same state. The verdict's rules themselves are tested once in rust/core (diagnosis.rs).
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.app.usage.UsageStatsManager;
import android.content.Context;
import android.os.PowerManager;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.shadows.ShadowAlarmManager;

@RunWith(RobolectricTestRunner.class)
public class DiagnosticsTest extends SchedulingTestBase {

    private JSONObject diagnostics() throws Exception {
        PluginCalls.Outcome outcome = plugin.call("getDiagnostics", null);
        assertTrue(String.valueOf(outcome.data), outcome.resolved);
        return outcome.data;
    }

    private static List<String> codes(JSONObject d) throws Exception {
        JSONArray reasons = d.getJSONArray("reasons");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < reasons.length(); i++) {
            codes.add(reasons.getJSONObject(i).getString("code"));
        }
        return codes;
    }

    private void scheduleWithFetch() throws Exception {
        long notifyAt = Schedules.minuteFromNow(3 * 60 * 60_000L);
        assertTrue(plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, true, "show_default"))).resolved);
    }

    @Test
    public void with_nothing_scheduled_it_will_not_notify_and_says_so() throws Exception {
        JSONObject d = diagnostics();
        assertEquals("android", d.getString("platform"));
        assertFalse(d.getBoolean("willNotify"));
        // No dual schedule fetches content, so the unconfigured fetcher is no reason.
        assertEquals(List.of("NOTHING_SCHEDULED"), codes(d));
        assertEquals("granted", d.getString("notificationPermission"));
        assertTrue(d.getBoolean("channelEnabled"));
        assertTrue(d.getJSONObject("exactAlarms").getBoolean("enabled"));
        assertTrue(d.isNull("backgroundRefresh"));
        assertTrue(d.isNull("backgroundTaskRegistered"));
        assertTrue(d.isNull("nextNotificationAt"));
        assertTrue(d.isNull("nextFetchAt"));
        assertFalse(d.getJSONObject("fetcher").getBoolean("configured"));
    }

    @Test
    public void a_scheduled_fetch_reports_the_same_instants_as_the_schedule_status() throws Exception {
        scheduleWithFetch();
        JSONObject d = diagnostics();
        JSONObject dual = plugin.call("getDualScheduleStatus", null).data;
        assertEquals(dual.getString("nextNotificationAt"), d.getString("nextNotificationAt"));
        assertEquals(dual.getString("nextFetchAt"), d.getString("nextFetchAt"));
        assertTrue(d.getBoolean("willNotify"));
        assertFalse("the fetcher is not configured", d.getBoolean("freshContentExpected"));
        assertEquals(List.of("FETCHER_NOT_CONFIGURED"), codes(d));
    }

    @Test
    public void exact_alarms_standby_bucket_and_battery_saver_are_read_from_the_platform() throws Exception {
        scheduleWithFetch();
        ShadowAlarmManager.setCanScheduleExactAlarms(false);
        shadowOf((UsageStatsManager) app.getSystemService(Context.USAGE_STATS_SERVICE))
            .setCurrentAppStandbyBucket(UsageStatsManager.STANDBY_BUCKET_RARE);
        shadowOf((PowerManager) app.getSystemService(Context.POWER_SERVICE)).setIsPowerSaveMode(true);
        JSONObject d = diagnostics();
        assertFalse(d.getJSONObject("exactAlarms").getBoolean("enabled"));
        assertEquals("rare", d.getString("standbyBucket"));
        assertTrue(d.getBoolean("lowPowerMode"));
        assertEquals(List.of("EXACT_ALARMS_DENIED", "STANDBY_BUCKET_RESTRICTED", "LOW_POWER_MODE", "FETCHER_NOT_CONFIGURED"), codes(d));
        assertTrue("late and stale, but it comes", d.getBoolean("willNotify"));
        shadowOf((PowerManager) app.getSystemService(Context.POWER_SERVICE)).setIsPowerSaveMode(false);
    }

    @Test
    public void a_denied_permission_or_a_channel_turned_off_blocks() throws Exception {
        scheduleWithFetch();
        NotificationManager nm = (NotificationManager) app.getSystemService(Context.NOTIFICATION_SERVICE);
        nm.createNotificationChannel(new NotificationChannel(NotificationPoster.CHANNEL, "Daily notifications", NotificationManager.IMPORTANCE_NONE));
        JSONObject off = diagnostics();
        assertFalse(off.getBoolean("channelEnabled"));
        assertTrue(codes(off).contains("CHANNEL_DISABLED"));
        assertFalse(off.getBoolean("willNotify"));

        shadowOf(org.robolectric.RuntimeEnvironment.getApplication()).denyPermissions(Manifest.permission.POST_NOTIFICATIONS);
        JSONObject denied = diagnostics();
        assertFalse(denied.getBoolean("willNotify"));
        assertTrue(codes(denied).contains("NOTIFICATIONS_DENIED"));
    }

    @Test
    public void the_old_isAlarmScheduled_and_getNextAlarmTime_answer_from_the_same_state() throws Exception {
        assertFalse(plugin.call("isAlarmScheduled", null).data.getBoolean("scheduled"));
        JSONObject none = plugin.call("getNextAlarmTime", null).data;
        assertFalse(none.getBoolean("scheduled"));
        assertTrue(none.isNull("nextAlarmAt"));

        scheduleWithFetch();
        JSONObject d = diagnostics();
        assertTrue(plugin.call("isAlarmScheduled", null).data.getBoolean("scheduled"));
        JSONObject next = plugin.call("getNextAlarmTime", null).data;
        assertTrue(next.getBoolean("scheduled"));
        assertEquals(d.getString("nextNotificationAt"), next.getString("nextAlarmAt"));
    }
}
