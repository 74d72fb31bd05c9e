// What the dual schedule's alarm shows (AlarmReceiver with the armed alarm's own intent) and what a
// prefetch that finishes late does (PrefetchWorker against the Endorser double): content fetched
// for the occurrence is shown once, stale content never, "skip" shows nothing, "show_default" the
// configured text, and a late prefetch replaces that occurrence's notification instead of adding one.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.Notification;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.content.Context;
import android.os.Build;
import android.content.Intent;
import androidx.work.ListenableWorker.Result;
import androidx.work.WorkerParameters;
import com.getcapacitor.JSObject;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.json.JSONObject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.util.ReflectionHelpers;

@RunWith(RobolectricTestRunner.class)
public class DualNotificationTest extends SchedulingTestBase {

    private static final long MINUTE = 60_000L;
    private static final long DAY = 24 * 60 * MINUTE;


    @After
    public void tearDown() throws Exception {
        EndorserDouble.shared().clearFaults();
    }

    private void schedule(long notifyAt, boolean fetch, String fallback) throws Exception {
        assertTrue(plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, fetch, fallback))).resolved);
    }

    private Result runWorker() {
        WorkerParameters params = mock(WorkerParameters.class);
        when(params.getRunAttemptCount()).thenReturn(0);
        return new PrefetchWorker(app, params).doWork();
    }

    /** The armed dual alarm's intent, as if it were the alarm of {@code occurrence}. */
    private Intent alarmFor(long occurrence) {
        return new Intent(Schedules.intentOf(Schedules.alarm(app, Schedule.DUAL_TARGET)))
            .putExtra(AlarmScheduler.EXTRA_OCCURRENCE, occurrence);
    }

    @Test
    public void content_fetched_for_the_occurrence_is_shown_once_and_the_next_day_is_armed() throws Exception {
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        schedule(notifyAt, true, "show_default");
        NotificationContentStore.save(app, "3 starred projects changed", "See what's new", notifyAt - 5 * MINUTE + 2_000, 3);
        // A copy: re-arming updates the PendingIntent's extras (FLAG_UPDATE_CURRENT) for the next day.
        Intent alarm = new Intent(Schedules.intentOf(Schedules.alarm(app, Schedule.DUAL_TARGET)));

        long before = System.currentTimeMillis();
        new AlarmReceiver().onReceive(app, alarm);
        assertEquals(1, Schedules.shown(app).size());
        Notification n = Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(notifyAt));
        assertNotNull("not tagged with its occurrence", n);
        assertEquals("3 starred projects changed", Schedules.title(n));
        assertEquals("See what's new", Schedules.text(n));
        assertNull("the content was not consumed", NotificationContentStore.read(app));

        // The same alarm delivered again: no second notification, and no fallback over the content.
        new AlarmReceiver().onReceive(app, alarm);
        assertEquals(1, Schedules.shown(app).size());
        assertEquals("3 starred projects changed", Schedules.title(Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(notifyAt))));

        assertEquals(notifyAt + DAY, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        long fetchAt = notifyAt + DAY - 5 * MINUTE;
        assertTrue("delay " + queue.lastDelay(), Math.abs(fetchAt - before - queue.lastDelay()) < 5_000);

        JSONObject last = plugin.call("getLastNotification", null).data;
        assertEquals(Schedules.tag(notifyAt), last.getString("id"));
        assertEquals("3 starred projects changed", last.getString("title"));
        assertEquals("See what's new", last.getString("body"));
        assertTrue(last.getString("shownAt").endsWith("Z"));
    }

    @Test
    public void content_fetched_for_an_earlier_occurrence_is_never_shown() throws Exception {
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        schedule(notifyAt, true, "skip");
        // Yesterday's prefetch, never shown (its alarm was missed).
        NotificationContentStore.save(app, "Old news", "From yesterday", notifyAt - DAY - 5 * MINUTE + 2_000, 1);
        Schedules.fire(app, Schedule.DUAL_TARGET);
        assertTrue("stale content was shown", Schedules.shown(app).isEmpty());
        assertNull("stale content was kept", NotificationContentStore.read(app));

        // show_default: the configured text, still not the stale content.
        long next = Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs();
        plugin.call("updateDualScheduleConfig", Schedules.config(notifyAt, true, "show_default"));
        NotificationContentStore.save(app, "Old news", "From yesterday", next - DAY - 5 * MINUTE + 2_000, 1);
        Schedules.fire(app, Schedule.DUAL_TARGET);
        Notification n = Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(next));
        assertNotNull(n);
        assertEquals("Default title", Schedules.title(n));
        assertEquals("Default body", Schedules.text(n));
    }

    @Test
    public void without_content_skip_shows_nothing_and_show_default_shows_the_configured_text() throws Exception {
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        schedule(notifyAt, true, "skip");
        Schedules.fire(app, Schedule.DUAL_TARGET);
        assertTrue(Schedules.shown(app).isEmpty());
        assertEquals(0, plugin.call("getLastNotification", null).data.length());
        assertEquals("re-armed after a skip", notifyAt + DAY, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());

        schedule(notifyAt, true, "show_default");
        long occurrence = Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs();
        Schedules.fire(app, Schedule.DUAL_TARGET);
        assertEquals(1, Schedules.shown(app).size());
        assertEquals("Default title", Schedules.title(Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(occurrence))));
    }

    @Test
    public void without_content_fetch_the_configured_text_is_the_notification() throws Exception {
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        schedule(notifyAt, false, "skip");
        Schedules.fire(app, Schedule.DUAL_TARGET);
        assertEquals("Default body", Schedules.text(Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(notifyAt))));
    }

    @Test
    public void the_workers_content_reaches_the_alarm_of_its_occurrence() throws Exception {
        NativeCore.configure(Fixtures.options(TokenPools.shared()).toString());
        long notifyAt = Schedules.minuteFromNow(2 * MINUTE);
        schedule(notifyAt, true, "skip");
        assertEquals("fetch time passed: prefetch at once", 0L, queue.lastDelay());
        assertEquals(Result.success(), runWorker());
        assertEquals("ok", Fixtures.lastOutcome());
        assertTrue("the worker showed it before its time", Schedules.shown(app).isEmpty());
        NotificationContentStore.Content content = NotificationContentStore.read(app);
        assertNotNull(content);

        Schedules.fire(app, Schedule.DUAL_TARGET);
        Notification n = Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(notifyAt));
        assertNotNull(n);
        assertEquals(content.title, Schedules.title(n));
        assertEquals(content.body, Schedules.text(n));
        JSONObject status = plugin.call("getDualScheduleStatus", null).data;
        assertEquals("ok", status.getJSONObject("lastPrefetch").getString("outcome"));
    }

    @Test
    public void content_shown_by_the_alarm_is_acknowledged_and_not_reported_again() throws Exception {
        NativeCore.configure(Fixtures.options(TokenPools.shared()).toString());
        long notifyAt = Schedules.minuteFromNow(2 * MINUTE);
        schedule(notifyAt, true, "skip");
        assertEquals(Result.success(), runWorker());
        String cursor = NotificationContentStore.read(app).cursor;
        assertNotNull(cursor);

        Schedules.fire(app, Schedule.DUAL_TARGET);
        assertNotNull(Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(notifyAt)));
        assertEquals("the posted content's cursor waits for the next prefetch", cursor, NotificationContentStore.delivered(app));
        assertEquals(Result.success(), runWorker());
        assertEquals("acknowledged, so the same changes are not reported again", "no_changes", Fixtures.lastOutcome());
        assertNull(NotificationContentStore.delivered(app));
    }

    @Test
    public void a_prefetch_that_found_nothing_new_means_no_default_notification() throws Exception {
        NativeCore.configure(Fixtures.options(TokenPools.shared()).toString());
        long notifyAt = Schedules.minuteFromNow(2 * MINUTE);
        schedule(notifyAt, true, "show_default");
        assertEquals(Result.success(), runWorker());
        // That content was shown (as the alarm does when it posts it): the next run acknowledges
        // it to the core before prefetching, and finds nothing new.
        NotificationContentStore.markDelivered(app, NotificationContentStore.take(app).cursor);
        assertEquals(Result.success(), runWorker());
        assertEquals("no_changes", Fixtures.lastOutcome());
        assertNull("acknowledged", NotificationContentStore.delivered(app));
        Schedules.fire(app, Schedule.DUAL_TARGET);
        assertTrue("a \"No updates\" notification was shown", Schedules.shown(app).isEmpty());
    }

    @Test
    public void content_never_shown_is_carried_into_the_next_prefetch() throws Exception {
        NativeCore.configure(Fixtures.options(TokenPools.shared()).toString());
        long notifyAt = Schedules.minuteFromNow(2 * MINUTE);
        schedule(notifyAt, true, "show_default");
        assertEquals(Result.success(), runWorker());
        int fetched = NotificationContentStore.read(app).changedPlans;
        assertTrue(fetched > 0);
        // Not shown (too late, permission off): nothing is acknowledged, so the next prefetch
        // reports the same changes again instead of skipping them.
        NotificationContentStore.clear(app);
        assertEquals(Result.success(), runWorker());
        assertEquals("ok", Fixtures.lastOutcome());
        assertEquals(fetched, NotificationContentStore.read(app).changedPlans);
    }

    @Test
    public void a_late_prefetch_replaces_the_fallback_of_its_occurrence_instead_of_adding_one() throws Exception {
        NativeCore.configure(Fixtures.options(TokenPools.shared()).toString());
        long occurrence = Schedules.minuteFromNow(-5 * MINUTE);
        schedule(occurrence, true, "show_default");
        // Today's alarm fired five minutes ago with no content: the fallback is on screen.
        new AlarmReceiver().onReceive(app, alarmFor(occurrence));
        assertEquals("Default title", Schedules.title(Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(occurrence))));

        assertEquals(Result.success(), runWorker());
        assertEquals("ok", Fixtures.lastOutcome());
        assertEquals("a second notification was added", 1, Schedules.shown(app).size());
        Notification n = Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(occurrence));
        assertTrue("the fallback was not replaced", !"Default title".equals(Schedules.title(n)));
        String contentTitle = Schedules.title(n);

        // A repeated prefetch adds nothing and does not bring the fallback back.
        assertEquals(Result.success(), runWorker());
        assertEquals(1, Schedules.shown(app).size());
        assertEquals(contentTitle, Schedules.title(Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(occurrence))));
        // Nor does the same alarm delivered late.
        new AlarmReceiver().onReceive(app, alarmFor(occurrence));
        assertEquals(contentTitle, Schedules.title(Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(occurrence))));
    }

    @Test
    public void a_prefetch_later_than_the_content_timeout_is_not_shown_for_that_day_or_the_next() throws Exception {
        NativeCore.configure(Fixtures.options(TokenPools.shared()).toString());
        long occurrence = Schedules.minuteFromNow(-40 * MINUTE);
        schedule(occurrence, true, "skip"); // contentTimeout: 30 minutes
        assertEquals(Result.success(), runWorker());
        assertEquals("ok", Fixtures.lastOutcome());
        assertTrue("shown after the content timeout", Schedules.shown(app).isEmpty());
        // Tomorrow's alarm: the content was fetched before tomorrow's fetch time.
        Schedules.fire(app, Schedule.DUAL_TARGET);
        assertTrue("day-old content was shown", Schedules.shown(app).isEmpty());
    }

    @Test
    public void nothing_is_posted_or_recorded_without_the_notification_permission() throws Exception {
        shadowOf(RuntimeEnvironment.getApplication()).denyPermissions(Manifest.permission.POST_NOTIFICATIONS);
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        schedule(notifyAt, false, "show_default");
        Schedules.fire(app, Schedule.DUAL_TARGET);
        assertTrue(Schedules.shown(app).isEmpty());
        assertEquals(0, plugin.call("getLastNotification", null).data.length());
        assertEquals("still re-armed", notifyAt + DAY, Schedules.alarm(app, Schedule.DUAL_TARGET).getTriggerAtMs());
        JSObject none = new JSObject();
        assertTrue(plugin.call("cancelDualSchedule", none).resolved);
    }

    @Test
    public void content_saved_while_the_alarm_consumes_the_store_is_the_content_shown() throws Exception {
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        schedule(notifyAt, true, "show_default");
        long fetched = notifyAt - 5 * MINUTE + 2_000;
        NotificationContentStore.save(app, "Earlier prefetch", "older", fetched, 1);
        // A prefetch finishing on another thread holds the store's lock while the alarm runs; it
        // saves newer content once the alarm waits for that lock.
        Thread main = Thread.currentThread();
        AtomicBoolean saved = new AtomicBoolean();
        CountDownLatch locked = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            synchronized (NotificationContentStore.class) {
                locked.countDown();
                long deadline = System.currentTimeMillis() + 5_000;
                while (!blockedInStore(main) && System.currentTimeMillis() < deadline) {
                    Thread.onSpinWait();
                }
                NotificationContentStore.save(app, "Later prefetch", "newer", fetched + 1_000, 2);
                saved.set(true);
            }
        });
        worker.start();
        locked.await();
        Schedules.fire(app, Schedule.DUAL_TARGET);
        worker.join();
        assertTrue(saved.get());
        Notification n = Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(notifyAt));
        assertNotNull(n);
        NotificationContentStore.Content left = NotificationContentStore.read(app);
        // Either the newer content was shown, or it is still stored: never wiped unseen.
        assertTrue("newer content lost: shown " + Schedules.title(n) + ", stored " + (left == null ? null : left.title),
            "Later prefetch".equals(Schedules.title(n)) || (left != null && "Later prefetch".equals(left.title)));
    }

    private static boolean blockedInStore(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        return t.getState() == Thread.State.BLOCKED && stack.length > 0
            && stack[0].getClassName().equals(NotificationContentStore.class.getName());
    }

    @Test
    public void the_occurrence_tag_is_the_occurrence_in_utc_whatever_the_zone() throws Exception {
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        schedule(notifyAt, false, "show_default");
        Intent alarm = new Intent(Schedules.intentOf(Schedules.alarm(app, Schedule.DUAL_TARGET)));
        TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
        new AlarmReceiver().onReceive(app, alarm);
        java.text.SimpleDateFormat utc = new java.text.SimpleDateFormat("yyyyMMdd-HHmm", java.util.Locale.US);
        utc.setTimeZone(TimeZone.getTimeZone("UTC"));
        String expected = "dual_notify_" + utc.format(new java.util.Date(notifyAt)) + "Z";
        assertNotNull("tagged " + expected, Schedules.shown(app, NotificationPoster.DUAL_ID, expected));
    }

    @Test
    public void a_late_prefetch_after_a_time_zone_change_adds_no_second_notification_for_the_day() throws Exception {
        NativeCore.configure(Fixtures.options(TokenPools.shared()).toString());
        long occurrence = Schedules.minuteFromNow(-10 * MINUTE);
        schedule(occurrence, true, "show_default");
        new AlarmReceiver().onReceive(app, alarmFor(occurrence));
        assertEquals(1, Schedules.shown(app).size());
        // Kathmandu (+05:45) is 15 minutes ahead of Kolkata (+05:30): the same local time came
        // 15 minutes earlier, an instant before the one already handled.
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
        new RescheduleReceiver().onReceive(app, new Intent(Intent.ACTION_TIMEZONE_CHANGED));
        assertEquals(Result.success(), runWorker());
        assertEquals("ok", Fixtures.lastOutcome());
        assertEquals("a second notification for the day", 1, Schedules.shown(app).size());
    }

    @Test
    public void nothing_is_recorded_as_shown_on_a_channel_the_user_turned_off() throws Exception {
        NotificationManager nm = (NotificationManager) app.getSystemService(Context.NOTIFICATION_SERVICE);
        nm.createNotificationChannel(new NotificationChannel(NotificationPoster.CHANNEL, "Daily notifications", NotificationManager.IMPORTANCE_NONE));
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        schedule(notifyAt, false, "show_default");
        Schedules.fire(app, Schedule.DUAL_TARGET);
        assertTrue(Schedules.shown(app).isEmpty());
        assertEquals(0, plugin.call("getLastNotification", null).data.length());
    }

    @Test
    public void below_android_7_the_app_switch_is_not_queried() {
        // areNotificationsEnabled() is API 24; an app may set a minSdk below the default 24.
        shadowOf((NotificationManager) app.getSystemService(Context.NOTIFICATION_SERVICE)).setNotificationsEnabled(false);
        int sdk = Build.VERSION.SDK_INT;
        ReflectionHelpers.setStaticField(Build.VERSION.class, "SDK_INT", 23);
        try {
            assertTrue(NotificationPoster.canPost(app));
        } finally {
            ReflectionHelpers.setStaticField(Build.VERSION.class, "SDK_INT", sdk);
        }
        assertTrue(!NotificationPoster.canPost(app));
    }
}
