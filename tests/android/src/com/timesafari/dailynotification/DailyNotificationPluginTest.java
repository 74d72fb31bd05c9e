// The Capacitor plugin as Capacitor drives it (PluginHandle.invoke with PluginCalls): the native
// fetcher methods resolve with the core's JSON, reject with the core's codes and clear messages,
// and never run the native core on the calling thread.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import com.getcapacitor.JSArray;
import com.getcapacitor.JSObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.TreeSet;
import org.json.JSONObject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class DailyNotificationPluginTest {

    private static final String[] FETCHER_METHODS = {
        "configureNativeFetcher", "getNativeFetcherStatus", "clearNativeFetcher", "updateStarredPlans", "getStarredPlans",
        // The scheduling and notification methods (tested in DualScheduleTest and the others).
        "scheduleDualNotification", "updateDualScheduleConfig", "cancelDualSchedule", "getDualScheduleStatus",
        "scheduleDailyNotification", "cancelDailyReminder", "requestPermissions", "checkPermissions",
        "getNotificationStatus", "cancelAllNotifications", "getLastNotification", "getExactAlarmStatus",
        "requestExactAlarmPermission", "openExactAlarmSettings",
        // Diagnostics (DiagnosticsTest).
        "getDiagnostics", "isAlarmScheduled", "getNextAlarmTime",
    };

    private Context app;
    private Fixtures.Installed installed;
    private TokenPools.Pool pool;
    private PluginCalls plugin;

    @Before
    public void setUp() throws Exception {
        app = RuntimeEnvironment.getApplication();
        installed = Fixtures.installFresh(app);
        pool = TokenPools.shared();
        plugin = new PluginCalls(app);
    }

    private JSObject configureOptions() throws Exception {
        return JSObject.fromJSONObject(Fixtures.options(pool));
    }

    private void assertRejected(PluginCalls.Outcome outcome, String code, String messagePart) {
        assertFalse("expected a rejection", outcome.resolved);
        assertEquals(code, outcome.code());
        assertTrue("message: " + outcome.message(), outcome.message().contains(messagePart));
        assertFalse("the rejection contains a token", TokenPools.leaks(outcome.data.toString(), pool));
    }

    @Test
    public void the_plugin_is_registered_as_DailyNotification_with_every_contract_method() throws Exception {
        assertEquals("DailyNotification", plugin.handle.getId());
        TreeSet<String> ours = new TreeSet<>();
        plugin.handle.getMethods().forEach(m -> ours.add(m.getName()));
        for (String m : FETCHER_METHODS) {
            assertTrue(m + " is not a @PluginMethod", ours.remove(m));
        }
        // What is left comes from Capacitor's Plugin base class (listeners, permissions).
        for (String inherited : ours) {
            assertEquals(com.getcapacitor.Plugin.class, DailyNotificationPlugin.class.getMethod(inherited, com.getcapacitor.PluginCall.class).getDeclaringClass());
        }
    }

    @Test
    public void the_methods_and_option_keys_match_the_bridge_contract() throws Exception {
        File contractFile = new File(System.getProperty("dnp.test.repo"), "tests/web/bridge-contract.json");
        JSONObject contract = new JSONObject(new String(Files.readAllBytes(contractFile.toPath()), StandardCharsets.UTF_8));
        assertEquals(contract.getString("pluginName"), plugin.handle.getId());
        JSONObject methods = contract.getJSONObject("methods");
        for (String m : FETCHER_METHODS) {
            assertTrue(m + " is not in the bridge contract", methods.has(m));
        }
        // Every configure key of the contract, given with a valid value, reaches the core unchanged.
        JSONObject full = new JSONObject()
            .put("apiBaseUrl", "https://api.example")
            .put("activeDid", "did:ethr:0x1")
            .put("jwtToken", "a")
            .put("jwtTokens", new JSArray().put("b"))
            .put("starredPlanIds", new JSArray().put("p"))
            .put("afterId", "01")
            .put("tokenPolicy", "perDay")
            .put("lowWaterDays", 7)
            .put("expiryMarginSeconds", 600)
            .put("allowDevelopmentHttp", false);
        JSONObject sent = new JSONObject(FetcherOptions.configure(full));
        TreeSet<String> contractKeys = new TreeSet<>();
        for (Iterator<String> it = methods.getJSONObject("configureNativeFetcher").getJSONObject("options").keys(); it.hasNext();) {
            contractKeys.add(it.next());
        }
        // The one key the platform adds itself: its build type, never JavaScript's (core-contract.md).
        contractKeys.add("debugBuild");
        TreeSet<String> sentKeys = new TreeSet<>();
        for (Iterator<String> it = sent.keys(); it.hasNext();) {
            sentKeys.add(it.next());
        }
        assertEquals(contractKeys, sentKeys);
        assertTrue(methods.getJSONObject("updateStarredPlans").getJSONObject("options").has("planIds"));
    }

    /**
     * Capacitor's Bridge.onDestroy calls handleOnDestroy, then quitSafely() on its handler thread,
     * which still runs the calls already queued there (Bridge.java, onDestroy). Such a call must
     * complete: a RejectedExecutionException would be rethrown by the Bridge and kill the process.
     */
    @Test
    public void a_call_queued_before_the_bridge_was_destroyed_still_completes() throws Exception {
        ((DailyNotificationPlugin) plugin.handle.getInstance()).handleOnDestroy();
        PluginCalls.Outcome late = plugin.call("getNativeFetcherStatus", null);
        assertTrue("the late call was not answered: " + late.data, late.resolved);
        assertEquals("DailyNotification-native", late.thread);
        // The next Activity's plugin works as well.
        assertTrue(new PluginCalls(app).call("getNativeFetcherStatus", null).resolved);
    }

    @Test
    public void configure_then_status_resolve_with_the_core_answers_off_the_calling_thread() throws Exception {
        PluginCalls.Outcome configured = plugin.call("configureNativeFetcher", configureOptions());
        assertTrue(configured.resolved);
        assertEquals(pool.tokens.size(), configured.data.getInt("accepted"));
        assertEquals("DailyNotification-native", configured.thread);
        assertFalse(Thread.currentThread().getName().equals(configured.thread));

        PluginCalls.Outcome status = plugin.call("getNativeFetcherStatus", null);
        assertTrue(status.resolved);
        assertTrue(status.data.getBoolean("configured"));
        assertEquals(pool.did, status.data.getString("activeDid"));
        assertFalse(TokenPools.leaks(configured.data.toString() + status.data, pool));
    }

    @Test
    public void starred_plans_round_trip_through_the_plugin() throws Exception {
        JSObject options = new JSObject();
        options.put("planIds", new JSArray().put("https://endorser.ch/entity/01X"));
        PluginCalls.Outcome updated = plugin.call("updateStarredPlans", options);
        assertTrue(updated.resolved);
        assertEquals("https://endorser.ch/entity/01X", updated.data.getJSONArray("planIds").getString(0));
        PluginCalls.Outcome read = plugin.call("getStarredPlans", null);
        assertEquals(1, read.data.getJSONArray("planIds").length());
    }

    @Test
    public void clear_resolves_empty_and_removes_the_pool_key_and_prefetched_content() throws Exception {
        plugin.call("configureNativeFetcher", configureOptions());
        NotificationContentStore.save(app, "t", "b", 1L, 1, "01M80V4R0S68JZJ7E8FY5D8DV9");
        NotificationContentStore.markDelivered(app, "01M80V4R0S68JZJ7E8FY5D8DV9");
        org.robolectric.Shadows.shadowOf(RuntimeEnvironment.getApplication()).grantPermissions(android.Manifest.permission.POST_NOTIFICATIONS);
        assertTrue(NotificationPoster.post(app, NotificationPoster.DUAL_ID, "dual_notify_x", "\"Plan A\" changed", "b", false, 1L));
        assertTrue(NotificationPoster.post(app, NotificationPoster.REMINDER_ID, "reminder_x", "Reminder", "b", false, 2L));
        PluginCalls.Outcome cleared = plugin.call("clearNativeFetcher", null);
        assertTrue(cleared.resolved);
        assertEquals(0, cleared.data.length());
        assertFalse(installed.keys.hasKey());
        assertNull(NotificationContentStore.read(app));
        assertNull("the old identity's shown cursor", NotificationContentStore.delivered(app));
        assertNull("project names in the shade", Schedules.shown(app, NotificationPoster.DUAL_ID, "dual_notify_x"));
        assertNotNull("reminders stay", Schedules.shown(app, NotificationPoster.REMINDER_ID, "reminder_x"));
        assertNull("getLastNotification's record", NotificationPoster.last(app));
        assertFalse(plugin.call("getNativeFetcherStatus", null).data.getBoolean("configured"));
    }

    /**
     * A process whose store cannot be opened (here: no AndroidKeyStore, as when the Keystore does
     * not answer) still loses the old user's content, shade and last-shown record at logout.
     */
    @Test
    public void clear_removes_the_shown_content_even_when_the_keystore_cannot_be_opened() throws Exception {
        NotificationContentStore.save(app, "t", "b", 1L, 1, "01M80V4R0S68JZJ7E8FY5D8DV9");
        org.robolectric.Shadows.shadowOf(RuntimeEnvironment.getApplication()).grantPermissions(android.Manifest.permission.POST_NOTIFICATIONS);
        assertTrue(NotificationPoster.post(app, NotificationPoster.DUAL_ID, "dual_notify_x", "\"Plan A\" changed", "b", false, 1L));
        java.lang.reflect.Field initialized = NativeFetcher.class.getDeclaredField("initialized");
        initialized.setAccessible(true);
        initialized.setBoolean(null, false); // a new process: ensureInitialized opens the AndroidKeyStore
        try {
            PluginCalls.Outcome cleared = plugin.call("clearNativeFetcher", null);
            assertRejected(cleared, "KEY_WRAPPER_FAILED", "AndroidKeyStore");
        } finally {
            initialized.setBoolean(null, true); // the store installed by setUp is still open
        }
        assertNull(NotificationContentStore.read(app));
        assertNull("project names in the shade", Schedules.shown(app, NotificationPoster.DUAL_ID, "dual_notify_x"));
        assertNull("getLastNotification's record", NotificationPoster.last(app));
    }

    @Test
    public void options_of_the_wrong_shape_are_rejected_with_INVALID_ARGUMENT_naming_the_key() throws Exception {
        JSObject noUrl = configureOptions();
        noUrl.remove("apiBaseUrl");
        assertRejected(plugin.call("configureNativeFetcher", noUrl), "INVALID_ARGUMENT", "apiBaseUrl is required");

        JSObject numberUrl = configureOptions();
        numberUrl.put("apiBaseUrl", 5);
        assertRejected(plugin.call("configureNativeFetcher", numberUrl), "INVALID_ARGUMENT", "apiBaseUrl must be a string");

        JSObject tokensAsString = configureOptions();
        tokensAsString.put("jwtTokens", pool.tokens.get(0));
        assertRejected(plugin.call("configureNativeFetcher", tokensAsString), "INVALID_ARGUMENT", "jwtTokens must be an array");

        JSObject mixed = configureOptions();
        mixed.put("jwtTokens", new JSArray().put(pool.tokens.get(0)).put(42));
        assertRejected(plugin.call("configureNativeFetcher", mixed), "INVALID_ARGUMENT", "jwtTokens[1] must be a string");

        JSObject fraction = configureOptions();
        fraction.put("lowWaterDays", 1.5);
        assertRejected(plugin.call("configureNativeFetcher", fraction), "INVALID_ARGUMENT", "lowWaterDays must be a whole number");

        assertRejected(plugin.call("updateStarredPlans", new JSObject()), "INVALID_ARGUMENT", "planIds is required");
        assertFalse(plugin.call("getNativeFetcherStatus", null).data.getBoolean("configured"));
    }

    @Test
    public void the_core_rejections_reach_javascript_with_their_codes() throws Exception {
        JSObject badUrl = configureOptions();
        badUrl.put("apiBaseUrl", "http://example.com");
        assertRejected(plugin.call("configureNativeFetcher", badUrl), "INVALID_API_BASE_URL", "");

        JSObject stranger = JSObject.fromJSONObject(Fixtures.options(TokenPools.mint(1, 30)));
        stranger.put("activeDid", pool.did);
        PluginCalls.Outcome noUsable = plugin.call("configureNativeFetcher", stranger);
        assertRejected(noUsable, "NO_USABLE_TOKENS", "");
        // The details reach JavaScript as error.data, as on iOS: which token, and why.
        JSONObject rejected = noUsable.data.getJSONObject("data").getJSONArray("rejected").getJSONObject(0);
        assertEquals(0, rejected.getInt("index"));
        assertEquals("ISSUER_MISMATCH", rejected.getString("reason"));

        JSObject range = configureOptions();
        range.put("lowWaterDays", 400);
        assertRejected(plugin.call("configureNativeFetcher", range), "INVALID_ARGUMENT", "");
    }

    @Test
    public void null_optional_values_count_as_absent() throws Exception {
        JSObject options = configureOptions();
        options.put("jwtToken", JSONObject.NULL);
        options.put("afterId", JSONObject.NULL);
        options.put("lowWaterDays", JSONObject.NULL);
        assertTrue(plugin.call("configureNativeFetcher", options).resolved);
    }
}
