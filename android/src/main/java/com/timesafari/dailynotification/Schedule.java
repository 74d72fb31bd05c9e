// Schedule: the Android executor of the core's schedule (rust/core/src/schedule, docs/core-contract.md
// "Schedule"). Every event (a plugin call, an alarm, a finished prefetch, a boot, a clock, zone or
// permission change) goes to the core with the stored state, the device's zone and the time; the
// core answers the new state, the actions and the status. This class stores the state as given and
// runs exactly the actions listed: it decides nothing about the schedule itself.
package com.timesafari.dailynotification;

import android.content.Context;
import android.content.SharedPreferences;
import android.util.Log;
import androidx.work.ExistingWorkPolicy;
import java.util.TimeZone;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

final class Schedule {

    /** Alarm targets, as the core names them. */
    static final String DUAL_TARGET = "dualSchedule";
    /** The exact while-idle alarm that starts the dual schedule's prefetch (exact alarms permitted). */
    static final String FETCH_TARGET = "dualFetch";
    /** What started a prefetch, as the core names it. */
    static final String BY_ALARM = "alarm";
    static final String BY_WORK = "work";
    /** {@link #startFetch} answers: no prefetch now. */
    static final long FETCH_DONE = -1L;
    static final long FETCH_RUNNING = -2L;
    static final String REMINDER_TARGET_PREFIX = "reminder/";

    static final String PREFERENCES = "daily_notification_schedule";
    private static final String STATE = "state";
    private static final String TAG = "DailyNotification";

    /** Replaced by the tests, which have no WorkManager. */
    static volatile PrefetchQueue prefetchQueue = PrefetchQueue.WORK_MANAGER;

    private Schedule() {}

    /** A plugin call: {@code {"type": method, "options": options}}. */
    static JSONObject call(String method, Object options) throws JSONException {
        return new JSONObject().put("type", method).put("options", options == null ? JSONObject.NULL : options);
    }

    /** An event without data: load, boot, timeChange, permissionChange, status, cancel... */
    static JSONObject event(String type) throws JSONException {
        return new JSONObject().put("type", type);
    }

    /**
     * Sends {@code event} to the core at {@code now}, stores the state it returns, runs its actions
     * and returns its status. Invalid options throw with the core's code and change nothing.
     */
    static JSONObject handle(Context context, JSONObject event, long now) throws NativeCoreException, JSONException {
        return answer(context, event, now).getJSONObject("status");
    }

    /** {@link #handle}, returning the core's whole answer (state, actions run, status). */
    private static synchronized JSONObject answer(Context context, JSONObject event, long now) throws NativeCoreException, JSONException {
        SharedPreferences p = preferences(context);
        String stored = p.getString(STATE, null);
        JSONObject request = new JSONObject()
            .put("platform", "android")
            .put("zone", TimeZone.getDefault().getID())
            .put("now", now)
            .put("exactAlarmsPermitted", AlarmScheduler.canScheduleExact(context))
            .put("state", storedState(stored))
            .put("event", event);
        JSONObject answer = new JSONObject(NativeCore.schedule(request.toString()));
        if (answer.optBoolean("stateReset")) {
            Log.w(TAG, "stored schedule state unreadable; started empty");
        }
        // commit(): a receiver's or worker's process may end as soon as it returns.
        p.edit().putString(STATE, answer.getJSONObject("state").toString()).commit();
        JSONArray actions = answer.getJSONArray("actions");
        for (int i = 0; i < actions.length(); i++) {
            run(context, actions.getJSONObject(i), now);
        }
        return answer;
    }

    /**
     * The fetch alarm fired or the WorkManager job started ({@code by}): may it prefetch? The core
     * answers {@code runFetch} (its deadline in ms, returned) or {@code skipFetch}
     * ({@link #FETCH_DONE}: this occurrence was fetched; {@link #FETCH_RUNNING}: another run is
     * fetching it). The caller runs the prefetch, then reports it with {@link #onPrefetched}.
     */
    static long startFetch(Context context, String by, long now) throws NativeCoreException, JSONException {
        JSONArray actions = answer(context, event("fetchStart").put("by", by), now).getJSONArray("actions");
        for (int i = 0; i < actions.length(); i++) {
            JSONObject a = actions.getJSONObject(i);
            if ("runFetch".equals(a.getString("type"))) {
                return a.getLong("deadlineMillis");
            }
            if ("skipFetch".equals(a.getString("type"))) {
                return "running".equals(a.getString("reason")) ? FETCH_RUNNING : FETCH_DONE;
            }
        }
        return FETCH_DONE;
    }

    /**
     * The stored state as JSON; text that is not JSON goes as a string, which the core reports as
     * {@code stateReset} and replaces (a corrupt store is reported, never a crash).
     */
    private static Object storedState(String stored) {
        if (stored == null) {
            return JSONObject.NULL;
        }
        try {
            return new JSONObject(stored);
        } catch (JSONException e) {
            return stored;
        }
    }

    private static void run(Context context, JSONObject a, long now) throws NativeCoreException, JSONException {
        switch (a.getString("type")) {
            case "armAlarm":
                AlarmScheduler.arm(context, a.getString("target"), a.getLong("at"));
                break;
            case "cancelAlarm":
                AlarmScheduler.cancel(context, a.getString("target"));
                break;
            case "enqueueFetch":
                prefetchQueue.enqueue(context, a.getString("name"), ExistingWorkPolicy.KEEP, a.getLong("delayMillis"));
                break;
            case "cancelFetch":
                prefetchQueue.cancel(context, a.getString("name"));
                break;
            case "cancelAllFetches":
                prefetchQueue.cancelAll(context);
                break;
            case "cancelLegacyFetches":
                prefetchQueue.cancelLegacy(context);
                break;
            case "removeContent":
                NotificationContentStore.removeIfFetchedAt(context, a.getLong("fetchedAt"));
                break;
            case "post":
                String source = a.getString("source");
                int id = "reminder".equals(source) ? NotificationPoster.REMINDER_ID : NotificationPoster.DUAL_ID;
                if (NotificationPoster.post(context, id, a.getString("tag"), a.getString("title"), a.getString("body"),
                    a.getBoolean("sound"), now, source, a.optJSONArray("planIds"))) {
                    if ("content".equals(source)) {
                        // Shown: the next PrefetchWorker run acknowledges its cursor to the core
                        // (not here: an alarm runs on the main thread). The cursor comes with the
                        // action: the content store was already cleared by its removeContent.
                        NotificationContentStore.markDelivered(context, a.isNull("cursor") ? null : a.optString("cursor", null));
                    }
                    handle(context, event("shown").put("occurrence", a.getLong("occurrence")).put("source", source), now);
                }
                break;
            case "clearShown":
                NotificationPoster.cancelShown(context);
                break;
            case "runFetch":
            case "skipFetch":
                break; // The answer to fetchStart: startFetch's caller runs it.
            default:
                // An iOS action, or one of a newer core: nothing to do here.
                Log.w(TAG, "schedule action not run on Android: " + a.getString("type"));
        }
    }

    /** An alarm of {@code target} for {@code occurrence} fired (AlarmReceiver). */
    static void onAlarm(Context context, String target, long occurrence, long now) throws NativeCoreException, JSONException {
        JSONObject fired = event("fired").put("target", target).put("occurrence", occurrence).put("content", storedContent(context));
        handle(context, fired, now);
    }

    /** A prefetch started {@code by} the alarm or the job finished with {@code outcome}, after storing any content. */
    static void onPrefetched(Context context, String outcome, String by, long now) throws NativeCoreException, JSONException {
        handle(context, event("prefetched").put("outcome", outcome).put("by", by).put("content", storedContent(context)), now);
    }

    /** load, boot, timeChange or permissionChange: logged, never thrown (a broadcast must not crash). */
    static void rearm(Context context, String type, long now) {
        try {
            handle(context, event(type), now);
        } catch (NativeCoreException | JSONException | RuntimeException | LinkageError e) {
            Log.e(TAG, "re-arming (" + type + ") failed: " + e.getClass().getSimpleName());
        }
    }

    private static Object storedContent(Context context) throws JSONException {
        NotificationContentStore.Content c = NotificationContentStore.read(context);
        if (c == null) {
            return JSONObject.NULL;
        }
        return new JSONObject().put("title", c.title).put("body", c.body).put("fetchedAt", c.createdAtMillis)
            .put("cursor", c.cursor == null ? JSONObject.NULL : c.cursor).put("planIds", c.planIds());
    }

    private static SharedPreferences preferences(Context context) {
        return context.getApplicationContext().getSharedPreferences(PREFERENCES, Context.MODE_PRIVATE);
    }
}
