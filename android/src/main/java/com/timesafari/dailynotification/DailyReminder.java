// DailyReminder: static daily reminders (scheduleDailyNotification / cancelDailyReminder), one alarm
// each, independent of the dual schedule. Stored in SharedPreferences so that boot, clock changes
// and plugin load can re-arm them; each alarm shows its text and arms the next day.
package com.timesafari.dailynotification;

import android.content.Context;
import android.content.SharedPreferences;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.json.JSONException;
import org.json.JSONObject;

final class DailyReminder {

    static final String DEFAULT_ID = "daily_timesafari_reminder";
    static final String ALARM_TARGET_PREFIX = "reminder/";

    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final String PREFERENCES = "daily_notification_reminders";
    /** One key per reminder: the prefix and its id; the value is its JSON (text, time, alarm state). */
    private static final String KEY_PREFIX = "reminder.";

    private DailyReminder() {}

    /**
     * Validates scheduleDailyNotification's options as src-ts/schedule-validation.ts does (same
     * messages) and returns the reminder to store: {id, hour, minute, title, body, sound}.
     */
    static JSONObject parse(JSONObject o) throws NativeCoreException, JSONException {
        Object time = o.opt("time");
        if (!(time instanceof String) || !HH_MM.matcher((String) time).matches()) {
            throw DualScheduleConfig.invalid("time must be \"HH:MM\" (00:00 to 23:59)");
        }
        if (!(o.opt("title") instanceof String)) {
            throw DualScheduleConfig.invalid("title is required and must be a string");
        }
        if (!(o.opt("body") instanceof String)) {
            throw DualScheduleConfig.invalid("body is required and must be a string");
        }
        Object sound = o.opt("sound");
        if (!DualScheduleConfig.isAbsent(sound) && !(sound instanceof Boolean)) {
            throw DualScheduleConfig.invalid("options.sound must be a boolean");
        }
        Object id = o.opt("id");
        if (!DualScheduleConfig.isAbsent(id) && !(id instanceof String)) {
            throw DualScheduleConfig.invalid("options.id must be a string");
        }
        if ("".equals(id)) {
            throw DualScheduleConfig.invalid("id must not be empty");
        }
        String hhmm = (String) time;
        return new JSONObject()
            .put("id", id instanceof String ? id : DEFAULT_ID)
            .put("hour", Integer.parseInt(hhmm.substring(0, 2)))
            .put("minute", Integer.parseInt(hhmm.substring(3)))
            .put("title", o.getString("title"))
            .put("body", o.getString("body"))
            .put("sound", !(sound instanceof Boolean) || (Boolean) sound);
    }

    /** cancelDailyReminder's option, with the web's message. */
    static String reminderId(JSONObject o) throws NativeCoreException {
        Object id = o.opt("reminderId");
        if (!(id instanceof String) || ((String) id).isEmpty()) {
            throw DualScheduleConfig.invalid("reminderId is required and must be a non-empty string");
        }
        return (String) id;
    }

    /** Stores (replacing the same id) and arms the reminder's next occurrence. */
    static synchronized void schedule(Context context, JSONObject reminder, long now) throws JSONException {
        reminder.put("armedAt", 0L).put("handled", 0L);
        arm(context, reminder, now);
    }

    /** Cancels one reminder; an unknown id is not an error (nothing to cancel). */
    static synchronized void cancel(Context context, String id) {
        AlarmScheduler.cancel(context, ALARM_TARGET_PREFIX + id);
        preferences(context).edit().remove(KEY_PREFIX + id).commit();
    }

    static synchronized void cancelAll(Context context) {
        for (JSONObject r : all(context)) {
            cancel(context, r.optString("id"));
        }
    }

    /** The alarm of reminder {@code id} for {@code occurrence} fired (AlarmReceiver). */
    static synchronized void onAlarm(Context context, String id, long occurrence, long now) throws JSONException {
        JSONObject r = read(context, id);
        if (r == null) {
            return; // Cancelled after the alarm was armed.
        }
        if (occurrence > r.optLong("handled")) {
            NotificationPoster.post(context, NotificationPoster.REMINDER_ID, id, r.getString("title"), r.getString("body"),
                r.optBoolean("sound", true), now);
            r.put("handled", occurrence);
        }
        arm(context, r, now);
    }

    /** Boot, clock change, plugin load: arms every stored reminder again. */
    static synchronized void rearmAll(Context context, long now) throws JSONException {
        for (JSONObject r : all(context)) {
            arm(context, r, now);
        }
    }

    /** The earliest armed reminder occurrence, or 0. */
    static long nextAt(Context context) {
        long next = 0L;
        for (JSONObject r : all(context)) {
            long at = r.optLong("armedAt");
            if (at > 0 && (next == 0 || at < next)) {
                next = at;
            }
        }
        return next;
    }

    static int count(Context context) {
        return all(context).size();
    }

    private static void arm(Context context, JSONObject r, long now) throws JSONException {
        DailyTime time = new DailyTime(r.getInt("hour"), r.getInt("minute"));
        long handled = time.clampHandled(r.optLong("handled"), now);
        long occurrence = time.toArm(r.optLong("armedAt"), handled, now);
        String id = r.getString("id");
        AlarmScheduler.arm(context, ALARM_TARGET_PREFIX + id, occurrence);
        r.put("armedAt", occurrence).put("handled", handled);
        preferences(context).edit().putString(KEY_PREFIX + id, r.toString()).commit();
    }

    private static JSONObject read(Context context, String id) {
        String stored = preferences(context).getString(KEY_PREFIX + id, null);
        try {
            return stored == null ? null : new JSONObject(stored);
        } catch (JSONException e) {
            return null;
        }
    }

    private static List<JSONObject> all(Context context) {
        List<JSONObject> out = new ArrayList<>();
        for (Iterator<String> it = preferences(context).getAll().keySet().iterator(); it.hasNext();) {
            String key = it.next();
            if (key.startsWith(KEY_PREFIX)) {
                JSONObject r = read(context, key.substring(KEY_PREFIX.length()));
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static SharedPreferences preferences(Context context) {
        return context.getApplicationContext().getSharedPreferences(PREFERENCES, Context.MODE_PRIVATE);
    }
}
