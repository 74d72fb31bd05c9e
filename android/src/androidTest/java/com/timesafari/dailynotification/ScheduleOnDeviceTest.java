// RUNS ONLY ON A DEVICE OR EMULATOR (connectedDebugAndroidTest, .github/workflows/android.yml, which
// copies tests/vectors/schedule.json into this source set's assets); androidx is not available where
// the host tests run, so this file is not compiled there.
// The schedule on bionic: tests/vectors/schedule.json through NativeCore.schedule (the call Schedule
// makes), with named zones (Europe/Berlin, Asia/Kathmandu, Australia/Lord_Howe...) read from the
// device's time zone data (the tzdata APEX on Android 10+, rust/core/src/schedule/daily.rs), and
// the executor itself with the process's zone set to one that is not UTC (+05:45), checked against
// java.time over the device's own tzdata.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import androidx.test.ext.junit.runners.AndroidJUnit4;
import androidx.test.platform.app.InstrumentationRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;

@RunWith(AndroidJUnit4.class)
public class ScheduleOnDeviceTest {

    private static final String ZONE = "Asia/Kathmandu";

    private final Context context = InstrumentationRegistry.getInstrumentation().getTargetContext();
    private TimeZone savedZone;

    @Before
    public void nonUtcZone() {
        savedZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(ZONE));
        assertEquals("precondition: the process's zone", ZONE, TimeZone.getDefault().getID());
        assertNotEquals("precondition: not UTC", 0, TimeZone.getDefault().getRawOffset());
    }

    @After
    public void restore() throws Exception {
        Schedule.handle(context, Schedule.event("cancelDualSchedule"), System.currentTimeMillis());
        TimeZone.setDefault(savedZone);
    }

    private JSONArray vectors() throws Exception {
        try (InputStream in = InstrumentationRegistry.getInstrumentation().getContext().getAssets().open("schedule.json")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                bytes.write(buffer, 0, n);
            }
            return new JSONObject(bytes.toString("UTF-8")).getJSONArray("vectors");
        } catch (java.io.FileNotFoundException e) {
            throw new AssertionError("precondition: schedule.json is not in the androidTest assets; copy "
                + "tests/vectors/schedule.json to android/src/androidTest/assets/ (.github/workflows/android.yml does)");
        }
    }

    /** The native's answer to one vector, in the vector's terms (as tests/android's ScheduleVectorsTest). */
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

    /** JSON equality: keys, order of arrays, number values. */
    private static boolean same(Object a, Object b) throws Exception {
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
    public void every_schedule_vector_gives_its_expectation_on_the_device() throws Exception {
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

    @Test
    public void the_executor_arms_the_local_time_of_the_process_zone() throws Exception {
        JSONObject config = new JSONObject()
            .put("contentFetch", new JSONObject().put("enabled", false).put("schedule", "0 8 * * *"))
            .put("userNotification", new JSONObject().put("schedule", "15 8 * * *").put("title", "t").put("body", "b"));
        long now = System.currentTimeMillis();
        Schedule.handle(context, Schedule.call("scheduleDualNotification", new JSONObject().put("config", config)), now);
        long armed = new JSONObject(context.getSharedPreferences(Schedule.PREFERENCES, Context.MODE_PRIVATE)
            .getString("state", null)).getLong("armedAt");
        // The next 08:15 in Asia/Kathmandu by java.time over the device's tzdata.
        ZonedDateTime local = Instant.ofEpochMilli(now).atZone(ZoneId.of(ZONE));
        ZonedDateTime next = local.withHour(8).withMinute(15).withSecond(0).withNano(0);
        if (!next.isAfter(local)) {
            next = next.plusDays(1);
        }
        assertEquals(next.toInstant().toEpochMilli(), armed);
    }
}
