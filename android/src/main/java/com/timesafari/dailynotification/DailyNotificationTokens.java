// The public entry for host apps that keep their own fetcher (a NativeNotificationContentFetcher):
// the token for one Endorser request and its expiry, chosen from the configured pool under the same
// policy as the built-in prefetch. Call it off the main thread, once per request.
package com.timesafari.dailynotification;

import android.content.Context;
import java.text.ParseException;
import org.json.JSONException;
import org.json.JSONObject;

public final class DailyNotificationTokens {

    /** A token for one request. {@link #toString()} never shows the token. */
    public static final class AcquiredToken {
        /** The bearer token: a secret, never to be logged. */
        public final String token;
        /** RFC 3339 UTC, e.g. {@code 2027-02-20T07:00:00Z}. */
        public final String expiresAt;
        public final long expiresAtMillis;

        AcquiredToken(String token, String expiresAt, long expiresAtMillis) {
            this.token = token;
            this.expiresAt = expiresAt;
            this.expiresAtMillis = expiresAtMillis;
        }

        @Override
        public String toString() {
            return "AcquiredToken(expiresAt=" + expiresAt + ", token=<redacted>)";
        }
    }

    private DailyNotificationTokens() {}

    /**
     * @throws NativeCoreException {@code NOT_CONFIGURED} before configureNativeFetcher,
     *     {@code NO_TOKEN} when the pool is spent, {@code KEY_UNAVAILABLE} when the store needs a
     *     new configure
     */
    public static AcquiredToken acquire(Context context) throws NativeCoreException {
        NativeFetcher.ensureInitialized(context);
        String json = NativeCore.acquireToken(System.currentTimeMillis());
        try {
            JSONObject o = new JSONObject(json);
            String expiresAt = o.getString("expiresAt");
            return new AcquiredToken(o.getString("token"), expiresAt, Rfc3339.parse(expiresAt));
        } catch (JSONException | ParseException e) {
            throw new NativeCoreException(NativeCoreException.INTERNAL, "unreadable acquireToken answer");
        }
    }
}
