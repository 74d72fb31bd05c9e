// getDiagnostics on Android: "will my notification come, and if not, why?". Gathers what only the
// platform knows (notification permission and channels, the exact-alarm grant, the App Standby
// bucket, Battery Saver, the schedule's next instants), hands those facts to the native core, which
// adds its own status (store, pool, last prefetch) and decides the verdict (rust/core diagnosis.rs,
// one decision for Android and iOS), and answers both.
package com.timesafari.dailynotification;

import android.app.usage.UsageStatsManager;
import android.content.Context;
import android.os.Build;
import android.os.PowerManager;
import com.getcapacitor.JSObject;
import org.json.JSONException;
import org.json.JSONObject;

final class DeliveryDiagnostics {

    private DeliveryDiagnostics() {}

    /** The schedule's next instants, as the core's schedule status has them: RFC 3339 or null. */
    static final class Instants {
        final boolean scheduled;
        final boolean fetchEnabled;
        final String nextFetchAt;
        final String nextNotificationAt;

        Instants(boolean scheduled, boolean fetchEnabled, String nextFetchAt, String nextNotificationAt) {
            this.scheduled = scheduled;
            this.fetchEnabled = fetchEnabled;
            this.nextFetchAt = nextFetchAt;
            this.nextNotificationAt = nextNotificationAt;
        }
    }

    /**
     * The ONE place that reads the next fetch and notify instants: the core's schedule status
     * (the dual schedule and the reminders together).
     */
    static Instants scheduleInstants(Context context) throws NativeCoreException, JSONException {
        JSONObject status = Schedule.handle(context, Schedule.event("status"), System.currentTimeMillis());
        JSONObject dual = status.getJSONObject("dual");
        JSONObject notifications = status.getJSONObject("notifications");
        JSONObject config = dual.optJSONObject("config");
        JSONObject fetch = config == null ? null : config.optJSONObject("contentFetch");
        boolean fetchEnabled = fetch != null && fetch.optBoolean("enabled");
        String nextFetch = fetchEnabled ? stringOrNull(dual, "nextFetchAt") : null;
        String nextNotify = stringOrNull(notifications, "nextNotificationAt");
        return new Instants(notifications.optBoolean("isScheduled"), fetchEnabled, nextFetch, nextNotify);
    }

    private static String stringOrNull(JSONObject o, String key) {
        return o.isNull(key) ? null : o.optString(key, null);
    }

    /** App Standby bucket names (Android 9+); null below, where there are no buckets. */
    static String standbyBucket(Context context) {
        if (Build.VERSION.SDK_INT < 28) {
            return null;
        }
        UsageStatsManager usage = (UsageStatsManager) context.getSystemService(Context.USAGE_STATS_SERVICE);
        if (usage == null) {
            return null;
        }
        int bucket = usage.getAppStandbyBucket();
        if (bucket <= 5) {
            return "exempted";
        } else if (bucket <= UsageStatsManager.STANDBY_BUCKET_ACTIVE) {
            return "active";
        } else if (bucket <= UsageStatsManager.STANDBY_BUCKET_WORKING_SET) {
            return "working_set";
        } else if (bucket <= UsageStatsManager.STANDBY_BUCKET_FREQUENT) {
            return "frequent";
        } else if (bucket <= UsageStatsManager.STANDBY_BUCKET_RARE) {
            return "rare";
        }
        return "restricted";
    }

    /** Battery Saver: from Android 9 it holds back background jobs like the prefetch. */
    static boolean powerSaveMode(Context context) {
        PowerManager power = (PowerManager) context.getSystemService(Context.POWER_SERVICE);
        return power != null && power.isPowerSaveMode();
    }

    /**
     * The getDiagnostics answer. {@code permission} is checkPermissions' {@code display} value
     * (the plugin knows whether asking again can prompt).
     */
    static JSObject collect(Context context, String permission) throws NativeCoreException, JSONException {
        Instants instants = scheduleInstants(context);
        boolean exactPermitted = AlarmScheduler.canScheduleExact(context);
        boolean channels = NotificationPoster.channelsEnabled(context);
        String bucket = standbyBucket(context);
        boolean powerSave = powerSaveMode(context);

        JSONObject facts = new JSONObject()
            .put("notificationsPermitted", "granted".equals(permission))
            .put("channelEnabled", channels)
            .put("exactAlarmsPermitted", exactPermitted)
            .put("standbyBucket", bucket == null ? JSONObject.NULL : bucket)
            .put("lowPowerMode", powerSave)
            .put("notificationScheduled", instants.scheduled)
            .put("fetchScheduled", instants.fetchEnabled);
        JSONObject core = new JSONObject(NativeCore.diagnose(facts.toString()));

        JSObject result = new JSObject();
        result.put("platform", "android");
        result.put("willNotify", core.getBoolean("willNotify"));
        result.put("freshContentExpected", core.getBoolean("freshContentExpected"));
        result.put("reasons", core.getJSONArray("reasons"));
        result.put("notificationPermission", permission);
        result.put("channelEnabled", channels);
        result.put("exactAlarms", new JSONObject()
            .put("supported", Build.VERSION.SDK_INT >= Build.VERSION_CODES.S)
            // The names of getExactAlarmStatus's ExactAlarmStatus: one shape for one thing.
            .put("enabled", exactPermitted));
        result.put("standbyBucket", bucket == null ? JSONObject.NULL : bucket);
        result.put("backgroundRefresh", JSONObject.NULL);
        result.put("lowPowerMode", powerSave);
        result.put("backgroundTaskRegistered", JSONObject.NULL);
        result.put("nextFetchAt", instants.nextFetchAt == null ? JSONObject.NULL : instants.nextFetchAt);
        result.put("nextNotificationAt", instants.nextNotificationAt == null ? JSONObject.NULL : instants.nextNotificationAt);
        result.put("fetcher", core.getJSONObject("fetcher"));
        return result;
    }
}
