// RescheduleReceiver: after a reboot (alarms gone), a clock change or an exact-alarm grant change,
// the stored dual schedule and reminders are armed again from their configuration; other
// broadcasts change nothing. Also the plugin's load, which re-arms alarms only.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import android.app.AlarmManager;
import android.content.Context;
import android.content.Intent;
import androidx.work.ExistingWorkPolicy;
import com.getcapacitor.JSObject;
import java.util.TimeZone;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.shadows.ShadowAlarmManager;

@RunWith(RobolectricTestRunner.class)
public class RescheduleReceiverTest extends SchedulingTestBase {

    private static final long MINUTE = 60_000L;
    private static final String REMINDER_TARGET = Schedule.REMINDER_TARGET_PREFIX + Schedules.DEFAULT_REMINDER_ID;

    private long notifyAt;
    private long reminderAt;

    @Before
    public void scheduleADualNotificationAndAReminder() throws Exception {
        notifyAt = Schedules.minuteFromNow(3 * 60 * MINUTE);
        reminderAt = Schedules.minuteFromNow(5 * 60 * MINUTE);
        assertTrue(plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, true, "skip"))).resolved);
        JSObject reminder = new JSObject();
        reminder.put("time", Schedules.hhmm(reminderAt));
        reminder.put("title", "t");
        reminder.put("body", "b");
        assertTrue(plugin.call("scheduleDailyNotification", reminder).resolved);
        // The notification, its fetch alarm (exact alarms are allowed here) and the reminder.
        assertEquals(3, Schedules.alarms(app).getScheduledAlarms().size());
    }

    /** What a reboot does to alarms. */
    private void dropAllAlarms() {
        AlarmManager am = (AlarmManager) app.getSystemService(Context.ALARM_SERVICE);
        for (ShadowAlarmManager.ScheduledAlarm a : Schedules.alarms(app).getScheduledAlarms()) {
            am.cancel(a.operation);
        }
        assertTrue(Schedules.alarms(app).getScheduledAlarms().isEmpty());
    }

    private void assertPlanArmed(boolean withFetchAlarm) {
        assertEquals(notifyAt, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        assertEquals(reminderAt, Schedules.alarm(app, REMINDER_TARGET).getTriggerAtMs());
        assertEquals(withFetchAlarm, Schedules.alarm(app, Schedule.FETCH_TARGET) != null);
    }

    /**
     * Revoking the exact-alarm grant cancels the app's exact alarms with no broadcast to the app (as
     * do OEM task killers and a force stop); the queued WorkManager job survives. Its run re-arms
     * the whole plan (inexact now), and the `prefetched` report alone re-arms it too.
     */
    @Test
    public void the_next_job_restores_alarms_cancelled_by_an_exact_alarm_revoke() throws Exception {
        ShadowAlarmManager.setCanScheduleExactAlarms(false);
        dropAllAlarms();
        androidx.work.WorkerParameters params = org.mockito.Mockito.mock(androidx.work.WorkerParameters.class);
        assertEquals(androidx.work.ListenableWorker.Result.success(), new PrefetchWorker(app, params).doWork());
        assertPlanArmed(false);
        assertTrue("inexact without the grant", Schedules.alarm(app, Schedule.DUAL_TARGET).getWindowLengthMs() != ShadowAlarmManager.WINDOW_EXACT);

        ShadowAlarmManager.setCanScheduleExactAlarms(true);
        dropAllAlarms();
        Schedule.onPrefetched(app, PrefetchResult.NO_CHANGES, Schedule.BY_WORK, System.currentTimeMillis());
        // No fetch alarm: this occurrence's prefetch is done.
        assertPlanArmed(false);
        assertEquals(ShadowAlarmManager.WINDOW_EXACT, Schedules.alarm(app, Schedule.DUAL_TARGET).getWindowLengthMs());
        // Idempotent: once more, still one alarm per target.
        Schedule.onPrefetched(app, PrefetchResult.NO_CHANGES, Schedule.BY_WORK, System.currentTimeMillis());
        assertEquals(2, Schedules.alarms(app).getScheduledAlarms().size());
    }

    /**
     * Direct boot (docs/android-build.md section 6): the vault and the schedule's state are in
     * credential-encrypted storage, so the re-arm waits for BOOT_COMPLETED, which comes after the
     * first unlock; no component runs before it (LOCKED_BOOT_COMPLETED, directBootAware) and
     * fails on storage it cannot read.
     */
    @Test
    public void the_plan_comes_back_at_the_first_unlock_and_nothing_runs_before_it() throws Exception {
        String manifest = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(
            System.getProperty("dnp.test.repo"), "android", "src", "main", "AndroidManifest.xml")), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(manifest.contains("<action android:name=\"android.intent.action.BOOT_COMPLETED\" />"));
        assertTrue("no receiver before the first unlock", !manifest.contains("LOCKED_BOOT_COMPLETED"));
        assertTrue("no direct-boot-aware component", !manifest.contains("directBootAware"));
        dropAllAlarms();
        new RescheduleReceiver().onReceive(app, new Intent(Intent.ACTION_BOOT_COMPLETED));
        assertPlanArmed(true);
    }

    @Test
    public void boot_completed_re_arms_the_dual_schedule_prefetch_and_reminders() {
        dropAllAlarms();
        int queued = queue.delays.size();
        new RescheduleReceiver().onReceive(app, new Intent(Intent.ACTION_BOOT_COMPLETED));
        assertEquals(notifyAt, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        assertEquals(reminderAt, Schedules.alarm(app, REMINDER_TARGET).getTriggerAtMs());
        assertEquals(queued + 1, queue.delays.size());
        long expected = notifyAt - 5 * MINUTE - System.currentTimeMillis();
        assertTrue("delay " + queue.lastDelay(), Math.abs(expected - queue.lastDelay()) < 5_000);
    }

    @Test
    public void a_time_zone_change_re_arms_at_the_same_local_time_in_the_new_zone() {
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        new RescheduleReceiver().onReceive(app, new Intent(Intent.ACTION_TIMEZONE_CHANGED));
        long armed = Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs();
        // Still "M H * * *" of the configuration, now read in Berlin time.
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        String configured = Schedules.cron(notifyAt);
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        assertEquals(configured, Schedules.cron(armed));
        assertTrue(armed != notifyAt);
    }

    @Test
    public void the_exact_alarm_grant_turns_inexact_alarms_exact_without_queueing_a_prefetch() throws Exception {
        // Scheduled while exact alarms were not allowed (Android 14 starts denied).
        ShadowAlarmManager.setCanScheduleExactAlarms(false);
        Schedule.rearm(app, "load", System.currentTimeMillis());
        assertTrue(Schedules.alarm(app, Schedule.DUAL_TARGET).getWindowLengthMs() != ShadowAlarmManager.WINDOW_EXACT);
        assertTrue(Schedules.alarm(app, REMINDER_TARGET).getWindowLengthMs() != ShadowAlarmManager.WINDOW_EXACT);

        // The user grants it: Android sends the broadcast (only on a grant; a revocation kills the app).
        ShadowAlarmManager.setCanScheduleExactAlarms(true);
        int queued = queue.delays.size();
        new RescheduleReceiver().onReceive(app, new Intent(AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED));
        for (String target : new String[] { Schedule.DUAL_TARGET, REMINDER_TARGET }) {
            ShadowAlarmManager.ScheduledAlarm alarm = Schedules.alarm(app, target);
            assertEquals(target, ShadowAlarmManager.WINDOW_EXACT, alarm.getWindowLengthMs());
            assertTrue(alarm.isAllowWhileIdle());
        }
        assertEquals(notifyAt, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        assertEquals("the prefetch was queued again", queued, queue.delays.size());
    }

    @Test
    public void a_clock_set_back_from_the_future_skips_no_day() throws Exception {
        // The clock was two days ahead when the alarms fired, then network time set it back.
        long day = 24 * 60 * MINUTE;
        Schedule.onAlarm(app, Schedule.DUAL_TARGET, notifyAt + 2 * day, notifyAt + 2 * day);
        Schedule.onAlarm(app, REMINDER_TARGET, reminderAt + 2 * day, reminderAt + 2 * day);
        assertEquals(notifyAt + 3 * day, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        new RescheduleReceiver().onReceive(app, new Intent(Intent.ACTION_TIME_CHANGED));
        assertEquals(notifyAt, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        assertEquals(reminderAt, Schedules.alarm(app, REMINDER_TARGET).getTriggerAtMs());
        // And today's occurrences are shown when they come.
        ((android.app.NotificationManager) app.getSystemService(Context.NOTIFICATION_SERVICE)).cancelAll();
        Schedules.fire(app, REMINDER_TARGET);
        assertEquals(1, Schedules.shown(app).size());
    }

    @Test
    public void other_broadcasts_and_a_cancelled_schedule_arm_nothing() throws Exception {
        dropAllAlarms();
        new RescheduleReceiver().onReceive(app, new Intent(Intent.ACTION_SCREEN_ON));
        assertTrue(Schedules.alarms(app).getScheduledAlarms().isEmpty());
        assertTrue(plugin.call("cancelAllNotifications", null).resolved);
        new RescheduleReceiver().onReceive(app, new Intent(Intent.ACTION_BOOT_COMPLETED));
        assertTrue(Schedules.alarms(app).getScheduledAlarms().isEmpty());
    }

    @Test
    public void loading_the_plugin_re_arms_lost_alarms_and_queues_the_next_prefetch() throws Exception {
        dropAllAlarms();
        int queued = queue.delays.size();
        // An alarm the phone maker suppressed queues nothing: app start must queue the prefetch.
        PluginCalls reloaded = new PluginCalls(app);
        // Calls run in order on the plugin's thread: once this resolves, load's re-arm has run.
        assertTrue(reloaded.call("getDualScheduleStatus", null).resolved);
        assertNotNull(Schedules.alarm(app, Schedule.DUAL_TARGET));
        assertEquals(notifyAt, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        assertEquals(reminderAt, Schedules.alarm(app, REMINDER_TARGET).getTriggerAtMs());
        assertEquals(queued + 1, queue.delays.size());
        assertEquals(Schedules.workName(notifyAt - 5 * MINUTE), queue.names.get(queue.names.size() - 1));
        assertEquals("KEEP: a pending prefetch is kept, not restarted", ExistingWorkPolicy.KEEP, queue.policies.get(queue.policies.size() - 1));
    }
}
