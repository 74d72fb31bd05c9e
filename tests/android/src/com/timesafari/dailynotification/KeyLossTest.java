// Losing the Keystore key (deleted, invalidated, app data restored elsewhere) is the core's
// "needs configure" state: status says so, the prefetch does nothing, and configure recovers.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import org.json.JSONObject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class KeyLossTest {

    @Test
    public void a_deleted_key_makes_the_store_need_configure_until_configured_again() throws Exception {
        Context app = RuntimeEnvironment.getApplication();
        TokenPools.Pool pool = TokenPools.shared();
        Fixtures.Installed installed = Fixtures.installFresh(app);
        NativeCore.configure(Fixtures.options(pool).toString());

        installed.keys.deleteKey();
        // A new process: the open fetcher caches the unwrapped data key, so reopen the store.
        NativeCore.init(app, TestEnvironment.newStoreDir().getPath(), new SoftwareKeys().wrapper);
        NativeCore.init(app, installed.dir.getPath(), installed.keys.wrapper);

        JSONObject status = new JSONObject(NativeCore.status());
        assertFalse(status.getBoolean("configured"));
        assertTrue(status.getBoolean("needsConfigure"));
        assertEquals("KEY_UNAVAILABLE", status.getJSONObject("storeError").getString("code"));

        assertEquals("not_configured", new JSONObject(NativeCore.prefetch(System.currentTimeMillis())).getString("outcome"));
        Expect.nativeError("KEY_UNAVAILABLE", () -> NativeCore.acquireToken(System.currentTimeMillis()));
        Expect.nativeError("KEY_UNAVAILABLE", NativeCore::getStarredPlans);

        JSONObject result = new JSONObject(NativeCore.configure(Fixtures.options(pool).toString()));
        assertEquals(pool.tokens.size(), result.getInt("accepted"));
        JSONObject recovered = new JSONObject(NativeCore.status());
        assertTrue(recovered.getBoolean("configured"));
        assertTrue(recovered.isNull("storeError"));
        assertTrue("a new key was created", installed.keys.hasKey());
        assertEquals("ok", new JSONObject(NativeCore.prefetch(System.currentTimeMillis())).getString("outcome"));
    }
}
