// Every kind of bad input to the natives becomes a NativeCoreException with the contract's code,
// a message, and no token in the message; nothing crashes and nothing is stored.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class NativeCoreInputTest {

    private Context app;
    private TokenPools.Pool pool;

    @Before
    public void setUp() throws Exception {
        app = RuntimeEnvironment.getApplication();
        Fixtures.installFresh(app);
        pool = TokenPools.shared();
    }

    private static String with(JSONObject options, String key, Object value) throws Exception {
        return new JSONObject(options.toString()).put(key, value).toString();
    }

    @Test
    public void malformed_configure_input_is_INVALID_ARGUMENT() {
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.configure(null));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.configure("not json"));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.configure("{}"));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.configure("[1, 2]"));
    }

    @Test
    public void a_token_of_the_wrong_type_is_rejected_without_echoing_it() throws Exception {
        JSONObject options = Fixtures.options(pool);
        String token = pool.tokens.get(0);
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.configure(with(options, "jwtTokens", token)));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.configure(with(options, "jwtToken", new JSONArray().put(token))));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.configure(with(options, "lowWaterDays", token)));
    }

    @Test
    public void each_invalid_field_has_its_own_code() throws Exception {
        JSONObject options = Fixtures.options(pool);
        Expect.nativeError("INVALID_API_BASE_URL", () -> NativeCore.configure(with(options, "apiBaseUrl", "http://example.com")));
        Expect.nativeError("INVALID_API_BASE_URL", () -> NativeCore.configure(with(options, "apiBaseUrl", "not a url")));
        Expect.nativeError("INVALID_ACTIVE_DID", () -> NativeCore.configure(with(options, "activeDid", "nobody")));
        Expect.nativeError("INVALID_TOKEN_POLICY", () -> NativeCore.configure(with(options, "tokenPolicy", "sometimes")));
        Expect.nativeError("INVALID_PLAN_ID", () -> NativeCore.configure(with(options, "starredPlanIds", new JSONArray().put(""))));
        Expect.nativeError("INVALID_AFTER_ID", () -> NativeCore.configure(with(options, "afterId", "")));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.configure(with(options, "lowWaterDays", 400)));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.configure(with(options, "expiryMarginSeconds", -1)));
    }

    @Test
    public void tokens_that_cannot_be_used_are_NO_USABLE_TOKENS_or_POOL_TOO_LARGE() throws Exception {
        JSONObject options = Fixtures.options(pool);
        TokenPools.Pool stranger = TokenPools.mint(2, 30);
        Expect.nativeError("NO_USABLE_TOKENS", () -> NativeCore.configure(with(options, "jwtTokens", new JSONArray(stranger.tokens))));
        Expect.nativeError("NO_USABLE_TOKENS", () -> NativeCore.configure(with(options, "jwtTokens", new JSONArray().put("a.b.c"))));
        JSONArray tooMany = new JSONArray();
        for (int i = 0; i < 1001; i++) {
            tooMany.put("x" + i);
        }
        Expect.nativeError("POOL_TOO_LARGE", () -> NativeCore.configure(with(options, "jwtTokens", tooMany)));
        assertFalse("a failed configure stores nothing", new JSONObject(NativeCore.status()).getBoolean("configured"));
    }

    @Test
    public void bad_starred_plans_input_is_rejected() throws Exception {
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.updateStarredPlans(null));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.updateStarredPlans("{\"planIds\": 5}"));
        JSONArray ids = new JSONArray();
        for (int i = 0; i < 1001; i++) {
            ids.put("https://endorser.ch/entity/" + i);
        }
        Expect.nativeError("INVALID_PLAN_ID", () -> NativeCore.updateStarredPlans(new JSONObject().put("planIds", ids).toString()));
        Expect.nativeError("INVALID_PLAN_ID", () -> NativeCore.updateStarredPlans("{\"planIds\": [\"a\\u0000b\"]}"));
    }

    @Test
    public void bad_init_and_http_settings_are_rejected_and_keep_the_open_fetcher() throws Exception {
        SoftwareKeys keys = new SoftwareKeys();
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.init(app, null, keys.wrapper));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.init(app, "", keys.wrapper));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.init(app, TestEnvironment.newStoreDir().getPath(), null));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeFetcher.install(app, null, keys.wrapper));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.setHttpSettings(null));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.setHttpSettings("{\"connectTimeoutMillis\": 0}"));
        Expect.nativeError("INVALID_ARGUMENT", () -> NativeCore.setHttpSettings("{\"extraRootsPem\": 7}"));
        NativeCore.configure(Fixtures.options(pool).toString());
        assertTrue(new JSONObject(NativeCore.status()).getBoolean("configured"));
    }

    @Test
    public void acquire_token_needs_a_configuration_and_a_usable_token() throws Exception {
        Expect.nativeError("NOT_CONFIGURED", () -> NativeCore.acquireToken(System.currentTimeMillis()));
        TokenPools.Pool two = TokenPools.mint(2, 30);
        NativeCore.configure(Fixtures.options(two, two.tokens, "perRequest").toString());
        NativeCore.acquireToken(System.currentTimeMillis());
        NativeCore.acquireToken(System.currentTimeMillis());
        Expect.nativeError("NO_TOKEN", () -> NativeCore.acquireToken(System.currentTimeMillis()));
    }
}
