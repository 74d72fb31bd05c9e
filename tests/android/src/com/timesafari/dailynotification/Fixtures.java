// Shared set-up of the tests: a fresh store with a software-keystore wrapper and trust in the
// double's CA, and configure options built from a minted pool.
package com.timesafari.dailynotification;

import android.content.Context;
import java.io.File;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

final class Fixtures {

    private Fixtures() {}

    /** A freshly opened fetcher over a new directory (it replaces any other in this process). */
    static final class Installed {
        final File dir;
        final SoftwareKeys keys;

        Installed(File dir, SoftwareKeys keys) {
            this.dir = dir;
            this.keys = keys;
        }
    }

    static Installed installFresh(Context context) throws NativeCoreException {
        File dir = TestEnvironment.newStoreDir();
        SoftwareKeys keys = new SoftwareKeys();
        NativeFetcher.install(context, dir, keys.wrapper);
        NativeCore.setHttpSettings(EndorserDouble.shared().httpSettingsJson());
        return new Installed(dir, keys);
    }

    static JSONObject options(TokenPools.Pool pool, List<String> tokens, String policy) {
        try {
            EndorserDouble d = EndorserDouble.shared();
            JSONObject o = new JSONObject()
                .put("apiBaseUrl", d.baseUrl)
                .put("activeDid", pool.did)
                .put("jwtTokens", new JSONArray(tokens))
                .put("starredPlanIds", new JSONArray(d.planIds))
                // A cursor below every plan: the first prefetch reports them all (with no cursor
                // it only establishes one, silently).
                .put("afterId", BEFORE_ALL);
            if (policy != null) {
                o.put("tokenPolicy", policy);
            }
            return o;
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String BEFORE_ALL = "00000000000000000000000000";

    static JSONObject options(TokenPools.Pool pool) {
        return options(pool, pool.tokens, null);
    }

    /** The outcome of the last prefetch, as the core's status reports it. */
    static String lastOutcome() throws Exception {
        return new JSONObject(NativeCore.status()).getJSONObject("lastPrefetch").getString("outcome");
    }
}
