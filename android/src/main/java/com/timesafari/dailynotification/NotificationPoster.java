// NotificationPoster: shows the plugin's notifications with the framework's Notification API (no
// androidx.core), on its own channels, and remembers the last one shown for getLastNotification.
// Every notification carries a tag (the occurrence or reminder id) and one of two ids of this
// plugin, so that posting the same tag again replaces it and cancelAll touches only ours.
package com.timesafari.dailynotification;

import android.Manifest;
import android.app.Notification;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.content.SharedPreferences;
import android.content.pm.PackageManager;
import android.graphics.drawable.AdaptiveIconDrawable;
import android.graphics.drawable.Drawable;
import android.os.Build;
import android.os.Bundle;
import android.service.notification.StatusBarNotification;
import org.json.JSONException;
import org.json.JSONObject;

final class NotificationPoster {

    /** The dual schedule's notifications (tag {@code dual_notify_<yyyyMMdd-HHmm>Z}, UTC). */
    static final int DUAL_ID = 0x444E5001;
    /** Daily reminders (tag = the reminder id). */
    static final int REMINDER_ID = 0x444E5002;
    static final String CHANNEL = "daily_notification";
    /** Sound is a channel setting from Android 8: silent notifications need their own channel. */
    static final String SILENT_CHANNEL = "daily_notification_silent";

    static final String PREFERENCES = "daily_notification_shown";
    private static final String LAST = "last";

    private NotificationPoster() {}

    /**
     * Notifications can be shown: POST_NOTIFICATIONS from Android 13, and the app's switch, which
     * apps can read from Android 7 (API 24, the default minSdk; an app that sets a lower minSdk in
     * its root ext gets "enabled" below it, where there is no way to ask).
     */
    static boolean canPost(Context context) {
        if (Build.VERSION.SDK_INT >= 33
            && context.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED) {
            return false;
        }
        return Build.VERSION.SDK_INT < 24 || manager(context).areNotificationsEnabled();
    }

    /** Neither of the plugin's channels is turned off (getDiagnostics; true before Android 8). */
    static boolean channelsEnabled(Context context) {
        return !channelBlocked(context, CHANNEL) && !channelBlocked(context, SILENT_CHANNEL);
    }

    /** From Android 8 the user can turn off one channel: the system would drop its posts silently. */
    private static boolean channelBlocked(Context context, String channelId) {
        if (Build.VERSION.SDK_INT < 26) {
            return false;
        }
        NotificationChannel channel = manager(context).getNotificationChannel(channelId);
        return channel != null && channel.getImportance() == NotificationManager.IMPORTANCE_NONE;
    }

    /**
     * Shows (or replaces, same tag and id) a notification now. Returns false, showing nothing,
     * when the app may not post: the system would drop it silently, so it is not recorded either.
     */
    static boolean post(Context context, int id, String tag, String title, String body, boolean sound, long now) {
        if (!canPost(context)) {
            return false;
        }
        ensureChannels(context);
        String channel = sound ? CHANNEL : SILENT_CHANNEL;
        if (channelBlocked(context, channel)) {
            return false;
        }
        Notification.Builder b = Build.VERSION.SDK_INT >= 26
            ? new Notification.Builder(context, channel)
            : legacyBuilder(context, sound);
        b.setSmallIcon(smallIcon(context))
            .setContentTitle(title)
            .setContentText(body)
            .setStyle(new Notification.BigTextStyle().bigText(body))
            .setAutoCancel(true)
            // A late prefetch may replace a notification of the same occurrence: update it quietly.
            .setOnlyAlertOnce(true)
            .setWhen(now)
            .setShowWhen(true);
        Intent launch = context.getPackageManager().getLaunchIntentForPackage(context.getPackageName());
        if (launch != null) {
            b.setContentIntent(PendingIntent.getActivity(context, tag.hashCode(), launch,
                PendingIntent.FLAG_UPDATE_CURRENT | PendingIntent.FLAG_IMMUTABLE));
        }
        manager(context).notify(tag, id, b.build());
        remember(context, tag, title, body, now);
        return true;
    }

    /** Removes the plugin's notifications from the shade (not the app's others). */
    static void cancelShown(Context context) {
        NotificationManager nm = manager(context);
        for (StatusBarNotification n : nm.getActiveNotifications()) {
            if (n.getTag() != null && (n.getId() == DUAL_ID || n.getId() == REMINDER_ID)) {
                nm.cancel(n.getTag(), n.getId());
            }
        }
    }

    /**
     * Logout: the dual schedule's notifications in the shade (fetched text names the user's
     * projects) and the record getLastNotification answers from. Reminders stay.
     */
    static void forgetShownContent(Context context) {
        NotificationManager nm = manager(context);
        for (StatusBarNotification n : nm.getActiveNotifications()) {
            if (n.getTag() != null && n.getId() == DUAL_ID) {
                nm.cancel(n.getTag(), n.getId());
            }
        }
        preferences(context).edit().remove(LAST).commit();
    }

    /** The last notification shown, as getLastNotification resolves it, or null. */
    static JSONObject last(Context context) {
        String stored = preferences(context).getString(LAST, null);
        if (stored == null) {
            return null;
        }
        try {
            return new JSONObject(stored);
        } catch (JSONException e) {
            return null;
        }
    }

    private static void remember(Context context, String tag, String title, String body, long now) {
        try {
            JSONObject last = new JSONObject().put("id", tag).put("title", title).put("body", body).put("shownAt", Rfc3339.format(now));
            // commit(): a receiver's process may end as soon as onReceive returns.
            preferences(context).edit().putString(LAST, last.toString()).commit();
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ensureChannels(Context context) {
        if (Build.VERSION.SDK_INT < 26) {
            return;
        }
        // Creating an existing channel only updates its name: the user's choices stay.
        NotificationManager nm = manager(context);
        nm.createNotificationChannel(new NotificationChannel(CHANNEL, "Daily notifications", NotificationManager.IMPORTANCE_DEFAULT));
        NotificationChannel silent = new NotificationChannel(SILENT_CHANNEL, "Daily notifications (silent)", NotificationManager.IMPORTANCE_DEFAULT);
        silent.setSound(null, null);
        nm.createNotificationChannel(silent);
    }

    @SuppressWarnings("deprecation")
    private static Notification.Builder legacyBuilder(Context context, boolean sound) {
        return new Notification.Builder(context).setDefaults(sound ? Notification.DEFAULT_SOUND : 0)
            .setPriority(Notification.PRIORITY_DEFAULT);
    }

    /**
     * The manifest meta-data (inside {@code <application>}, {@code android:resource}) through which
     * an app replaces the plugin's small icon with its own monochrome drawable.
     */
    static final String SMALL_ICON_META_DATA = "com.timesafari.dailynotification.small_icon";

    /**
     * The app's icon from {@link #SMALL_ICON_META_DATA}, else the plugin's own monochrome bell.
     * Never the launcher icon: the status bar draws only the alpha channel (a full-colour icon is a
     * white square), and on Android 8.0 an adaptive launcher icon as small icon crashes System UI
     * in a loop, so an adaptive icon given through the meta-data is refused there too. On every
     * API level the app's id must load as a drawable: an id that does not (a typo'd resource, a
     * string, a resource shrunk away) makes every notify() a "Bad notification posted" crash.
     */
    static int smallIcon(Context context) {
        int fromApp = 0;
        try {
            Bundle meta = context.getPackageManager()
                .getApplicationInfo(context.getPackageName(), PackageManager.GET_META_DATA).metaData;
            fromApp = meta == null ? 0 : meta.getInt(SMALL_ICON_META_DATA, 0);
        } catch (PackageManager.NameNotFoundException e) {
            // Our own package: cannot happen; the plugin's icon is the answer anyway.
        }
        if (fromApp != 0 && isUsableSmallIcon(context, fromApp)) {
            return fromApp;
        }
        return R.drawable.dnp_ic_stat_notification;
    }

    private static boolean isUsableSmallIcon(Context context, int icon) {
        try {
            Drawable drawable = context.getDrawable(icon);
            return drawable != null && !(Build.VERSION.SDK_INT == 26 && drawable instanceof AdaptiveIconDrawable);
        } catch (RuntimeException notADrawable) {
            // Resources.NotFoundException: not a drawable of this app; refuse it.
            return false;
        }
    }

    private static NotificationManager manager(Context context) {
        return (NotificationManager) context.getSystemService(Context.NOTIFICATION_SERVICE);
    }

    private static SharedPreferences preferences(Context context) {
        return context.getApplicationContext().getSharedPreferences(PREFERENCES, Context.MODE_PRIVATE);
    }
}
