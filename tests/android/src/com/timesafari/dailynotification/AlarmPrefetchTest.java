// The fetch alarm (issue 14): with exact alarms permitted an exact while-idle alarm starts the
// prefetch 10 minutes before the notification, off the main thread within the core's deadline;
// the WorkManager job is the fallback and never spends a second request on an occurrence the
// alarm's run fetched. The instants and the decisions are the core's (rust/core/tests/
// schedule_plan.rs); this runs them through AlarmReceiver, PrefetchWorker and the Endorser double.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import androidx.work.ListenableWorker.Result;
import androidx.work.WorkerParameters;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.shadows.ShadowAlarmManager;

@RunWith(RobolectricTestRunner.class)
public class AlarmPrefetchTest extends SchedulingTestBase {

    private static final long MINUTE = 60_000L;

    @After
    public void tearDown() throws Exception {
        EndorserDouble.shared().clearFaults();
    }

    private long scheduleWithFetch(long notifyAt) throws Exception {
        NativeCore.configure(Fixtures.options(TokenPools.shared()).toString());
        assertTrue(plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, true, "skip"))).resolved);
        return notifyAt;
    }

    private Result runWorker() {
        WorkerParameters params = mock(WorkerParameters.class);
        when(params.getRunAttemptCount()).thenReturn(0);
        return new PrefetchWorker(app, params).doWork();
    }

    /** What AlarmManager does when the fetch alarm goes off (the receiver's thread, joined). */
    private void fireFetchAlarm() throws Exception {
        assertNotNull("no fetch alarm armed", Schedules.alarm(app, Schedule.FETCH_TARGET));
        AlarmReceiver.fetch(app, null, System.currentTimeMillis()).join(30_000);
    }

    @Test
    public void the_fetch_alarm_is_exact_while_idle_ten_minutes_before_the_notification() throws Exception {
        long notifyAt = scheduleWithFetch(Schedules.minuteFromNow(2 * 60 * MINUTE));
        ShadowAlarmManager.ScheduledAlarm fetch = Schedules.alarm(app, Schedule.FETCH_TARGET);
        assertEquals(notifyAt - 10 * MINUTE, fetch.getTriggerAtMs());
        assertEquals(ShadowAlarmManager.WINDOW_EXACT, fetch.getWindowLengthMs());
        assertTrue(fetch.isAllowWhileIdle());
        // The job stays queued at the fetch time (T-5) as the fallback.
        assertEquals(Schedules.workName(notifyAt - 5 * MINUTE), queue.names.get(queue.names.size() - 1));
    }

    @Test
    public void without_exact_alarms_there_is_no_fetch_alarm() throws Exception {
        ShadowAlarmManager.setCanScheduleExactAlarms(false);
        scheduleWithFetch(Schedules.minuteFromNow(2 * 60 * MINUTE));
        assertNull(Schedules.alarm(app, Schedule.FETCH_TARGET));
    }

    @Test
    public void the_alarm_prefetches_and_the_job_then_spends_no_request_on_that_occurrence() throws Exception {
        scheduleWithFetch(Schedules.minuteFromNow(2 * 60 * MINUTE));
        EndorserDouble endorser = EndorserDouble.shared();
        int before = endorser.requestCount();
        fireFetchAlarm();
        assertEquals("ok", Fixtures.lastOutcome());
        assertNotNull("the alarm's content is stored for the notification", NotificationContentStore.read(app));
        int afterAlarm = endorser.requestCount();
        assertTrue(afterAlarm > before);

        assertEquals(Result.success(), runWorker());
        assertEquals("the job sent a request for a fetched occurrence", afterAlarm, endorser.requestCount());
    }

    /**
     * The alarm's deadline is Doze's while-idle network allowance, which starts at the broadcast's
     * delivery: a run whose process start, store and Keystore took longer sends no request (it
     * would lose the network mid-way) and leaves the occurrence to the job.
     */
    @Test
    public void the_alarm_deadline_counts_from_the_broadcast_delivery() throws Exception {
        scheduleWithFetch(Schedules.minuteFromNow(2 * 60 * MINUTE));
        EndorserDouble endorser = EndorserDouble.shared();
        int before = endorser.requestCount();
        // Delivered 9.5 s ago: the core's 9 s alarm deadline is spent before the request.
        AlarmReceiver.fetch(app, null, System.currentTimeMillis() - 9_500L).join(30_000);
        assertEquals("a request was sent after the alarm's deadline", before, endorser.requestCount());
        assertNull(NotificationContentStore.read(app));
        // The job is not told "done": it fetches the occurrence.
        assertEquals(Result.success(), runWorker());
        assertTrue(endorser.requestCount() > before);
        assertNotNull(NotificationContentStore.read(app));
    }

    @Test
    public void a_fetch_alarm_left_without_a_schedule_fetches_nothing() throws Exception {
        NativeCore.configure(Fixtures.options(TokenPools.shared()).toString());
        EndorserDouble endorser = EndorserDouble.shared();
        int before = endorser.requestCount();
        AlarmReceiver.fetch(app, null, System.currentTimeMillis()).join(30_000);
        assertEquals(before, endorser.requestCount());
    }

    @Test
    public void an_alarm_prefetch_that_says_retry_leaves_the_occurrence_to_the_job() throws Exception {
        scheduleWithFetch(Schedules.minuteFromNow(2 * 60 * MINUTE));
        EndorserDouble endorser = EndorserDouble.shared();
        endorser.failNext("status500", 10);
        fireFetchAlarm();
        assertEquals("retry", Fixtures.lastOutcome());
        endorser.clearFaults();
        int before = endorser.requestCount();
        assertEquals(Result.success(), runWorker());
        assertEquals("ok", Fixtures.lastOutcome());
        assertTrue(endorser.requestCount() > before);
        assertNotNull(NotificationContentStore.read(app));
    }
}
