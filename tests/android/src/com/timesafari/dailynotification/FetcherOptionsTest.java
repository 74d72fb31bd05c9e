// FetcherOptions: JavaScript options → the contract's JSON, keys and types checked, values passed
// through untouched, nothing else added.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;

@RunWith(RobolectricTestRunner.class)
public class FetcherOptionsTest {

    private static JSONObject minimal() throws Exception {
        return new JSONObject().put("apiBaseUrl", "https://api.endorser.ch").put("activeDid", "did:ethr:0xabc");
    }

    @Test
    public void values_pass_through_and_unknown_keys_are_dropped() throws Exception {
        JSONObject in = minimal()
            .put("jwtTokens", new JSONArray().put("t1").put("t2"))
            .put("lowWaterDays", 3)
            .put("expiryMarginSeconds", 60.0)
            .put("somethingElse", true);
        JSONObject out = new JSONObject(FetcherOptions.configure(in));
        assertEquals("https://api.endorser.ch", out.getString("apiBaseUrl"));
        assertEquals("did:ethr:0xabc", out.getString("activeDid"));
        assertEquals(2, out.getJSONArray("jwtTokens").length());
        assertEquals(3, out.getLong("lowWaterDays"));
        assertEquals(60, out.getLong("expiryMarginSeconds"));
        assertFalse(out.has("somethingElse"));
        assertFalse("absent optional keys stay absent", out.has("tokenPolicy"));
    }

    @Test
    public void wrong_types_are_named_by_key_never_by_value() throws Exception {
        String secret = "eyJhbGciOiJFUzI1NksifQ.eyJzZWNyZXQiOnRydWV9.c2lnbmF0dXJlLXZhbHVl";
        Object[][] cases = {
            { "jwtToken", new JSONArray().put(secret), "jwtToken must be a string" },
            { "jwtTokens", secret, "jwtTokens must be an array of strings" },
            { "starredPlanIds", new JSONArray().put(1), "starredPlanIds[0] must be a string" },
            { "expiryMarginSeconds", secret, "expiryMarginSeconds must be a whole number" },
            { "lowWaterDays", 1e300, "lowWaterDays must be a whole number" },
        };
        for (Object[] c : cases) {
            JSONObject in = minimal().put((String) c[0], c[1]);
            NativeCoreException e = Expect.nativeError("INVALID_ARGUMENT", () -> FetcherOptions.configure(in));
            assertEquals(c[2], e.getMessage());
            assertFalse(e.getMessage().contains(secret.substring(40)));
        }
        Expect.nativeError("INVALID_ARGUMENT", () -> FetcherOptions.configure(new JSONObject().put("apiBaseUrl", "https://x")));
        Expect.nativeError("INVALID_ARGUMENT", () -> FetcherOptions.planIds(new JSONObject().put("planIds", "one")));
    }

    @Test
    public void plan_ids_become_the_contract_object() throws Exception {
        String out = FetcherOptions.planIds(new JSONObject().put("planIds", new JSONArray().put("a").put("b")).put("x", 1));
        JSONObject o = new JSONObject(out);
        assertEquals(1, o.length());
        assertTrue(o.getJSONArray("planIds").length() == 2);
    }
}
