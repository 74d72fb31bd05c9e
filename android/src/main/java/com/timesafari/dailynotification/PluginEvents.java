// The plugin's events for the app's JavaScript listeners (src-ts/definitions.ts, "Events"), sent
// through Capacitor's own listener mechanism (Plugin.notifyListeners, node_modules/@capacitor/
// android/capacitor/src/main/java/com/getcapacitor/Plugin.java:665). This class builds their
// payloads and carries a tap from the notification to the plugin:
// - notificationTapped: the notification's content intent (the app's launch intent) carries the
//   tap as an extra; the plugin reads it in handleOnNewIntent, which Capacitor calls for a tap
//   that opens the running app (Bridge.onNewIntent) and for the intent that cold-started it
//   (BridgeActivity.load: onNewIntent(getIntent()) once the plugins are loaded);
// - prefetchFinished: a prefetch run while the app's process (and so the plugin) is alive;
// - permissionChanged: the display permission the plugin noticed changing.
package com.timesafari.dailynotification;

import android.content.Intent;
import com.getcapacitor.JSObject;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

final class PluginEvents {

    static final String NOTIFICATION_TAPPED = "notificationTapped";
    static final String PREFETCH_FINISHED = "prefetchFinished";
    static final String PERMISSION_CHANGED = "permissionChanged";

    /** The tap's payload on the notification's content intent (JSON text). */
    static final String TAP_EXTRA = "com.timesafari.dailynotification.TAP";

    /** Where events go while a plugin instance is loaded (the app is alive); null otherwise. */
    interface Sink {
        void send(String event, JSObject data);
    }

    private static volatile Sink sink;

    private PluginEvents() {}

    static void attach(Sink live) {
        sink = live;
    }

    static void detach(Sink gone) {
        if (sink == gone) {
            sink = null;
        }
    }

    /**
     * The tap payload for a notification of {@code source} ("content", "default" or "reminder",
     * as the core names it) posted with {@code tag} at {@code shownAt} (RFC 3339), naming
     * {@code planIds} (the core's changedPlanIds for fetched content; empty otherwise).
     */
    static String tapPayload(String source, String tag, String shownAt, JSONArray planIds) {
        try {
            JSONObject tap = new JSONObject().put("kind", kind(source)).put("id", tag).put("shownAt", shownAt)
                .put("planIds", planIds == null ? new JSONArray() : planIds);
            if ("reminder".equals(kind(source))) {
                tap.put("reminderId", tag);
            }
            return tap.toString();
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A kind the JavaScript type lists; an unknown source of a newer core counts as content. */
    private static String kind(String source) {
        return "reminder".equals(source) || "default".equals(source) ? source : "content";
    }

    /**
     * The tap an intent carries, removed from it so that the same intent (the activity's, read again
     * when the activity is re-created) is not reported twice; null when it carries none.
     */
    static JSObject takeTap(Intent intent) {
        if (intent == null || !intent.hasExtra(TAP_EXTRA)) {
            return null;
        }
        String text = intent.getStringExtra(TAP_EXTRA);
        intent.removeExtra(TAP_EXTRA);
        try {
            return text == null ? null : new JSObject(text);
        } catch (JSONException e) {
            return null;
        }
    }

    /** A prefetch ended with {@code outcome}: sent only while the app is alive (no retention). */
    static void prefetchFinished(String outcome, int changedPlans, String by, String at) {
        Sink live = sink;
        if (live == null) {
            return;
        }
        JSObject data = new JSObject();
        data.put("outcome", outcome);
        data.put("changedPlans", changedPlans);
        data.put("by", by);
        data.put("at", at);
        live.send(PREFETCH_FINISHED, data);
    }
}
