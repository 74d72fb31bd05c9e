// PrefetchWorker: the contract's outcome mapping, and doWork end to end against the double
// (content stored for the notification step, transient server failures retried, not forever).
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import android.content.Context;
import androidx.work.ListenableWorker.Result;
import androidx.work.WorkerParameters;
import org.json.JSONObject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class PrefetchWorkerTest {

    private Context app;
    private TokenPools.Pool pool;
    private EndorserDouble endorser;

    @Before
    public void setUp() throws Exception {
        app = RuntimeEnvironment.getApplication();
        Fixtures.installFresh(app);
        pool = TokenPools.shared();
        endorser = EndorserDouble.shared();
        NotificationContentStore.clear(app);
    }

    @After
    public void tearDown() throws Exception {
        endorser.clearFaults();
    }

    private Result runWorker(int runAttemptCount) {
        WorkerParameters params = mock(WorkerParameters.class);
        when(params.getRunAttemptCount()).thenReturn(runAttemptCount);
        return new PrefetchWorker(app, params).doWork();
    }

    @Test
    public void outcomes_map_to_worker_results_as_the_contract_says() {
        for (String success : new String[] { "ok", "no_changes", "not_configured", "no_plans", "no_token", "cancelled" }) {
            assertEquals(success, Result.success(), PrefetchWorker.resultFor(success, 0));
        }
        assertEquals(Result.retry(), PrefetchWorker.resultFor("retry", 0));
        assertEquals(Result.retry(), PrefetchWorker.resultFor("retry", PrefetchWorker.MAX_RUN_ATTEMPTS - 2));
        assertEquals("retries stop after the last attempt", Result.failure(), PrefetchWorker.resultFor("retry", PrefetchWorker.MAX_RUN_ATTEMPTS - 1));
        assertEquals(Result.failure(), PrefetchWorker.resultFor("failed", 0));
        assertEquals("an unknown outcome is not a success", Result.failure(), PrefetchWorker.resultFor("something_new", 0));
        assertEquals(Result.retry(), PrefetchWorker.resultForError("STORE_IO", 0));
        assertEquals(Result.retry(), PrefetchWorker.resultForError("KEY_WRAPPER_FAILED", 0));
        assertEquals(Result.failure(), PrefetchWorker.resultForError("INTERNAL", 0));
        assertEquals(Result.failure(), PrefetchWorker.resultForError("STORE_IO", PrefetchWorker.MAX_RUN_ATTEMPTS));
    }

    @Test
    public void a_prefetch_with_new_activity_stores_the_notification_content() throws Exception {
        NativeCore.configure(Fixtures.options(pool).toString());
        long before = System.currentTimeMillis();
        assertEquals(Result.success(), runWorker(0));
        NotificationContentStore.Content content = NotificationContentStore.read(app);
        assertNotNull("the worker stored no content", content);
        assertTrue(content.title.length() > 0 && content.body.length() > 0);
        assertEquals(EndorserDouble.SEEDED_PLANS, content.changedPlans);
        assertTrue(content.createdAtMillis >= before);

        // Nothing new: success, and the stored content stays until the notification step takes it.
        assertEquals(Result.success(), runWorker(0));
        assertEquals(content.body, NotificationContentStore.take(app).body);
        assertNull(NotificationContentStore.read(app));
    }

    @Test
    public void without_configuration_or_plans_the_worker_succeeds_and_stores_nothing() throws Exception {
        assertEquals(Result.success(), runWorker(0));
        JSONObject options = Fixtures.options(pool);
        options.remove("starredPlanIds");
        NativeCore.configure(options.toString());
        assertEquals(Result.success(), runWorker(0));
        assertEquals("no_plans", Fixtures.lastOutcome());
        assertNull(NotificationContentStore.read(app));
    }

    @Test
    public void server_errors_are_retried_until_the_last_attempt() throws Exception {
        NativeCore.configure(Fixtures.options(pool).toString());
        endorser.failNext("status500", 1);
        assertEquals(Result.retry(), runWorker(0));
        endorser.failNext("status429", 1);
        assertEquals(Result.retry(), runWorker(1));
        endorser.failNext("status500", 1);
        assertEquals(Result.failure(), runWorker(PrefetchWorker.MAX_RUN_ATTEMPTS - 1));
        assertNull(NotificationContentStore.read(app));
        assertEquals(Result.success(), runWorker(2));
        assertNotNull(NotificationContentStore.read(app));
    }

    @Test
    public void a_malformed_answer_fails_the_work() throws Exception {
        NativeCore.configure(Fixtures.options(pool).toString());
        endorser.failNext("malformed", 1);
        assertEquals(Result.failure(), runWorker(0));
        assertEquals("failed", Fixtures.lastOutcome());
    }
}
