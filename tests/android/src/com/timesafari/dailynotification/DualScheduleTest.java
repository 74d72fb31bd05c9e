// The dual schedule through the plugin calls: the alarm armed at the notification's local time, the
// prefetch queued for its fetch time, status, update, cancel (which leaves the daily reminder), and
// the core's rejections (tests/vectors/schedule.json), including the daily-cron and url limits.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import android.app.AlarmManager;
import android.content.Intent;
import androidx.work.ExistingWorkPolicy;
import java.util.TimeZone;
import com.getcapacitor.JSObject;
import org.json.JSONObject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.shadows.ShadowAlarmManager;

@RunWith(RobolectricTestRunner.class)
public class DualScheduleTest extends SchedulingTestBase {

    private static final long MINUTE = 60_000L;
    private static final long DAY = 24 * 60 * MINUTE;


    private void assertRejected(PluginCalls.Outcome outcome, String code, String messagePart, String notEchoed) {
        assertFalse("expected a rejection", outcome.resolved);
        assertEquals(code, outcome.code());
        assertTrue("message: " + outcome.message(), outcome.message().contains(messagePart));
        if (notEchoed != null) {
            assertFalse("the message echoes the value: " + outcome.message(), outcome.message().contains(notEchoed));
        }
    }

    @Test
    public void scheduling_arms_an_exact_alarm_at_the_local_time_and_queues_the_prefetch_five_minutes_before() throws Exception {
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        long before = System.currentTimeMillis();
        PluginCalls.Outcome outcome = plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, true, "skip")));
        long after = System.currentTimeMillis();
        assertTrue(outcome.resolved);
        assertEquals(0, outcome.data.length());

        ShadowAlarmManager.ScheduledAlarm alarm = Schedules.alarm(app, Schedule.DUAL_TARGET);
        assertNotNull("no alarm armed", alarm);
        assertEquals(notifyAt, alarm.getTriggerAtMs());
        assertEquals(AlarmManager.RTC_WAKEUP, alarm.getType());
        assertEquals("exact", ShadowAlarmManager.WINDOW_EXACT, alarm.getWindowLengthMs());
        assertTrue(alarm.isAllowWhileIdle());
        assertEquals(AlarmScheduler.ACTION_NOTIFICATION, Schedules.intentOf(alarm).getAction());

        assertEquals(1, queue.delays.size());
        long fetchAt = notifyAt - 5 * MINUTE;
        assertTrue("delay " + queue.lastDelay(), queue.lastDelay() <= fetchAt - before && queue.lastDelay() >= fetchAt - after);

        JSONObject status = plugin.call("getDualScheduleStatus", null).data;
        assertTrue(status.getBoolean("scheduled"));
        assertEquals(Rfc3339.format(notifyAt), status.getString("nextNotificationAt"));
        // Exact alarms are allowed here: the fetch alarm at T-10 min comes first (the job at T-5
        // is its fallback), and it is the next fetch.
        assertEquals(notifyAt - 10 * MINUTE, Schedules.alarm(app, Schedule.FETCH_TARGET).getTriggerAtMs());
        assertEquals(Rfc3339.format(notifyAt - 10 * MINUTE), status.getString("nextFetchAt"));
        assertTrue(status.getString("nextNotificationAt").endsWith("Z"));
        assertEquals("Default title", status.getJSONObject("config").getJSONObject("userNotification").getString("title"));
        assertTrue(status.has("lastPrefetch"));
    }

    @Test
    public void a_notification_time_already_past_today_is_armed_for_tomorrow() throws Exception {
        long passed = Schedules.minuteFromNow(-60 * MINUTE);
        assertTrue(plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(passed, true, null))).resolved);
        // Asia/Kolkata has no daylight saving time: tomorrow's occurrence is exactly a day later.
        assertEquals(passed + DAY, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        // The fetch alarm's instant (exact alarms are allowed here).
        assertEquals(Rfc3339.format(passed + DAY - 10 * MINUTE), plugin.call("getDualScheduleStatus", null).data.getString("nextFetchAt"));
    }

    @Test
    public void scheduling_after_todays_fetch_time_queues_the_prefetch_at_once() throws Exception {
        long notifyAt = Schedules.minuteFromNow(2 * MINUTE);
        assertTrue(plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, true, null))).resolved);
        assertEquals(notifyAt, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        assertEquals(0L, queue.lastDelay());
    }

    @Test
    public void without_content_fetch_no_prefetch_is_queued() throws Exception {
        long notifyAt = Schedules.minuteFromNow(3 * 60 * MINUTE);
        assertTrue(plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, false, null))).resolved);
        assertTrue(queue.delays.isEmpty());
        assertEquals(notifyAt, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        assertEquals(JSONObject.NULL, plugin.call("getDualScheduleStatus", null).data.get("nextFetchAt"));
    }

    @Test
    public void update_takes_the_configuration_itself_or_config_and_replaces_the_alarm() throws Exception {
        long first = Schedules.minuteFromNow(2 * 60 * MINUTE);
        long second = Schedules.minuteFromNow(4 * 60 * MINUTE);
        plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(first, true, null)));
        PluginCalls.Outcome updated = plugin.call("updateDualScheduleConfig", Schedules.config(second, true, "show_default"));
        assertTrue(updated.resolved);
        assertEquals(second, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        // The notification alarm and its fetch alarm, both replaced.
        assertEquals(2, Schedules.alarms(app).getScheduledAlarms().size());
        assertEquals(second - 10 * MINUTE, Schedules.alarm(app, Schedule.FETCH_TARGET).getTriggerAtMs());
        assertEquals("show_default", plugin.call("getDualScheduleStatus", null).data.getJSONObject("config")
            .getJSONObject("relationship").getString("fallbackBehavior"));

        // { config }, as scheduleDualNotification takes it (the old plugin's shape), works too.
        assertTrue(plugin.call("updateDualScheduleConfig", Schedules.wrap(Schedules.config(first, true, null))).resolved);
        assertEquals(first, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        // A rejected update leaves the schedule as it was.
        JSObject bad = Schedules.config(second, true, null);
        bad.getJSONObject("contentFetch").remove("enabled");
        assertRejected(plugin.call("updateDualScheduleConfig", Schedules.wrap(bad)), "INVALID_ARGUMENT", "config.contentFetch.enabled", null);
        assertEquals(first, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
    }

    @Test
    public void cancelDualSchedule_cancels_alarm_prefetch_and_config_but_not_the_daily_reminder() throws Exception {
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, true, "show_default")));
        JSObject reminder = new JSObject();
        reminder.put("time", Schedules.hhmm(notifyAt + 30 * MINUTE));
        reminder.put("title", "Reminder");
        reminder.put("body", "Record something");
        assertTrue(plugin.call("scheduleDailyNotification", reminder).resolved);
        String reminderTarget = Schedule.REMINDER_TARGET_PREFIX + Schedules.DEFAULT_REMINDER_ID;
        android.content.Intent staleDualAlarm = new android.content.Intent(Schedules.intentOf(Schedules.alarm(app, Schedule.DUAL_TARGET)));

        assertTrue(plugin.call("cancelDualSchedule", null).resolved);
        assertNull(Schedules.alarm(app, Schedule.DUAL_TARGET));
        assertEquals(1, queue.cancelAlls);
        assertTrue("prefetch work left queued", queue.pending.isEmpty());
        assertNotNull("the reminder was cancelled too", Schedules.alarm(app, reminderTarget));
        JSONObject status = plugin.call("getDualScheduleStatus", null).data;
        assertFalse(status.getBoolean("scheduled"));
        assertEquals(JSONObject.NULL, status.get("config"));
        assertEquals(JSONObject.NULL, status.get("nextNotificationAt"));
        JSONObject overview = plugin.call("getNotificationStatus", null).data;
        assertTrue(overview.getBoolean("isScheduled"));
        assertEquals(1, overview.getInt("pending"));

        // An alarm delivered after the cancel shows nothing and arms nothing.
        new AlarmReceiver().onReceive(app, staleDualAlarm);
        assertTrue(Schedules.shown(app).isEmpty());
        assertNull(Schedules.alarm(app, Schedule.DUAL_TARGET));
    }

    @Test
    public void malformed_configurations_are_rejected_as_on_the_web() throws Exception {
        long t = Schedules.minuteFromNow(2 * 60 * MINUTE);
        assertRejected(plugin.call("scheduleDualNotification", new JSObject()), "INVALID_ARGUMENT", "config is required", null);

        JSObject c = Schedules.config(t, true, null);
        c.getJSONObject("contentFetch").put("enabled", "yes");
        assertRejected(plugin.call("scheduleDualNotification", Schedules.wrap(c)), "INVALID_ARGUMENT", "config.contentFetch.enabled must be a boolean", "yes");

        c = Schedules.config(t, true, null);
        c.getJSONObject("contentFetch").put("schedule", "daily at six");
        assertRejected(plugin.call("scheduleDualNotification", Schedules.wrap(c)), "UNSUPPORTED", "config.contentFetch.schedule must be a daily cron", "six");

        c = Schedules.config(t, true, null);
        c.getJSONObject("userNotification").remove("title");
        assertRejected(plugin.call("scheduleDualNotification", Schedules.wrap(c)), "INVALID_ARGUMENT", "config.userNotification.title must be a string", null);

        c = Schedules.config(t, true, null);
        c.getJSONObject("userNotification").put("sound", "loud");
        assertRejected(plugin.call("scheduleDualNotification", Schedules.wrap(c)), "INVALID_ARGUMENT", "config.userNotification.sound must be a boolean", "loud");

        c = Schedules.config(t, true, null);
        c.getJSONObject("relationship").put("contentTimeout", -1);
        assertRejected(plugin.call("scheduleDualNotification", Schedules.wrap(c)), "INVALID_ARGUMENT", "contentTimeout must be an integer from 0 to 86400000", null);
        c.getJSONObject("relationship").put("contentTimeout", 1.5);
        assertRejected(plugin.call("scheduleDualNotification", Schedules.wrap(c)), "INVALID_ARGUMENT", "contentTimeout must be an integer from 0 to 86400000", "1.5");

        c = Schedules.config(t, true, "always");
        assertRejected(plugin.call("scheduleDualNotification", Schedules.wrap(c)), "INVALID_ARGUMENT", "fallbackBehavior must be \"skip\" or \"show_default\"", "always");

        c = Schedules.config(t, true, null);
        c.put("relationship", "none");
        assertRejected(plugin.call("scheduleDualNotification", Schedules.wrap(c)), "INVALID_ARGUMENT", "config.relationship must be an object", "none");

        // Valid cron, but not one alarm a day: every platform schedules "M H * * *" only.
        c = Schedules.config(t, true, null);
        c.getJSONObject("userNotification").put("schedule", "*/15 9-17 * * 1-5");
        assertRejected(plugin.call("scheduleDualNotification", Schedules.wrap(c)), "UNSUPPORTED", "config.userNotification.schedule must be a daily cron", "9-17");

        c = Schedules.config(t, true, null);
        c.getJSONObject("contentFetch").put("url", "https://example.com/secret-feed");
        assertRejected(plugin.call("scheduleDualNotification", Schedules.wrap(c)), "UNSUPPORTED", "config.contentFetch.url is not supported", "secret-feed");

        assertTrue("a rejected call scheduled something", Schedules.alarms(app).getScheduledAlarms().isEmpty());
        assertTrue(queue.delays.isEmpty());
        assertFalse(plugin.call("getDualScheduleStatus", null).data.getBoolean("scheduled"));
    }

    @Test
    public void null_optional_values_count_as_absent() throws Exception {
        long t = Schedules.minuteFromNow(2 * 60 * MINUTE);
        JSObject c = Schedules.config(t, true, null);
        c.getJSONObject("contentFetch").put("url", JSONObject.NULL);
        c.getJSONObject("userNotification").put("sound", JSONObject.NULL);
        c.getJSONObject("relationship").put("contentTimeout", JSONObject.NULL).put("fallbackBehavior", JSONObject.NULL);
        assertTrue(plugin.call("scheduleDualNotification", Schedules.wrap(c)).resolved);
        JSObject noRelationship = Schedules.config(t, true, null);
        noRelationship.put("relationship", JSONObject.NULL);
        assertTrue(plugin.call("updateDualScheduleConfig", noRelationship).resolved);
        assertEquals(t, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
    }

    @Test
    public void the_prefetch_of_an_occurrence_survives_its_alarm_a_clock_change_and_a_repeated_schedule() throws Exception {
        long notifyAt = Schedules.minuteFromNow(2 * MINUTE); // its fetch time has passed: due now
        plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, true, "show_default")));
        String today = Schedules.workName(notifyAt - 5 * MINUTE);
        assertEquals(today, queue.lastName());

        // The alarm fires while today's prefetch still waits for the network (Doze, backoff):
        // tomorrow's is queued beside it, today's is neither replaced nor cancelled.
        Schedules.fire(app, Schedule.DUAL_TARGET);
        String tomorrow = Schedules.workName(notifyAt + DAY - 5 * MINUTE);
        assertEquals(tomorrow, queue.lastName());
        assertEquals(Integer.valueOf(1), queue.pending.get(today));
        assertEquals(Integer.valueOf(1), queue.pending.get(tomorrow));

        // Network time sync (TIME_SET), a reboot and the app scheduling the same again restart nothing.
        new RescheduleReceiver().onReceive(app, new Intent(Intent.ACTION_TIME_CHANGED));
        new RescheduleReceiver().onReceive(app, new Intent(Intent.ACTION_BOOT_COMPLETED));
        assertTrue(plugin.call("updateDualScheduleConfig", Schedules.config(notifyAt, true, "show_default")).resolved);
        assertEquals(Integer.valueOf(1), queue.pending.get(today));
        assertEquals(Integer.valueOf(1), queue.pending.get(tomorrow));
        assertEquals(2, queue.pending.size());
        assertFalse("REPLACE used", queue.policies.contains(ExistingWorkPolicy.REPLACE));
        assertTrue(queue.cancelled.isEmpty());
    }

    @Test
    public void a_changed_fetch_instant_cancels_the_prefetch_of_the_old_one() throws Exception {
        long first = Schedules.minuteFromNow(2 * 60 * MINUTE);
        plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(first, true, null)));
        String old = Schedules.workName(first - 5 * MINUTE);
        long second = Schedules.minuteFromNow(4 * 60 * MINUTE);
        assertTrue(plugin.call("updateDualScheduleConfig", Schedules.config(second, true, null)).resolved);
        String updated = Schedules.workName(second - 5 * MINUTE);
        assertEquals(updated, queue.lastName());
        assertTrue(queue.cancelled.contains(old));
        assertEquals(1, queue.pending.size());
        assertTrue(queue.pending.containsKey(updated));

        // A time-zone change moves the instant of the same local time: the old instant's work goes.
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        new RescheduleReceiver().onReceive(app, new Intent(Intent.ACTION_TIMEZONE_CHANGED));
        assertTrue(queue.cancelled.contains(updated));
        assertEquals(1, queue.pending.size());
        assertTrue(queue.pending.containsKey(queue.lastName()));
        assertFalse(queue.policies.contains(ExistingWorkPolicy.REPLACE));
    }

    @Test
    public void the_old_plugins_work_is_cancelled_once_before_the_first_prefetch_is_queued() throws Exception {
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, true, null)));
        assertEquals(1, queue.legacyCancels);
        assertEquals("legacy", queue.order.get(0));
        plugin.call("updateDualScheduleConfig", Schedules.config(notifyAt + 60 * MINUTE, true, null));
        new RescheduleReceiver().onReceive(app, new Intent(Intent.ACTION_BOOT_COMPLETED));
        Schedules.fire(app, Schedule.DUAL_TARGET);
        assertEquals("the migration ran again", 1, queue.legacyCancels);
        assertTrue(queue.delays.size() >= 3);
    }

    @Test
    public void a_corrupt_stored_schedule_is_replaced_not_fatal() throws Exception {
        app.getSharedPreferences(Schedule.PREFERENCES, android.content.Context.MODE_PRIVATE).edit()
            .putString("state", "{ truncated").commit();
        PluginCalls.Outcome status = plugin.call("getDualScheduleStatus", null);
        assertTrue(status.resolved);
        assertFalse(status.data.getBoolean("scheduled"));
        long t = Schedules.minuteFromNow(2 * 60 * MINUTE);
        assertTrue(plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(t, true, null))).resolved);
        assertEquals(t, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
    }

    @Test
    public void contentTimeout_is_capped_at_a_day() throws Exception {
        long t = Schedules.minuteFromNow(2 * 60 * MINUTE);
        JSObject c = Schedules.config(t, true, null);
        c.getJSONObject("relationship").put("contentTimeout", DAY + 1);
        assertRejected(plugin.call("scheduleDualNotification", Schedules.wrap(c)), "INVALID_ARGUMENT",
            "config.relationship.contentTimeout", String.valueOf(DAY + 1));
        c.getJSONObject("relationship").put("contentTimeout", 1e300);
        assertRejected(plugin.call("scheduleDualNotification", Schedules.wrap(c)), "INVALID_ARGUMENT",
            "config.relationship.contentTimeout", "1.0E300");
        assertTrue(Schedules.alarms(app).getScheduledAlarms().isEmpty());
        c.getJSONObject("relationship").put("contentTimeout", DAY);
        assertTrue(plugin.call("scheduleDualNotification", Schedules.wrap(c)).resolved);
    }
}
