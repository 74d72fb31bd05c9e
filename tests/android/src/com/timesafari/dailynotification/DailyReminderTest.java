// Static daily reminders through the plugin: one alarm per id at its local "HH:MM", shown by
// AlarmReceiver and re-armed for the next day, replaced by id, cancelled by id, and the web's
// rejections for malformed options.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import android.app.Notification;
import com.getcapacitor.JSObject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.shadows.ShadowAlarmManager;

@RunWith(RobolectricTestRunner.class)
public class DailyReminderTest extends SchedulingTestBase {

    private static final long MINUTE = 60_000L;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final String DEFAULT_TARGET = Schedule.REMINDER_TARGET_PREFIX + Schedules.DEFAULT_REMINDER_ID;


    private static JSObject reminder(String time, String id) {
        JSObject o = new JSObject();
        o.put("time", time);
        o.put("title", "Daily reminder");
        o.put("body", "Record a gratitude");
        if (id != null) {
            o.put("id", id);
        }
        return o;
    }

    private void assertRejected(JSObject options, String messagePart) throws Exception {
        PluginCalls.Outcome outcome = plugin.call("scheduleDailyNotification", options);
        assertFalse(outcome.resolved);
        assertEquals("INVALID_ARGUMENT", outcome.code());
        assertTrue(outcome.message(), outcome.message().contains(messagePart));
    }

    @Test
    public void a_reminder_fires_at_its_local_time_shows_its_text_and_re_arms_for_tomorrow() throws Exception {
        long at = Schedules.minuteFromNow(90 * MINUTE);
        assertTrue(plugin.call("scheduleDailyNotification", reminder(Schedules.hhmm(at), null)).resolved);
        ShadowAlarmManager.ScheduledAlarm alarm = Schedules.alarm(app, DEFAULT_TARGET);
        assertNotNull(alarm);
        assertEquals(at, alarm.getTriggerAtMs());

        Schedules.fire(app, DEFAULT_TARGET);
        Notification n = Schedules.shown(app, NotificationPoster.REMINDER_ID, Schedules.DEFAULT_REMINDER_ID);
        assertNotNull(n);
        assertEquals("Daily reminder", Schedules.title(n));
        assertEquals("Record a gratitude", Schedules.text(n));
        assertEquals(at + DAY, Schedules.alarm(app, DEFAULT_TARGET).getTriggerAtMs());
        assertEquals(Schedules.DEFAULT_REMINDER_ID, plugin.call("getLastNotification", null).data.getString("id"));
    }

    @Test
    public void the_same_id_replaces_and_other_ids_add_reminders_cancelled_by_id() throws Exception {
        long first = Schedules.minuteFromNow(90 * MINUTE);
        long second = Schedules.minuteFromNow(150 * MINUTE);
        plugin.call("scheduleDailyNotification", reminder(Schedules.hhmm(first), null));
        plugin.call("scheduleDailyNotification", reminder(Schedules.hhmm(second), null));
        assertEquals(1, Schedules.alarms(app).getScheduledAlarms().size());
        assertEquals(second, Schedules.alarm(app, DEFAULT_TARGET).getTriggerAtMs());

        plugin.call("scheduleDailyNotification", reminder(Schedules.hhmm(first), "evening/check-in"));
        assertEquals(first, Schedules.alarm(app, Schedule.REMINDER_TARGET_PREFIX + "evening/check-in").getTriggerAtMs());
        assertEquals(2, plugin.call("getNotificationStatus", null).data.getInt("pending"));
        assertEquals(Rfc3339.format(first), plugin.call("getNotificationStatus", null).data.getString("nextNotificationAt"));

        JSObject cancel = new JSObject();
        cancel.put("reminderId", "evening/check-in");
        assertTrue(plugin.call("cancelDailyReminder", cancel).resolved);
        assertNull(Schedules.alarm(app, Schedule.REMINDER_TARGET_PREFIX + "evening/check-in"));
        assertNotNull(Schedules.alarm(app, DEFAULT_TARGET));
        cancel.put("reminderId", "never-scheduled");
        assertTrue("an unknown id is not an error", plugin.call("cancelDailyReminder", cancel).resolved);

        PluginCalls.Outcome bad = plugin.call("cancelDailyReminder", new JSObject());
        assertFalse(bad.resolved);
        assertEquals("INVALID_ARGUMENT", bad.code());
        assertTrue(bad.message().contains("reminderId is required"));
    }

    @Test
    public void malformed_options_are_rejected_as_on_the_web() throws Exception {
        assertRejected(reminder("7:30", null), "time must be \"HH:MM\"");
        assertRejected(reminder("24:00", null), "time must be \"HH:MM\"");
        assertRejected(reminder("07:60", null), "time must be \"HH:MM\"");
        JSObject noTitle = reminder("07:30", null);
        noTitle.remove("title");
        assertRejected(noTitle, "title is required and must be a string");
        JSObject numberBody = reminder("07:30", null);
        numberBody.put("body", 3);
        assertRejected(numberBody, "body is required and must be a string");
        JSObject sound = reminder("07:30", null);
        sound.put("sound", "yes");
        assertRejected(sound, "sound must be a boolean");
        assertRejected(reminder("07:30", ""), "id must not be empty");
        JSObject numberId = reminder("07:30", null);
        numberId.put("id", 5);
        assertRejected(numberId, "id must be a string");
        assertTrue(Schedules.alarms(app).getScheduledAlarms().isEmpty());
    }
}
