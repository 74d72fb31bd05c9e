// Turns the JavaScript options of the plugin's calls into the core's JSON (docs/core-contract.md),
// reading exactly the contract's keys with their types. A wrong type is rejected here with
// INVALID_ARGUMENT and a message naming the key, never its value (it may be a token).
package com.timesafari.dailynotification;

import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

final class FetcherOptions {

    /** Integers beyond this are not numbers JavaScript holds exactly; the core's ranges are far smaller. */
    private static final double MAX_SAFE_INTEGER = 9007199254740991d;

    private FetcherOptions() {}

    /** {@code configure(data, false)}: as in a release build. */
    static String configure(JSONObject data) throws NativeCoreException {
        return configure(data, false);
    }

    /**
     * {@code configureNativeFetcher} options → {@code ConfigureOptions}. Unknown keys are ignored.
     * {@code debugBuild} is the app's FLAG_DEBUGGABLE, which the core requires (with the app's
     * {@code allowDevelopmentHttp}) before it takes plain http to a private-range host; the
     * {@code debugBuild} key is always this value, whatever JavaScript sent.
     */
    static String configure(JSONObject data, boolean debugBuild) throws NativeCoreException {
        JSONObject out = new JSONObject();
        try {
            out.put("apiBaseUrl", requiredString(data, "apiBaseUrl"));
            out.put("activeDid", requiredString(data, "activeDid"));
            putIfPresent(out, "jwtToken", optionalString(data, "jwtToken"));
            putIfPresent(out, "jwtTokens", optionalStringArray(data, "jwtTokens"));
            putIfPresent(out, "starredPlanIds", optionalStringArray(data, "starredPlanIds"));
            putIfPresent(out, "afterId", optionalString(data, "afterId"));
            putIfPresent(out, "tokenPolicy", optionalString(data, "tokenPolicy"));
            putIfPresent(out, "lowWaterDays", optionalInteger(data, "lowWaterDays"));
            putIfPresent(out, "expiryMarginSeconds", optionalInteger(data, "expiryMarginSeconds"));
            putIfPresent(out, "allowDevelopmentHttp", optionalBoolean(data, "allowDevelopmentHttp"));
            out.put("debugBuild", debugBuild);
        } catch (JSONException e) {
            throw invalid("cannot encode the options");
        }
        return out.toString();
    }

    /** {@code updateStarredPlans} options → {@code {"planIds": [...]}}. */
    static String planIds(JSONObject data) throws NativeCoreException {
        JSONArray ids = optionalStringArray(data, "planIds");
        if (ids == null) {
            throw invalid("planIds is required: an array of plan handle ids");
        }
        try {
            return new JSONObject().put("planIds", ids).toString();
        } catch (JSONException e) {
            throw invalid("cannot encode planIds");
        }
    }

    private static String requiredString(JSONObject data, String key) throws NativeCoreException {
        String value = optionalString(data, key);
        if (value == null) {
            throw invalid(key + " is required: a string");
        }
        return value;
    }

    private static String optionalString(JSONObject data, String key) throws NativeCoreException {
        Object value = present(data, key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String)) {
            throw invalid(key + " must be a string");
        }
        return (String) value;
    }

    private static JSONArray optionalStringArray(JSONObject data, String key) throws NativeCoreException {
        Object value = present(data, key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JSONArray)) {
            throw invalid(key + " must be an array of strings");
        }
        JSONArray array = (JSONArray) value;
        for (int i = 0; i < array.length(); i++) {
            if (!(array.opt(i) instanceof String)) {
                throw invalid(key + "[" + i + "] must be a string");
            }
        }
        return array;
    }

    private static Boolean optionalBoolean(JSONObject data, String key) throws NativeCoreException {
        Object value = present(data, key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean)) {
            throw invalid(key + " must be a boolean");
        }
        return (Boolean) value;
    }

    private static Long optionalInteger(JSONObject data, String key) throws NativeCoreException {
        Object value = present(data, key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number)) {
            throw invalid(key + " must be a whole number");
        }
        double d = ((Number) value).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d) || Math.abs(d) > MAX_SAFE_INTEGER) {
            throw invalid(key + " must be a whole number");
        }
        return ((Number) value).longValue();
    }

    /** The value under key; null when absent or JSON null (optional keys may be sent as null). */
    private static Object present(JSONObject data, String key) {
        if (data == null || data.isNull(key)) {
            return null;
        }
        return data.opt(key);
    }

    private static void putIfPresent(JSONObject out, String key, Object value) throws JSONException {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static NativeCoreException invalid(String message) {
        return new NativeCoreException(NativeCoreException.INVALID_ARGUMENT, message);
    }
}
