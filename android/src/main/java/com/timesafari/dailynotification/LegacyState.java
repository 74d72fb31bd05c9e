// The old plugin's stored state (@timesafari/daily-notification-plugin): its starred plan ids in
// the SharedPreferences file "daily_notification_timesafari", key "starredPlanIds". Read once at
// plugin load when the key is there; the native core decides what to do with them
// (rust/core/src/legacy.rs: import when the plugin has none) and this class only reads the key
// and deletes it when the core says so. Nothing else of the old plugin's file is touched.
package com.timesafari.dailynotification;

import android.content.Context;
import android.content.SharedPreferences;
import java.util.Collection;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

final class LegacyState {

    static final String PREFERENCES = "daily_notification_timesafari";
    static final String STARRED_PLAN_IDS = "starredPlanIds";

    private LegacyState() {}

    /**
     * Hands the old starred plan ids to the core once and deletes the old key when the core says
     * so. Returns the core's answer ({@code {"outcome", "imported", "skipped", "deleteLegacy"}}),
     * or null when the old key is absent (every launch after the first).
     */
    static JSONObject migrate(Context context) throws NativeCoreException, JSONException {
        SharedPreferences old = context.getSharedPreferences(PREFERENCES, Context.MODE_PRIVATE);
        if (!old.contains(STARRED_PLAN_IDS)) {
            return null;
        }
        JSONObject input = new JSONObject().put("starredPlanIds", asJson(old.getAll().get(STARRED_PLAN_IDS)));
        NativeFetcher.ensureInitialized(context);
        JSONObject answer = new JSONObject(NativeCore.importLegacyStarredPlans(input.toString()));
        // commit, not apply: the key must be gone before a crash could make a later launch
        // import it again over a list the app has changed since.
        if (answer.optBoolean("deleteLegacy") && !old.edit().remove(STARRED_PLAN_IDS).commit()) {
            android.util.Log.w("DailyNotification", "could not delete the old plugin's starredPlanIds");
        }
        return answer;
    }

    /** A string (the JSON text the old plugin wrote) as is; a string set as an array; else as is. */
    private static Object asJson(Object value) {
        if (value instanceof Collection) {
            return new JSONArray((Collection<?>) value);
        }
        return value == null ? JSONObject.NULL : value;
    }
}
