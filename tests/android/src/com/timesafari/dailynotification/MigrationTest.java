// What the TimeSafari app meets when it swaps the old plugin for this one, on Android: the old
// plugin's starred plan ids are taken over once at plugin load and their key deleted; a
// getLastNotification with nothing shown resolves with no value (never {}), so the app's own
// registerPlugin handle sees the documented answer; and plain http to a development server on a
// private address works only in a debuggable build that asked for it.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import android.content.SharedPreferences;
import android.content.pm.ApplicationInfo;
import com.getcapacitor.JSObject;
import java.util.Arrays;
import java.util.HashSet;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class MigrationTest {

    private static final String P1 = "https://endorser.ch/entity/01M80V4QY5VAHEENK1VFTX3P33";
    private static final String P2 = "https://endorser.ch/entity/01M80V4R0S68JZJ7E8FY5D8DV9";

    private Context app;
    private SharedPreferences old;
    private int originalFlags;

    @Before
    public void setUp() throws Exception {
        app = RuntimeEnvironment.getApplication();
        Fixtures.installFresh(app);
        old = app.getSharedPreferences(LegacyState.PREFERENCES, Context.MODE_PRIVATE);
        old.edit().clear().commit();
        originalFlags = app.getApplicationInfo().flags;
    }

    @After
    public void restoreFlags() {
        app.getApplicationInfo().flags = originalFlags;
        Schedule.prefetchQueue = PrefetchQueue.WORK_MANAGER;
    }

    /** A plugin instance as Capacitor creates it at app start: its load() runs the migration. */
    private PluginCalls loadPlugin() throws Exception {
        return new PluginCalls(app);
    }

    private static JSONArray starred(PluginCalls plugin) throws Exception {
        PluginCalls.Outcome got = plugin.call("getStarredPlans", null);
        assertTrue("getStarredPlans resolved", got.resolved);
        return got.data.getJSONArray("planIds");
    }

    // The old plugin's stored state

    @Test
    public void the_old_json_list_is_imported_at_load_and_its_key_deleted() throws Exception {
        old.edit()
            .putString(LegacyState.STARRED_PLAN_IDS, new JSONArray(Arrays.asList(P1, P2)).toString())
            .putString("somethingElse", "kept")
            .commit();
        PluginCalls plugin = loadPlugin();
        assertEquals(new JSONArray(Arrays.asList(P1, P2)).toString(), starred(plugin).toString());
        assertFalse("the old key is deleted", old.contains(LegacyState.STARRED_PLAN_IDS));
        assertFalse("the rest of the old file goes after the import", old.contains("somethingElse"));
    }

    /**
     * Everything the old plugin left (LegacyCleanup): its file with a DID, a token and project
     * names, its channels with a notification in the shade, its database; the app's own channel and
     * database stay, and the imported plans are kept. A second load finds nothing to do.
     */
    @Test
    public void nothing_of_the_old_plugin_remains_after_the_first_load_and_the_imported_plans_stay() throws Exception {
        old.edit()
            .putString(LegacyState.STARRED_PLAN_IDS, new JSONArray(Arrays.asList(P1, P2)).toString())
            .putString("activeDid", "did:ethr:0x0000000000000000000000000000000000000001")
            .putString("jwtToken", "eyJhbGciOiJub25lIn0.e30.")
            .putString("lastProjectNames", "Plan A, Plan B")
            .commit();
        android.app.NotificationManager nm = (android.app.NotificationManager) app.getSystemService(Context.NOTIFICATION_SERVICE);
        nm.createNotificationChannel(new android.app.NotificationChannel("daily_notification_channel", "Old", android.app.NotificationManager.IMPORTANCE_DEFAULT));
        nm.createNotificationChannel(new android.app.NotificationChannel("timesafari_daily_reminders", "Old reminders", android.app.NotificationManager.IMPORTANCE_DEFAULT));
        nm.createNotificationChannel(new android.app.NotificationChannel("app_messages", "The app's own", android.app.NotificationManager.IMPORTANCE_DEFAULT));
        nm.notify("daily_timesafari_reminder", 1, new android.app.Notification.Builder(app, "daily_notification_channel")
            .setSmallIcon(android.R.drawable.ic_dialog_info).setContentTitle("old").build());
        java.io.File oldDb = app.getDatabasePath("daily_notification_database");
        java.io.File appDb = app.getDatabasePath("app_data.db");
        oldDb.getParentFile().mkdirs();
        assertTrue(oldDb.createNewFile() || oldDb.exists());
        assertTrue(appDb.createNewFile() || appDb.exists());
        // The old plugin's alarm, as it armed it (action, package, request code of its id).
        android.app.PendingIntent oldAlarm = android.app.PendingIntent.getBroadcast(app, "daily_timesafari_reminder".hashCode(),
            new android.content.Intent(LegacyCleanup.OLD_ALARM_ACTION).setPackage(app.getPackageName()), android.app.PendingIntent.FLAG_IMMUTABLE);
        android.app.AlarmManager alarms = (android.app.AlarmManager) app.getSystemService(Context.ALARM_SERVICE);
        alarms.set(android.app.AlarmManager.RTC_WAKEUP, System.currentTimeMillis() + 3_600_000L, oldAlarm);

        Schedules.RecordingQueue queue = new Schedules.RecordingQueue();
        Schedule.prefetchQueue = queue;
        PluginCalls plugin = loadPlugin();
        assertEquals(new JSONArray(Arrays.asList(P1, P2)).toString(), starred(plugin).toString());
        assertEquals("the old plugin's WorkManager work (its tag) is cancelled", 1, queue.legacyCancels);
        assertTrue("the old file (DID, token, project names) is still there: " + old.getAll(), old.getAll().isEmpty());
        assertFalse("the old file is still on disk",
            new java.io.File(app.getApplicationInfo().dataDir, "shared_prefs/" + LegacyState.PREFERENCES + ".xml").exists());
        assertNull(nm.getNotificationChannel("daily_notification_channel"));
        assertNull(nm.getNotificationChannel("timesafari_daily_reminders"));
        assertNotNull("the app's own channel was deleted", nm.getNotificationChannel("app_messages"));
        assertFalse("the old database is still there", oldDb.exists());
        assertTrue("the app's own database was deleted", appDb.exists());
        for (org.robolectric.shadows.ShadowAlarmManager.ScheduledAlarm a
            : org.robolectric.Shadows.shadowOf(alarms).getScheduledAlarms()) {
            assertFalse("the old plugin's alarm is still armed", LegacyCleanup.OLD_ALARM_ACTION.equals(
                org.robolectric.Shadows.shadowOf(a.operation).getSavedIntent().getAction()));
        }

        // Idempotent: the next launch removes nothing and keeps the plans.
        PluginCalls again = loadPlugin();
        assertEquals(new JSONArray(Arrays.asList(P1, P2)).toString(), starred(again).toString());
        assertFalse(LegacyCleanup.run(app).any());
        assertEquals("nothing found, nothing cancelled again", 1, queue.legacyCancels);
    }

    @Test
    public void the_old_file_stays_while_its_starred_plans_could_not_be_imported() throws Exception {
        old.edit().putString(LegacyState.STARRED_PLAN_IDS, "p1,p2").putString("activeDid", "did:ethr:0x1").commit();
        starred(loadPlugin()); // waits for the load's work on the plugin's thread
        assertTrue("the unreadable key stays (LegacyState)", old.contains(LegacyState.STARRED_PLAN_IDS));
        assertTrue("the file stays with it", old.contains("activeDid"));
    }

    @Test
    public void an_old_string_set_is_imported_too() throws Exception {
        old.edit().putStringSet(LegacyState.STARRED_PLAN_IDS, new HashSet<>(Arrays.asList(P1))).commit();
        PluginCalls plugin = loadPlugin();
        assertEquals(new JSONArray(Arrays.asList(P1)).toString(), starred(plugin).toString());
        assertFalse(old.contains(LegacyState.STARRED_PLAN_IDS));
    }

    @Test
    public void the_plugins_own_list_is_never_replaced_by_the_old_one() throws Exception {
        NativeCore.updateStarredPlans(new JSONObject().put("planIds", new JSONArray().put(P2)).toString());
        old.edit().putString(LegacyState.STARRED_PLAN_IDS, new JSONArray().put(P1).toString()).commit();
        PluginCalls plugin = loadPlugin();
        assertEquals(new JSONArray().put(P2).toString(), starred(plugin).toString());
        assertFalse("superseded: deleted", old.contains(LegacyState.STARRED_PLAN_IDS));
    }

    @Test
    public void it_happens_once_a_later_launch_finds_nothing_to_do() throws Exception {
        old.edit().putString(LegacyState.STARRED_PLAN_IDS, new JSONArray().put(P1).toString()).commit();
        PluginCalls first = loadPlugin();
        starred(first);
        first.call("updateStarredPlans", new JSObject().put("planIds", new JSONArray()));
        assertEquals(null, LegacyState.migrate(app));
        assertEquals(0, starred(loadPlugin()).length());
    }

    @Test
    public void an_unreadable_old_value_is_left_in_place_and_nothing_imported() throws Exception {
        old.edit().putString(LegacyState.STARRED_PLAN_IDS, "p1,p2").commit();
        PluginCalls plugin = loadPlugin();
        assertEquals(0, starred(plugin).length());
        assertEquals("p1,p2", old.getString(LegacyState.STARRED_PLAN_IDS, null));
        JSONObject answer = LegacyState.migrate(app);
        assertEquals("unreadable", answer.getString("outcome"));
        assertFalse(answer.getBoolean("deleteLegacy"));
    }

    // getLastNotification: the documented "nothing shown" answer, from native itself

    @Test
    public void getLastNotification_resolves_with_no_value_when_nothing_was_shown() throws Exception {
        NotificationPoster.cancelShown(app);
        PluginCalls plugin = loadPlugin();
        plugin.call("cancelAllNotifications", null);
        PluginCalls.Outcome got = plugin.call("getLastNotification", null);
        assertTrue(got.resolved);
        assertTrue("resolve() with no value (JavaScript: undefined), not {}", got.noValue);
    }

    // Plain http to a development server

    private PluginCalls.Outcome configure(PluginCalls plugin, String url, Boolean allow, Boolean jsDebugBuild) throws Exception {
        JSObject o = JSObject.fromJSONObject(Fixtures.options(TokenPools.shared()));
        o.put("apiBaseUrl", url);
        if (allow != null) {
            o.put("allowDevelopmentHttp", allow);
        }
        if (jsDebugBuild != null) {
            o.put("debugBuild", jsDebugBuild);
        }
        return plugin.call("configureNativeFetcher", o);
    }

    private void setDebuggable(boolean debuggable) {
        ApplicationInfo info = app.getApplicationInfo();
        info.flags = debuggable ? info.flags | ApplicationInfo.FLAG_DEBUGGABLE : info.flags & ~ApplicationInfo.FLAG_DEBUGGABLE;
    }

    @Test
    public void a_debuggable_build_that_opts_in_reaches_the_emulator_host_over_http() throws Exception {
        setDebuggable(true);
        PluginCalls plugin = loadPlugin();
        PluginCalls.Outcome got = configure(plugin, "http://10.0.2.2:3000/", true, null);
        assertTrue("configured: " + got.message(), got.resolved);
        assertEquals("http://10.0.2.2:3000", new JSONObject(NativeCore.status()).getString("apiBaseUrl"));
        assertTrue(configure(plugin, "http://192.168.1.20:3000", true, null).resolved);
    }

    @Test
    public void private_http_is_refused_without_the_opt_in_or_in_a_release_build() throws Exception {
        setDebuggable(true);
        PluginCalls plugin = loadPlugin();
        PluginCalls.Outcome got = configure(plugin, "http://10.0.2.2:3000", null, null);
        assertEquals("INVALID_API_BASE_URL", got.code());
        assertTrue(got.message(), got.message().contains("allowDevelopmentHttp"));

        setDebuggable(false);
        assertEquals("INVALID_API_BASE_URL", configure(plugin, "http://10.0.2.2:3000", true, null).code());
        // JavaScript cannot claim a debug build: the platform's flag replaces what it sent.
        assertEquals("INVALID_API_BASE_URL", configure(plugin, "http://10.0.2.2:3000", true, true).code());
    }

    @Test
    public void http_to_a_public_host_is_refused_even_in_a_debuggable_build_that_opts_in() throws Exception {
        setDebuggable(true);
        PluginCalls plugin = loadPlugin();
        for (String url : new String[] { "http://api.endorser.ch", "http://8.8.8.8:3000", "http://devbox.local:3000" }) {
            assertEquals(url, "INVALID_API_BASE_URL", configure(plugin, url, true, null).code());
        }
        JSObject o = JSObject.fromJSONObject(Fixtures.options(TokenPools.shared()));
        o.put("allowDevelopmentHttp", "yes");
        assertEquals("INVALID_ARGUMENT", plugin.call("configureNativeFetcher", o).code());
    }
}
