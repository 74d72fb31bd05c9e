// tests/vectors/schedule.json through the JNI native NativeCore.schedule, the call Schedule makes:
// every entry's error (code and message) or its normalized configuration or reminder and next
// instants. The Rust, TypeScript and C suites run the same file, so a divergence fails the build.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;

@RunWith(RobolectricTestRunner.class)
public class ScheduleVectorsTest {

    private static JSONArray vectors() throws Exception {
        byte[] file = Files.readAllBytes(Paths.get(System.getProperty("dnp.test.repo"), "tests", "vectors", "schedule.json"));
        return new JSONObject(new String(file, StandardCharsets.UTF_8)).getJSONArray("vectors");
    }

    /** The native's answer to one vector, in the vector's terms. */
    private static JSONObject run(JSONObject v) throws Exception {
        JSONObject request = new JSONObject()
            .put("platform", "android")
            .put("zone", v.getString("zone"))
            .put("now", Instant.parse(v.getString("now")).toEpochMilli())
            .put("state", JSONObject.NULL)
            .put("event", new JSONObject().put("type", v.getString("call")).put("options", v.get("options")));
        JSONObject got = new JSONObject();
        JSONObject status;
        try {
            status = new JSONObject(NativeCore.schedule(request.toString())).getJSONObject("status");
        } catch (NativeCoreException e) {
            return got.put("error", new JSONObject().put("code", e.getCode()).put("message", e.getMessage()));
        }
        JSONObject expect = v.getJSONObject("expect");
        if (expect.has("config")) {
            JSONObject dual = status.getJSONObject("dual");
            got.put("config", dual.get("config")).put("nextFetchAt", dual.get("nextFetchAt"))
                .put("nextNotificationAt", dual.get("nextNotificationAt"));
        }
        if (expect.has("reminder")) {
            got.put("reminder", status.getJSONArray("reminders").get(0))
                .put("nextNotificationAt", status.getJSONObject("notifications").get("nextNotificationAt"));
        }
        return got;
    }

    /** JSON equality (android.jar's org.json has no similar()): keys, order of arrays, number values. */
    static boolean same(Object a, Object b) throws Exception {
        if (a instanceof JSONObject && b instanceof JSONObject) {
            JSONObject x = (JSONObject) a;
            JSONObject y = (JSONObject) b;
            if (x.length() != y.length()) {
                return false;
            }
            for (java.util.Iterator<String> keys = x.keys(); keys.hasNext();) {
                String key = keys.next();
                if (!y.has(key) || !same(x.get(key), y.get(key))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof JSONArray && b instanceof JSONArray) {
            JSONArray x = (JSONArray) a;
            JSONArray y = (JSONArray) b;
            if (x.length() != y.length()) {
                return false;
            }
            for (int i = 0; i < x.length(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Number && b instanceof Number) {
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        return a.equals(b);
    }

    @Test
    public void every_vector_gives_its_expectation_through_jni() throws Exception {
        JSONArray all = vectors();
        assertTrue("the vector file lost entries", all.length() >= 40);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < all.length(); i++) {
            JSONObject v = all.getJSONObject(i);
            JSONObject got = run(v);
            if (!same(got, v.getJSONObject("expect"))) {
                failures.add(v.getString("name") + "\n  expected " + v.getJSONObject("expect") + "\n  got      " + got);
            }
        }
        assertTrue(failures.size() + " vectors failed:\n" + String.join("\n", failures), failures.isEmpty());
    }
}
