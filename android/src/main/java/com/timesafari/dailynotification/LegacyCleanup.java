// What the old plugin (@timesafari/daily-notification-plugin) leaves on the device after the swap,
// removed once, at the first plugin load after its starred plans were imported (LegacyState), and
// safe to run again (every step finds nothing the second time):
// - the rest of its SharedPreferences file "daily_notification_timesafari" (it may hold a DID, a
//   token or project names, and Auto Backup copies it), deleted only once starredPlanIds is gone;
// - its notification channels (deleting a channel also removes its notifications from the shade);
// - its database (a Room "ContentCache" of fetched content);
// - its alarms that can be named (broadcast action org.timesafari.daily.NOTIFICATION).
// - its WorkManager work (tag daily_notification_fetch), when any of the above was found (the core
//   also cancels it, with its cancelLegacyFetches action, before this plugin queues its first
//   prefetch; an app that never schedules would otherwise keep it). The old plugin's own ids and names are not in any source this project
// could read (../shared/reference/timesafari-plugin-api.md lists what its docs say): the channel
// and database rule is "a name starting with one of OLD_PREFIXES that is not this plugin's own",
// which leaves the app's own channels and databases alone. docs/migrating-from-daily-notification-
// plugin.md, "The old stored state", says the same.
package com.timesafari.dailynotification;

import android.app.AlarmManager;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.content.SharedPreferences;
import android.os.Build;
import android.util.Log;
import java.util.ArrayList;
import java.util.List;

final class LegacyCleanup {

    /** Name prefixes of the old plugin's channels and database. */
    static final String[] OLD_PREFIXES = { "daily_notification", "dual_notif", "timesafari_daily" };
    /** The old plugin's alarm broadcast action and the ids its alarms were known by. */
    static final String OLD_ALARM_ACTION = "org.timesafari.daily.NOTIFICATION";
    static final String[] OLD_ALARM_IDS = { "daily_timesafari_reminder", "dual_notify_schedule_id", "dual_notify", "dual_fetch" };

    private static final String TAG = "DailyNotification";

    private LegacyCleanup() {}

    /** What was removed (for the log and the tests). */
    static final class Removed {
        boolean preferences;
        final List<String> channels = new ArrayList<>();
        final List<String> databases = new ArrayList<>();
        int alarms;
        boolean work;

        boolean any() {
            return preferences || !channels.isEmpty() || !databases.isEmpty() || alarms > 0;
        }
    }

    /** Removes what is left of the old plugin; never throws (a failure is logged, retried next load). */
    static Removed run(Context context) {
        Removed removed = new Removed();
        try {
            removed.preferences = deletePreferences(context);
            deleteChannels(context, removed.channels);
            deleteDatabases(context, removed.databases);
            removed.alarms = cancelAlarms(context);
        } catch (RuntimeException e) {
            Log.w(TAG, "old plugin's leftovers not all removed: " + e.getClass().getSimpleName());
        }
        if (removed.any()) {
            try {
                Schedule.prefetchQueue.cancelLegacy(context);
                removed.work = true;
            } catch (RuntimeException | LinkageError e) {
                Log.w(TAG, "old plugin's work not cancelled: " + e.getClass().getSimpleName());
            }
        }
        if (removed.any()) {
            Log.i(TAG, "old plugin's leftovers removed: preferences " + removed.preferences + ", channels "
                + removed.channels.size() + ", databases " + removed.databases.size() + ", alarms " + removed.alarms);
        }
        return removed;
    }

    /**
     * The old file, once its starred plans are imported (LegacyState deleted that key): while the
     * key is there (the core could not take it yet) the file stays for the next load.
     */
    private static boolean deletePreferences(Context context) {
        SharedPreferences old = context.getSharedPreferences(LegacyState.PREFERENCES, Context.MODE_PRIVATE);
        if (old.contains(LegacyState.STARRED_PLAN_IDS) || old.getAll().isEmpty()) {
            return false;
        }
        // commit: gone from disk (and from the next backup) before this returns.
        old.edit().clear().commit();
        if (Build.VERSION.SDK_INT >= 24) {
            context.deleteSharedPreferences(LegacyState.PREFERENCES);
        }
        return true;
    }

    private static boolean isOld(String name) {
        if (name == null || name.equals(NotificationPoster.CHANNEL) || name.equals(NotificationPoster.SILENT_CHANNEL)) {
            return false;
        }
        for (String prefix : OLD_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static void deleteChannels(Context context, List<String> deleted) {
        if (Build.VERSION.SDK_INT < 26) {
            return;
        }
        NotificationManager nm = (NotificationManager) context.getSystemService(Context.NOTIFICATION_SERVICE);
        for (NotificationChannel channel : nm.getNotificationChannels()) {
            if (isOld(channel.getId())) {
                nm.deleteNotificationChannel(channel.getId());
                deleted.add(channel.getId());
            }
        }
    }

    /** The plugin itself keeps no database (its store is a file of the core), so every match is old. */
    private static void deleteDatabases(Context context, List<String> deleted) {
        for (String name : context.databaseList()) {
            if (isOld(name) && !name.endsWith("-journal") && !name.endsWith("-wal") && !name.endsWith("-shm")
                && context.deleteDatabase(name)) {
                deleted.add(name);
            }
        }
    }

    /**
     * Its alarms target a receiver that is no longer in the app, so they deliver to nothing; those
     * whose PendingIntent can be rebuilt (action, package, request code 0 or an id's hash) are
     * cancelled so they stop waking the device.
     */
    private static int cancelAlarms(Context context) {
        AlarmManager alarms = (AlarmManager) context.getSystemService(Context.ALARM_SERVICE);
        int cancelled = 0;
        List<Integer> codes = new ArrayList<>();
        codes.add(0);
        for (String id : OLD_ALARM_IDS) {
            codes.add(id.hashCode());
        }
        // The mutability flag is part of a PendingIntent's identity: look both up (MUTABLE is 31+).
        List<Integer> mutability = new ArrayList<>();
        mutability.add(PendingIntent.FLAG_IMMUTABLE);
        if (Build.VERSION.SDK_INT >= 31) {
            mutability.add(PendingIntent.FLAG_MUTABLE);
        }
        for (int code : codes) {
            for (int flag : mutability) {
                Intent intent = new Intent(OLD_ALARM_ACTION).setPackage(context.getPackageName());
                PendingIntent pending = PendingIntent.getBroadcast(context, code, intent, PendingIntent.FLAG_NO_CREATE | flag);
                if (pending != null) {
                    alarms.cancel(pending);
                    pending.cancel();
                    cancelled++;
                }
            }
        }
        return cancelled;
    }
}
