// NativeCore end to end: Java → JNI → the Rust core → the Endorser double over HTTPS, and back, on a
// store wrapped by KeystoreKeyWrapper over a software KeyStore.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class NativeCoreTest {

    private Context app;
    private Fixtures.Installed installed;
    private TokenPools.Pool pool;
    private EndorserDouble endorser;

    @Before
    public void setUp() throws Exception {
        app = RuntimeEnvironment.getApplication();
        installed = Fixtures.installFresh(app);
        pool = TokenPools.shared();
        endorser = EndorserDouble.shared();
    }

    @Test
    public void configure_stores_the_pool_and_status_describes_it() throws Exception {
        JSONObject result = new JSONObject(NativeCore.configure(Fixtures.options(pool).toString()));
        assertEquals(pool.tokens.size(), result.getInt("accepted"));
        assertEquals(0, result.getJSONArray("rejected").length());
        assertFalse(result.isNull("coverageUntil"));
        assertFalse(result.getBoolean("lowWater"));

        JSONObject status = new JSONObject(NativeCore.status());
        assertTrue(status.getBoolean("configured"));
        assertFalse(status.getBoolean("needsConfigure"));
        assertTrue(status.isNull("storeError"));
        assertEquals(pool.did, status.getString("activeDid"));
        assertEquals(endorser.baseUrl, status.getString("apiBaseUrl"));
        assertEquals("perDay", status.getString("tokenPolicy"));
        assertEquals(EndorserDouble.SEEDED_PLANS, status.getInt("starredPlanIds"));
        assertEquals(pool.tokens.size(), status.getJSONObject("pool").getInt("size"));
        assertEquals(pool.tokens.size(), status.getJSONObject("pool").getInt("usable"));
        assertTrue(installed.keys.hasKey());
        assertFalse("status must not carry tokens", TokenPools.leaks(status.toString(), pool));
    }

    @Test
    public void starred_plans_are_replaced_and_read_back() throws Exception {
        JSONObject stored = new JSONObject(NativeCore.updateStarredPlans(
            new JSONObject().put("planIds", new JSONArray().put("https://endorser.ch/entity/01A").put("https://endorser.ch/entity/01B")).toString()
        ));
        assertEquals(2, stored.getJSONArray("planIds").length());
        JSONArray read = new JSONObject(NativeCore.getStarredPlans()).getJSONArray("planIds");
        assertEquals("https://endorser.ch/entity/01A", read.getString(0));
        assertEquals("https://endorser.ch/entity/01B", read.getString(1));
    }

    @Test
    public void prefetch_reports_new_activity_then_no_changes_then_an_edited_plan() throws Exception {
        NativeCore.configure(Fixtures.options(pool).toString());

        JSONObject first = new JSONObject(NativeCore.prefetch(System.currentTimeMillis()));
        assertEquals("ok", first.getString("outcome"));
        assertEquals(200, first.getInt("httpStatus"));
        assertEquals(EndorserDouble.SEEDED_PLANS, first.getInt("changedPlans"));
        assertFalse(first.getJSONObject("notification").getString("title").isEmpty());
        assertFalse(first.isNull("cursor"));
        // Shown: the platform acknowledges it, and the cursor moves.
        JSONObject acked = new JSONObject(NativeCore.acknowledgeDelivery(
            new JSONObject().put("cursor", first.getString("cursor")).toString()));
        assertEquals(first.getString("cursor"), acked.getString("cursor"));

        JSONObject second = new JSONObject(NativeCore.prefetchWithin(System.currentTimeMillis(), 10_000L));
        assertEquals("no_changes", second.getString("outcome"));
        assertTrue(second.isNull("notification"));

        endorser.editPlan(endorser.planIds.get(0), "edited by " + getClass().getSimpleName());
        JSONObject third = new JSONObject(NativeCore.prefetch(System.currentTimeMillis()));
        assertEquals("ok", third.getString("outcome"));
        assertEquals(1, third.getInt("changedPlans"));

        JSONObject last = new JSONObject(NativeCore.status()).getJSONObject("lastPrefetch");
        assertEquals("ok", last.getString("outcome"));
        assertFalse(TokenPools.leaks(first.toString() + second + third, pool));
    }

    @Test
    public void prefetch_without_a_configuration_is_the_not_configured_outcome() throws Exception {
        JSONObject r = new JSONObject(NativeCore.prefetch(System.currentTimeMillis()));
        assertEquals("not_configured", r.getString("outcome"));
    }

    @Test
    public void acquire_token_hands_out_a_pool_token_and_per_day_keeps_it_for_the_day() throws Exception {
        NativeCore.configure(Fixtures.options(pool).toString());
        long now = System.currentTimeMillis();
        JSONObject a = new JSONObject(NativeCore.acquireToken(now));
        JSONObject b = new JSONObject(NativeCore.acquireToken(now + 1000));
        assertTrue("the token is not from the configured pool", pool.tokens.contains(a.getString("token")));
        assertTrue("per day: the same token all day", a.getString("token").equals(b.getString("token")));
        long expiresAt = Rfc3339.parse(a.getString("expiresAt"));
        assertTrue(expiresAt > now);
        assertEquals(1, new JSONObject(NativeCore.status()).getJSONObject("pool").getInt("used"));
    }

    @Test
    public void per_request_tokens_are_never_handed_out_twice_across_threads() throws Exception {
        TokenPools.Pool big = TokenPools.mint(40, 30);
        NativeCore.configure(Fixtures.options(big, big.tokens, "perRequest").toString());
        int threads = 8;
        int each = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(executor.submit(() -> {
                start.await();
                List<String> got = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    got.add(new JSONObject(NativeCore.acquireToken(System.currentTimeMillis())).getString("token"));
                }
                return got;
            }));
        }
        start.countDown();
        Set<String> distinct = new HashSet<>();
        int total = 0;
        for (Future<List<String>> f : futures) {
            for (String token : f.get(60, TimeUnit.SECONDS)) {
                total++;
                distinct.add(token);
                assertTrue("a token not from the pool", big.tokens.contains(token));
            }
        }
        executor.shutdown();
        assertEquals(threads * each, total);
        assertEquals("a token was handed out twice", total, distinct.size());
        assertEquals(total, new JSONObject(NativeCore.status()).getJSONObject("pool").getInt("used"));
    }

    @Test
    public void many_java_threads_can_call_every_operation_at_once() throws Exception {
        NativeCore.configure(Fixtures.options(pool).toString());
        String plans = new JSONObject().put("planIds", new JSONArray(endorser.planIds)).toString();
        List<Callable<String>> work = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            switch (i % 6) {
                case 0:
                    work.add(NativeCore::status);
                    break;
                case 1:
                    work.add(NativeCore::getStarredPlans);
                    break;
                case 2:
                    work.add(() -> NativeCore.updateStarredPlans(plans));
                    break;
                case 3:
                    work.add(() -> NativeCore.prefetch(System.currentTimeMillis()));
                    break;
                case 4:
                    work.add(() -> NativeCore.acquireToken(System.currentTimeMillis()));
                    break;
                default:
                    work.add(() -> NativeCore.configure(Fixtures.options(pool).toString()));
                    break;
            }
        }
        Collections.shuffle(work);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        for (Future<String> f : executor.invokeAll(work, 120, TimeUnit.SECONDS)) {
            assertNotNull(f.get());
        }
        executor.shutdown();
        JSONObject status = new JSONObject(NativeCore.status());
        assertTrue(status.getBoolean("configured"));
        assertEquals(EndorserDouble.SEEDED_PLANS, status.getInt("starredPlanIds"));
    }

    @Test
    public void clear_deletes_the_store_and_the_wrapping_key() throws Exception {
        NativeCore.configure(Fixtures.options(pool).toString());
        assertTrue(installed.keys.hasKey());
        NativeCore.clear();
        assertFalse("clear must delete the Keystore key", installed.keys.hasKey());
        JSONObject status = new JSONObject(NativeCore.status());
        assertFalse(status.getBoolean("configured"));
        assertTrue(status.getBoolean("needsConfigure"));
        assertEquals(0, new JSONObject(NativeCore.getStarredPlans()).getJSONArray("planIds").length());
        Expect.nativeError("NOT_CONFIGURED", () -> NativeCore.acquireToken(System.currentTimeMillis()));
    }

    @Test
    public void init_again_with_the_same_directory_keeps_the_open_fetcher() throws Exception {
        NativeCore.configure(Fixtures.options(pool).toString());
        SoftwareKeys other = new SoftwareKeys();
        NativeCore.init(app, installed.dir.getAbsolutePath(), other.wrapper);
        assertTrue(new JSONObject(NativeCore.status()).getBoolean("configured"));
        NativeCore.configure(Fixtures.options(pool).toString());
        assertFalse("the second wrapper must not have been used", other.hasKey());
    }

    @Test
    public void init_with_another_directory_replaces_the_fetcher_and_keeps_http_settings() throws Exception {
        NativeCore.configure(Fixtures.options(pool).toString());
        SoftwareKeys other = new SoftwareKeys();
        NativeCore.init(app, TestEnvironment.newStoreDir().getAbsolutePath(), other.wrapper);
        assertFalse(new JSONObject(NativeCore.status()).getBoolean("configured"));
        NativeCore.configure(Fixtures.options(pool).toString());
        assertTrue(other.hasKey());
        // The double's CA set before the switch still applies: the HTTPS prefetch succeeds.
        assertEquals("ok", new JSONObject(NativeCore.prefetch(System.currentTimeMillis())).getString("outcome"));
    }

    @Test
    public void a_panic_becomes_an_INTERNAL_exception_and_the_library_keeps_working() throws Exception {
        NativeCoreException e = Expect.nativeError("INTERNAL", () -> NativeCoreTestHooks.panic("deliberate test panic"));
        assertFalse("no input text crosses the boundary", e.getMessage().contains("deliberate test panic"));
        assertTrue(e.getMessage().contains("panic was caught"));
        assertFalse(new JSONObject(NativeCore.status()).getBoolean("configured"));
        NativeCore.configure(Fixtures.options(pool).toString());
        assertTrue(new JSONObject(NativeCore.status()).getBoolean("configured"));
    }
}
