// DualScheduleConfig: a validated DualScheduleConfiguration (src-ts/definitions.ts). The shape checks
// and their messages follow src-ts/schedule-validation.ts so that Android rejects exactly what the
// web rejects; then the Android limits (daily "M H * * *" only, no contentFetch.url), as on iOS.
// Messages name the key and never echo a value.
package com.timesafari.dailynotification;

import org.json.JSONException;
import org.json.JSONObject;

final class DualScheduleConfig {

    static final String SKIP = "skip";
    static final String SHOW_DEFAULT = "show_default";
    /** How late a prefetch may still deliver to its occurrence when contentTimeout is absent (iOS too). */
    static final long DEFAULT_CONTENT_TIMEOUT_MILLIS = 30 * 60 * 1000L;
    /** A prefetch serves at most the day of its occurrence: beyond, it would be the next day's. */
    static final long MAX_CONTENT_TIMEOUT_MILLIS = 24 * 60 * 60 * 1000L;

    /** The configuration as given, for getDualScheduleStatus and for storage. */
    final JSONObject raw;
    final boolean fetchEnabled;
    final DailyTime fetchTime;
    final DailyTime notifyTime;
    final String title;
    final String body;
    final boolean sound;
    final long contentTimeoutMillis;
    final boolean showDefault;

    private DualScheduleConfig(JSONObject raw, boolean fetchEnabled, DailyTime fetchTime, DailyTime notifyTime, String title,
                               String body, boolean sound, long contentTimeoutMillis, boolean showDefault) {
        this.raw = raw;
        this.fetchEnabled = fetchEnabled;
        this.fetchTime = fetchTime;
        this.notifyTime = notifyTime;
        this.title = title;
        this.body = body;
        this.sound = sound;
        this.contentTimeoutMillis = contentTimeoutMillis;
        this.showDefault = showDefault;
    }

    /** Validates {@code config} (the path "config" in messages, as on the web). */
    static DualScheduleConfig parse(Object config) throws NativeCoreException {
        if (!(config instanceof JSONObject)) {
            throw invalid("config is required and must be an object");
        }
        JSONObject c = (JSONObject) config;
        Object fetchValue = c.opt("contentFetch");
        if (!(fetchValue instanceof JSONObject)) {
            throw invalid("config.contentFetch is required and must be an object");
        }
        JSONObject fetch = (JSONObject) fetchValue;
        if (!(fetch.opt("enabled") instanceof Boolean)) {
            throw invalid("config.contentFetch.enabled must be a boolean");
        }
        if (!isCronExpression(fetch.opt("schedule"))) {
            throw invalid("config.contentFetch.schedule must be a five-field cron expression");
        }
        optionalOfType(fetch, "url", String.class, "config.contentFetch", "string");
        Object notificationValue = c.opt("userNotification");
        if (!(notificationValue instanceof JSONObject)) {
            throw invalid("config.userNotification is required and must be an object");
        }
        JSONObject notification = (JSONObject) notificationValue;
        if (!isCronExpression(notification.opt("schedule"))) {
            throw invalid("config.userNotification.schedule must be a five-field cron expression");
        }
        if (!(notification.opt("title") instanceof String)) {
            throw invalid("config.userNotification.title must be a string");
        }
        if (!(notification.opt("body") instanceof String)) {
            throw invalid("config.userNotification.body must be a string");
        }
        optionalOfType(notification, "sound", Boolean.class, "config.userNotification", "boolean");
        long timeout = DEFAULT_CONTENT_TIMEOUT_MILLIS;
        boolean showDefault = false;
        Object relationshipValue = c.opt("relationship");
        if (!isAbsent(relationshipValue)) {
            if (!(relationshipValue instanceof JSONObject)) {
                throw invalid("config.relationship must be an object");
            }
            JSONObject relationship = (JSONObject) relationshipValue;
            Object t = relationship.opt("contentTimeout");
            if (!isAbsent(t)) {
                // The web's bound and message (src-ts/schedule-validation.ts).
                if (!isNonNegativeInteger(t) || ((Number) t).doubleValue() > MAX_CONTENT_TIMEOUT_MILLIS) {
                    throw invalid("config.relationship.contentTimeout must be an integer from 0 to 86400000 (milliseconds, at most a day)");
                }
                timeout = ((Number) t).longValue();
            }
            Object fallback = relationship.opt("fallbackBehavior");
            if (!isAbsent(fallback)) {
                if (!SKIP.equals(fallback) && !SHOW_DEFAULT.equals(fallback)) {
                    throw invalid("config.relationship.fallbackBehavior must be \"skip\" or \"show_default\"");
                }
                showDefault = SHOW_DEFAULT.equals(fallback);
            }
        }
        // The shape is the web's; what follows is what Android can schedule.
        DailyTime fetchTime = DailyTime.fromCron(fetch.optString("schedule"));
        if (fetchTime == null) {
            throw invalid("config.contentFetch.schedule must be a daily cron expression \"M H * * *\" on Android");
        }
        DailyTime notifyTime = DailyTime.fromCron(notification.optString("schedule"));
        if (notifyTime == null) {
            throw invalid("config.userNotification.schedule must be a daily cron expression \"M H * * *\" on Android");
        }
        Object url = fetch.opt("url");
        if (url instanceof String && !((String) url).isEmpty()) {
            throw new NativeCoreException(
                "UNIMPLEMENTED",
                "config.contentFetch.url is not supported on Android; omit it to use the native fetcher"
            );
        }
        Object sound = notification.opt("sound");
        return new DualScheduleConfig(
            copy(c),
            fetch.optBoolean("enabled"),
            fetchTime,
            notifyTime,
            notification.optString("title"),
            notification.optString("body"),
            !(sound instanceof Boolean) || (Boolean) sound,
            timeout,
            showDefault
        );
    }

    /** The fetch time that serves occurrence {@code occurrence}: the last one at or before it. */
    long fetchAtFor(long occurrence) {
        return fetchTime.lastAtOrBefore(occurrence);
    }

    /**
     * The occurrence that content fetched at {@code fetchedAt} serves late, or 0: the last one at or
     * before it, if within contentTimeout, unless the fetch was already in time for the next one
     * (the alarm shows it then). Computed directly, not by stepping through days.
     */
    long lateOccurrenceFor(long fetchedAt) {
        long last = notifyTime.lastAtOrBefore(fetchedAt);
        if (fetchedAt - last > contentTimeoutMillis || fetchAtFor(notifyTime.nextAfter(fetchedAt)) <= fetchedAt) {
            return 0L;
        }
        return last;
    }

    /** src-ts isCronExpression: a string of five whitespace-separated fields. */
    static boolean isCronExpression(Object value) {
        return value instanceof String && ((String) value).trim().split("\\s+").length == 5 && !((String) value).trim().isEmpty();
    }

    static boolean isAbsent(Object value) {
        return value == null || value == JSONObject.NULL;
    }

    private static boolean isNonNegativeInteger(Object value) {
        if (!(value instanceof Number)) {
            return false;
        }
        double d = ((Number) value).doubleValue();
        return !Double.isNaN(d) && !Double.isInfinite(d) && d >= 0 && d == Math.rint(d);
    }

    private static void optionalOfType(JSONObject o, String key, Class<?> type, String path, String typeName) throws NativeCoreException {
        Object value = o.opt(key);
        if (!isAbsent(value) && !type.isInstance(value)) {
            throw invalid(path + "." + key + " must be a " + typeName);
        }
    }

    private static JSONObject copy(JSONObject o) {
        try {
            return new JSONObject(o.toString());
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    static NativeCoreException invalid(String message) {
        return new NativeCoreException(NativeCoreException.INVALID_ARGUMENT, message);
    }
}
