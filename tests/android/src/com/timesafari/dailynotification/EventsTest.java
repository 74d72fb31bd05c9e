// The app's listeners (src-ts/definitions.ts, "Events") on Android, through Capacitor's own
// listener mechanism (Plugin.addListener / notifyListeners / removeAllListeners, run here from
// @capacitor/android's sources): a tap on a notification the plugin really posted (its content
// intent, as the system would hand it to the activity) reaches the listener with its kind, id and
// time, also when the tap cold-started the app before JavaScript listened; a finished prefetch;
// a permission change made in Settings; and requestExactAlarmPermission resolving with the new
// status when the user comes back.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.Notification;
import android.content.ComponentName;
import android.content.Intent;
import android.content.IntentFilter;
import android.provider.Settings;
import com.getcapacitor.JSObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.shadows.ShadowAlarmManager;
import org.robolectric.shadows.ShadowPackageManager;

@RunWith(RobolectricTestRunner.class)
public class EventsTest extends SchedulingTestBase {

    private static final long MINUTE = 60_000L;
    private static final String REMINDER_TARGET = Schedule.REMINDER_TARGET_PREFIX + Schedules.DEFAULT_REMINDER_ID;

    /** The app's launcher activity: the notification's content intent opens it. */
    @Before
    public void declareLauncherActivity() {
        ComponentName main = new ComponentName(app, "org.timesafari.app.MainActivity");
        ShadowPackageManager pm = shadowOf(app.getPackageManager());
        pm.addActivityIfNotPresent(main);
        IntentFilter launcher = new IntentFilter(Intent.ACTION_MAIN);
        launcher.addCategory(Intent.CATEGORY_LAUNCHER);
        pm.addIntentFilterForActivity(main, launcher);
    }

    private static JSObject reminder(long at) {
        JSObject o = new JSObject();
        o.put("time", Schedules.hhmm(at));
        o.put("title", "Daily reminder");
        o.put("body", "Record a gratitude");
        return o;
    }

    /** The intent the system hands the activity when the user taps {@code n}. */
    private static Intent tapOn(Notification n) {
        assertNotNull("the notification opens the app", n.contentIntent);
        return new Intent(shadowOf(n.contentIntent).getSavedIntent());
    }

    private static JSONObject next(BlockingQueue<JSONObject> events) throws InterruptedException {
        return events.poll(10, TimeUnit.SECONDS);
    }

    @Test
    public void a_tap_that_cold_starts_the_app_is_kept_until_the_listener_is_added() throws Exception {
        long at = Schedules.minuteFromNow(90 * MINUTE);
        assertTrue(plugin.call("scheduleDailyNotification", reminder(at)).resolved);
        Schedules.fire(app, REMINDER_TARGET);
        Intent launch = tapOn(Schedules.shown(app, NotificationPoster.REMINDER_ID, Schedules.DEFAULT_REMINDER_ID));
        assertEquals(app.getPackageName(), launch.getComponent().getPackageName());

        // Capacitor's BridgeActivity.load: onNewIntent(getIntent()) once the plugins are loaded,
        // before the web app has run a line.
        plugin.plugin().handleOnNewIntent(launch);
        BlockingQueue<JSONObject> taps = plugin.listen("notificationTapped");
        JSONObject tap = next(taps);
        assertNotNull("the cold-start tap was lost", tap);
        assertEquals("reminder", tap.getString("kind"));
        assertEquals(Schedules.DEFAULT_REMINDER_ID, tap.getString("id"));
        assertEquals(Schedules.DEFAULT_REMINDER_ID, tap.getString("reminderId"));
        assertEquals(0, tap.getJSONArray("planIds").length());
        assertEquals(plugin.call("getLastNotification", null).data.getString("shownAt"), tap.getString("shownAt"));

        // The same activity intent read again (activity re-created) is not a second tap.
        plugin.plugin().handleOnNewIntent(launch);
        assertNull(taps.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    public void a_tap_on_fetched_content_and_on_the_default_text_say_which_it_was() throws Exception {
        long notifyAt = Schedules.minuteFromNow(2 * 60 * MINUTE);
        assertTrue(plugin.call("scheduleDualNotification", Schedules.wrap(Schedules.config(notifyAt, true, "show_default"))).resolved);
        BlockingQueue<JSONObject> taps = plugin.listen("notificationTapped");

        // As PrefetchWorker stores a prefetch's answer: the plans it names come with the content.
        String plans = "[\"https://endorser.ch/entity/01A\",\"https://endorser.ch/entity/01B\"]";
        NotificationContentStore.save(app, "3 starred projects changed", "See what's new", notifyAt - 5 * MINUTE + 2_000, 2, null, plans);
        Intent alarm = new Intent(Schedules.intentOf(Schedules.alarm(app, Schedule.DUAL_TARGET)));
        new AlarmReceiver().onReceive(app, alarm);
        plugin.plugin().handleOnNewIntent(tapOn(Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(notifyAt))));
        JSONObject tap = next(taps);
        assertNotNull(tap);
        assertEquals("content", tap.getString("kind"));
        assertEquals(Schedules.tag(notifyAt), tap.getString("id"));
        assertEquals("the plans the content names", new org.json.JSONArray(plans).toString(), tap.getJSONArray("planIds").toString());
        assertFalse("reminderId only on a reminder's tap", tap.has("reminderId"));

        // The next day's occurrence with nothing fetched: the default text.
        Schedules.fire(app, Schedule.DUAL_TARGET);
        long nextDay = notifyAt + 24 * 60 * MINUTE;
        plugin.plugin().handleOnNewIntent(tapOn(Schedules.shown(app, NotificationPoster.DUAL_ID, Schedules.tag(nextDay))));
        tap = next(taps);
        assertNotNull(tap);
        assertEquals("default", tap.getString("kind"));
        assertEquals(Schedules.tag(nextDay), tap.getString("id"));
        assertEquals(0, tap.getJSONArray("planIds").length());
    }

    @Test
    public void an_intent_without_a_tap_sends_nothing_and_removeAllListeners_stops_the_events() throws Exception {
        BlockingQueue<JSONObject> taps = plugin.listen("notificationTapped");
        plugin.plugin().handleOnNewIntent(new Intent(Intent.ACTION_VIEW));
        assertNull(taps.poll(300, TimeUnit.MILLISECONDS));

        assertTrue(plugin.call("removeAllListeners", null).resolved);
        long at = Schedules.minuteFromNow(90 * MINUTE);
        plugin.call("scheduleDailyNotification", reminder(at));
        Schedules.fire(app, REMINDER_TARGET);
        plugin.plugin().handleOnNewIntent(tapOn(Schedules.shown(app, NotificationPoster.REMINDER_ID, Schedules.DEFAULT_REMINDER_ID)));
        assertNull("a removed listener still got the tap", taps.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    public void a_prefetch_while_the_app_is_alive_is_reported() throws Exception {
        BlockingQueue<JSONObject> done = plugin.listen("prefetchFinished");
        PrefetchWorker.run(app, 5_000L, System.currentTimeMillis(), Schedule.BY_WORK);
        JSONObject event = next(done);
        assertNotNull(event);
        assertEquals(PrefetchResult.NOT_CONFIGURED, event.getString("outcome"));
        assertEquals("work", event.getString("by"));
        assertEquals(0, event.getInt("changedPlans"));
        assertTrue(event.getString("at").endsWith("Z"));
    }

    @Test
    public void a_permission_withdrawn_in_settings_is_noticed_when_the_app_comes_back() throws Exception {
        BlockingQueue<JSONObject> changes = plugin.listen("permissionChanged");
        plugin.plugin().handleOnResume();
        assertNull("nothing changed", changes.poll(300, TimeUnit.MILLISECONDS));

        shadowOf(RuntimeEnvironment.getApplication()).denyPermissions(Manifest.permission.POST_NOTIFICATIONS);
        plugin.plugin().handleOnResume();
        JSONObject change = next(changes);
        assertNotNull(change);
        assertEquals(plugin.call("checkPermissions", null).data.getString("display"), change.getString("display"));
        assertFalse("granted".equals(change.getString("display")));
    }

    @Test
    public void requestExactAlarmPermission_resolves_with_the_new_status_after_the_settings_screen() throws Exception {
        ShadowAlarmManager.setCanScheduleExactAlarms(false);
        CompletableFuture<PluginCalls.Outcome> asked = plugin.start("requestExactAlarmPermission", null);
        Intent opened = shadowOf(RuntimeEnvironment.getApplication()).getNextStartedActivity();
        assertNotNull("the exact-alarm screen was not opened", opened);
        assertEquals(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, opened.getAction());
        assertFalse("resolved before the user chose", asked.isDone());

        ShadowAlarmManager.setCanScheduleExactAlarms(true); // the user allows it, then comes back
        plugin.plugin().handleOnResume();
        PluginCalls.Outcome got = asked.get(10, TimeUnit.SECONDS);
        assertTrue(got.resolved);
        assertTrue(got.data.getBoolean("supported"));
        assertTrue(got.data.getBoolean("enabled"));

        // Granted already: resolves at once with the same shape as getExactAlarmStatus.
        got = plugin.call("requestExactAlarmPermission", null);
        assertEquals(plugin.call("getExactAlarmStatus", null).data.toString(), got.data.toString());
    }
}
