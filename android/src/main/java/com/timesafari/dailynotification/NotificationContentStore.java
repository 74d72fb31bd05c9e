// The content a prefetch composed, kept for the notification step (the alarm that shows it reads
// it without waking the native core). Holds display text only: never a token.
package com.timesafari.dailynotification;

import android.content.Context;
import android.content.SharedPreferences;

public final class NotificationContentStore {

    static final String PREFERENCES = "daily_notification_content";
    private static final String TITLE = "title";
    private static final String BODY = "body";
    private static final String CREATED_AT_MILLIS = "createdAtMillis";
    private static final String CHANGED_PLANS = "changedPlans";
    private static final String CURSOR = "cursor";
    /** The plans the content names (the core's changedPlanIds), as a JSON array. */
    private static final String PLAN_IDS = "planIds";
    /** Cursors of content that was shown, waiting to be acknowledged to the core. */
    static final String DELIVERED_PREFERENCES = "daily_notification_delivered";
    private static final String DELIVERED_CURSOR = "cursor";

    /** What the last successful prefetch composed. */
    public static final class Content {
        public final String title;
        public final String body;
        public final long createdAtMillis;
        public final int changedPlans;
        /** The core's cursor for this content (acknowledgeDelivery), or null. */
        public final String cursor;
        /** The plans the content names, a JSON array (never null; "[]" when none). */
        final String planIdsJson;

        Content(String title, String body, long createdAtMillis, int changedPlans, String cursor, String planIdsJson) {
            this.title = title;
            this.body = body;
            this.createdAtMillis = createdAtMillis;
            this.changedPlans = changedPlans;
            this.cursor = cursor;
            this.planIdsJson = planIdsJson == null ? "[]" : planIdsJson;
        }

        /** The plans the content names; empty when none or unreadable (the tap then names none). */
        org.json.JSONArray planIds() {
            try {
                return new org.json.JSONArray(planIdsJson);
            } catch (org.json.JSONException e) {
                return new org.json.JSONArray();
            }
        }
    }

    private NotificationContentStore() {}

    static synchronized void save(Context context, String title, String body, long createdAtMillis, int changedPlans) {
        save(context, title, body, createdAtMillis, changedPlans, null);
    }

    static synchronized void save(Context context, String title, String body, long createdAtMillis, int changedPlans, String cursor) {
        save(context, title, body, createdAtMillis, changedPlans, cursor, "[]");
    }

    /** With the plans the content names ({@code planIdsJson}, a JSON array), for the tap event. */
    static synchronized void save(Context context, String title, String body, long createdAtMillis, int changedPlans, String cursor,
        String planIdsJson) {
        // commit(), not apply(): the worker's process may end right after doWork returns.
        preferences(context)
            .edit()
            .putString(TITLE, title)
            .putString(BODY, body)
            .putLong(CREATED_AT_MILLIS, createdAtMillis)
            .putInt(CHANGED_PLANS, changedPlans)
            .putString(CURSOR, cursor)
            .putString(PLAN_IDS, planIdsJson)
            .commit();
    }

    /**
     * Content with {@code cursor} was posted: remember it (the larger cursor) until the next
     * prefetch acknowledges it to the core, off the main thread (PrefetchWorker). Until then the
     * core carries those changes into its next notification, so nothing is lost if it never is.
     */
    static synchronized void markDelivered(Context context, String cursor) {
        if (cursor == null) {
            return;
        }
        SharedPreferences p = context.getApplicationContext().getSharedPreferences(DELIVERED_PREFERENCES, Context.MODE_PRIVATE);
        String previous = p.getString(DELIVERED_CURSOR, null);
        if (previous == null || previous.compareTo(cursor) < 0) {
            p.edit().putString(DELIVERED_CURSOR, cursor).commit();
        }
    }

    /** The cursor of shown content not acknowledged yet, or null. */
    static synchronized String delivered(Context context) {
        return context.getApplicationContext().getSharedPreferences(DELIVERED_PREFERENCES, Context.MODE_PRIVATE)
            .getString(DELIVERED_CURSOR, null);
    }

    /** Forgets {@code cursor} once acknowledged, unless a larger one was shown meanwhile. */
    static synchronized void acknowledged(Context context, String cursor) {
        SharedPreferences p = context.getApplicationContext().getSharedPreferences(DELIVERED_PREFERENCES, Context.MODE_PRIVATE);
        if (cursor != null && cursor.equals(p.getString(DELIVERED_CURSOR, null))) {
            p.edit().remove(DELIVERED_CURSOR).commit();
        }
    }

    /** The stored content, or null. The notification step decides whether it is fresh enough. */
    public static Content read(Context context) {
        SharedPreferences p = preferences(context);
        String title = p.getString(TITLE, null);
        String body = p.getString(BODY, null);
        if (title == null || body == null) {
            return null;
        }
        return new Content(title, body, p.getLong(CREATED_AT_MILLIS, 0L), p.getInt(CHANGED_PLANS, 0), p.getString(CURSOR, null),
            p.getString(PLAN_IDS, "[]"));
    }

    /**
     * Reads and removes the content, so that one prefetch is shown at most once. The writers hold
     * the same lock: a save between the read and the clear would otherwise be lost.
     */
    public static synchronized Content take(Context context) {
        Content content = read(context);
        clear(context);
        return content;
    }

    /**
     * Removes the content if it is still the one fetched at {@code fetchedAt} (the core said it was
     * shown or can never be). Under the writers' lock: content saved meanwhile is never wiped unseen.
     */
    static synchronized void removeIfFetchedAt(Context context, long fetchedAt) {
        Content content = read(context);
        if (content != null && content.createdAtMillis == fetchedAt) {
            clear(context);
        }
    }

    public static synchronized void clear(Context context) {
        preferences(context).edit().clear().commit();
    }

    /**
     * Logout: the content and the shown cursor not acknowledged yet, which belongs to the old
     * identity's store (acknowledged into the next identity's, it would skip its first run).
     */
    static synchronized void forgetAll(Context context) {
        clear(context);
        context.getApplicationContext().getSharedPreferences(DELIVERED_PREFERENCES, Context.MODE_PRIVATE)
            .edit().clear().commit();
    }

    private static SharedPreferences preferences(Context context) {
        return context.getApplicationContext().getSharedPreferences(PREFERENCES, Context.MODE_PRIVATE);
    }
}
