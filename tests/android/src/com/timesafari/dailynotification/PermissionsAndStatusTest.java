// Permissions, exact alarms and the notification overview through the plugin: the documented
// { display, allPermissionsGranted } and { supported, enabled } shapes, the exact-alarm screen,
// getNotificationStatus, and cancelAllNotifications (every schedule and only the plugin's own
// notifications, not the app's others).
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.Notification;
import android.app.NotificationManager;
import android.content.Context;
import android.content.Intent;
import android.provider.Settings;
import com.getcapacitor.JSObject;
import org.json.JSONObject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.shadows.ShadowAlarmManager;

@RunWith(RobolectricTestRunner.class)
public class PermissionsAndStatusTest extends SchedulingTestBase {

    private static final long MINUTE = 60_000L;


    @Override
    protected boolean grantNotifications() {
        return false;
    }

    @Test
    public void permissions_report_prompt_until_POST_NOTIFICATIONS_is_granted() throws Exception {
        JSONObject before = plugin.call("checkPermissions", null).data;
        assertEquals("prompt", before.getString("display"));
        assertFalse(before.getBoolean("allPermissionsGranted"));
        assertFalse(plugin.call("getNotificationStatus", null).data.getBoolean("isEnabled"));

        shadowOf(RuntimeEnvironment.getApplication()).grantPermissions(Manifest.permission.POST_NOTIFICATIONS);
        JSONObject after = plugin.call("checkPermissions", null).data;
        assertEquals("granted", after.getString("display"));
        assertTrue(after.getBoolean("allPermissionsGranted"));
        PluginCalls.Outcome requested = plugin.call("requestPermissions", null);
        assertTrue("granted: resolves without a prompt", requested.resolved);
        assertEquals("granted", requested.data.getString("display"));
        assertTrue(plugin.call("getNotificationStatus", null).data.getBoolean("isEnabled"));

        // Granted, but the user switched the app's notifications off.
        shadowOf((NotificationManager) app.getSystemService(Context.NOTIFICATION_SERVICE)).setNotificationsEnabled(false);
        assertEquals("denied", plugin.call("checkPermissions", null).data.getString("display"));
    }

    @Test
    public void exact_alarm_status_follows_the_grant_and_alarms_fall_back_to_inexact() throws Exception {
        ShadowAlarmManager.setCanScheduleExactAlarms(false);
        JSONObject status = plugin.call("getExactAlarmStatus", null).data;
        assertTrue(status.getBoolean("supported"));
        assertFalse(status.getBoolean("enabled"));
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        assertTrue(plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, true, null))).resolved);
        ShadowAlarmManager.ScheduledAlarm inexact = Schedules.alarm(app, Schedule.DUAL_TARGET);
        assertEquals(notifyAt, inexact.getTriggerAtMs());
        assertTrue(inexact.getWindowLengthMs() != ShadowAlarmManager.WINDOW_EXACT);
        assertTrue(inexact.isAllowWhileIdle());

        ShadowAlarmManager.setCanScheduleExactAlarms(true);
        assertTrue(plugin.call("getExactAlarmStatus", null).data.getBoolean("enabled"));
    }

    @Test
    public void requestExactAlarmPermission_opens_the_system_screen_only_when_needed() throws Exception {
        ShadowAlarmManager.setCanScheduleExactAlarms(false);
        // Resolves when the user comes back (the activity resumes; EventsTest checks the status).
        java.util.concurrent.CompletableFuture<PluginCalls.Outcome> asked = plugin.start("requestExactAlarmPermission", null);
        plugin.plugin().handleOnResume();
        assertTrue(asked.get(10, java.util.concurrent.TimeUnit.SECONDS).resolved);
        Intent opened = shadowOf(RuntimeEnvironment.getApplication()).getNextStartedActivity();
        assertNotNull("no settings screen opened", opened);
        assertEquals(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, opened.getAction());
        assertEquals("package:" + app.getPackageName(), opened.getDataString());

        ShadowAlarmManager.setCanScheduleExactAlarms(true);
        assertTrue(plugin.call("requestExactAlarmPermission", null).resolved);
        assertNull("opened although granted", shadowOf(RuntimeEnvironment.getApplication()).getNextStartedActivity());

        assertTrue(plugin.call("openExactAlarmSettings", null).resolved);
        Intent settings = shadowOf(RuntimeEnvironment.getApplication()).getNextStartedActivity();
        assertNotNull(settings);
        assertEquals(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, settings.getAction());
    }

    @Test
    public void notification_status_and_cancel_all() throws Exception {
        shadowOf(RuntimeEnvironment.getApplication()).grantPermissions(Manifest.permission.POST_NOTIFICATIONS);
        JSONObject empty = plugin.call("getNotificationStatus", null).data;
        assertFalse(empty.getBoolean("isScheduled"));
        assertEquals(0, empty.getInt("pending"));
        assertEquals(JSONObject.NULL, empty.get("nextNotificationAt"));

        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, false, null)));
        JSObject reminder = new JSObject();
        reminder.put("time", Schedules.hhmm(notifyAt + 60 * MINUTE));
        reminder.put("title", "t");
        reminder.put("body", "b");
        plugin.call("scheduleDailyNotification", reminder);
        JSONObject status = plugin.call("getNotificationStatus", null).data;
        assertTrue(status.getBoolean("isScheduled"));
        assertEquals(2, status.getInt("pending"));
        assertEquals(Rfc3339.format(notifyAt), status.getString("nextNotificationAt"));

        Schedules.fire(app, Schedule.DUAL_TARGET);
        NotificationManager nm = (NotificationManager) app.getSystemService(Context.NOTIFICATION_SERVICE);
        Notification foreign = new Notification.Builder(app, "app-channel").setSmallIcon(android.R.drawable.ic_dialog_info).build();
        nm.notify(7, foreign);
        assertEquals(2, Schedules.shown(app).size());

        assertTrue(plugin.call("cancelAllNotifications", null).resolved);
        assertTrue(Schedules.alarms(app).getScheduledAlarms().isEmpty());
        assertEquals(1, Schedules.shown(app).size());
        assertNotNull("the app's own notification was cancelled", shadowOf(nm).getNotification(7));
        assertFalse(plugin.call("getNotificationStatus", null).data.getBoolean("isScheduled"));
        assertFalse(plugin.call("getDualScheduleStatus", null).data.getBoolean("scheduled"));
        assertTrue(queue.cancelAlls > 0);
    }
}
