// DailyNotificationTokens.acquire: the host fetcher's entry point to the pool.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class DailyNotificationTokensTest {

    private Context app;

    @Before
    public void setUp() throws Exception {
        app = RuntimeEnvironment.getApplication();
        Fixtures.installFresh(app);
    }

    @Test
    public void acquire_returns_a_pool_token_with_its_expiry_and_never_prints_it() throws Exception {
        TokenPools.Pool pool = TokenPools.shared();
        NativeCore.configure(Fixtures.options(pool).toString());
        DailyNotificationTokens.AcquiredToken t = DailyNotificationTokens.acquire(app);
        assertTrue("not a pool token", pool.tokens.contains(t.token));
        assertTrue(t.expiresAtMillis > System.currentTimeMillis() + 29L * 24 * 3600 * 1000);
        assertEquals(t.expiresAtMillis, Rfc3339.parse(t.expiresAt));
        assertFalse(TokenPools.leaks(t.toString(), pool));
        assertTrue(t.toString().contains("redacted"));
    }

    @Test
    public void acquire_reports_a_missing_configuration_and_a_spent_pool() throws Exception {
        Expect.nativeError("NOT_CONFIGURED", () -> DailyNotificationTokens.acquire(app));
        TokenPools.Pool one = TokenPools.mint(1, 30);
        NativeCore.configure(Fixtures.options(one, one.tokens, "perRequest").toString());
        DailyNotificationTokens.acquire(app);
        Expect.nativeError("NO_TOKEN", () -> DailyNotificationTokens.acquire(app));
    }

    @Test
    public void utc_instants_parse_to_epoch_millis() throws Exception {
        assertEquals(0L, Rfc3339.parse("1970-01-01T00:00:00Z"));
        assertEquals(1795158000000L, Rfc3339.parse("2026-11-20T07:00:00Z"));
    }
}
