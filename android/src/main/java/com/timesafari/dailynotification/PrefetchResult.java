// The parts of the core's PrefetchResult JSON that the worker acts on (docs/core-contract.md).
package com.timesafari.dailynotification;

import org.json.JSONException;
import org.json.JSONObject;

final class PrefetchResult {

    static final String OK = "ok";
    static final String NO_CHANGES = "no_changes";
    static final String NOT_CONFIGURED = "not_configured";
    static final String NO_PLANS = "no_plans";
    static final String NO_TOKEN = "no_token";
    static final String RETRY = "retry";
    static final String FAILED = "failed";
    /** The run lost its configuration (clear, another identity): no content, no cursor. */
    static final String CANCELLED = "cancelled";

    final String outcome;
    final int changedPlans;
    /** Null when the prefetch composed no notification. */
    final String title;
    final String body;
    /** With a notification: what acknowledgeDelivery takes once it is shown. */
    final String cursor;
    /** The plans the notification names (changedPlanIds), a JSON array; "[]" when none. */
    final String planIdsJson;

    private PrefetchResult(String outcome, int changedPlans, String title, String body, String cursor, String planIdsJson) {
        this.outcome = outcome;
        this.changedPlans = changedPlans;
        this.title = title;
        this.body = body;
        this.cursor = cursor;
        this.planIdsJson = planIdsJson;
    }

    static PrefetchResult parse(String json) throws JSONException {
        JSONObject o = new JSONObject(json);
        JSONObject notification = o.optJSONObject("notification");
        String title = notification == null ? null : notification.getString("title");
        String body = notification == null ? null : notification.getString("body");
        String cursor = o.isNull("cursor") ? null : o.optString("cursor", null);
        org.json.JSONArray planIds = o.optJSONArray("changedPlanIds");
        return new PrefetchResult(o.getString("outcome"), o.optInt("changedPlans", 0), title, body, cursor,
            planIds == null ? "[]" : planIds.toString());
    }

    /** A run that did not reach the core's prefetch (its deadline had passed): the job's turn. */
    static PrefetchResult retry() {
        return new PrefetchResult(RETRY, 0, null, null, null, "[]");
    }

    boolean hasNotification() {
        return title != null && body != null;
    }
}
