// RUNS ONLY ON A DEVICE OR EMULATOR (connectedDebugAndroidTest, .github/workflows/android.yml, API
// 26/30/34/36); androidx is not available where the host tests run, so this file is not compiled
// there. What the host (Robolectric, glibc, a software KeyStore) cannot prove: the NDK-built
// libdaily_notification.so loads on bionic, and the real AndroidKeyStore wraps, unwraps and deletes
// the vault key, with a lost key reported as KEY_UNAVAILABLE until the next configure.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import android.content.Context;
import androidx.test.ext.junit.runners.AndroidJUnit4;
import androidx.test.platform.app.InstrumentationRegistry;
import java.io.File;
import java.security.SecureRandom;
import org.json.JSONObject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;

@RunWith(AndroidJUnit4.class)
public class NativeCoreOnDeviceTest {

    private final Context context = InstrumentationRegistry.getInstrumentation().getTargetContext();

    @After
    public void deleteKey() throws Exception {
        KeystoreKeyWrapper.androidKeyStore().delete();
    }

    @Test
    public void the_ndk_library_loads_on_bionic_and_answers() throws Exception {
        File dir = new File(context.getCacheDir(), "load-test");
        NativeFetcher.install(context, dir, KeystoreKeyWrapper.androidKeyStore());
        JSONObject status = new JSONObject(NativeCore.status());
        assertFalse(status.getBoolean("configured"));
    }

    @Test
    public void the_android_keystore_wraps_unwraps_and_deletes_the_data_key() throws Exception {
        KeystoreKeyWrapper wrapper = KeystoreKeyWrapper.androidKeyStore();
        byte[] dataKey = new byte[32];
        new SecureRandom().nextBytes(dataKey);

        byte[] wrapped = wrapper.wrap(dataKey);
        assertNotEquals(32, wrapped.length);
        assertArrayEquals(dataKey, wrapper.unwrap(wrapped));

        wrapper.delete();
        try {
            KeystoreKeyWrapper.androidKeyStore().unwrap(wrapped);
            fail("unwrap after delete must fail");
        } catch (KeyWrapper.KeyUnavailableException expected) {
            // the key is gone: the core reports KEY_UNAVAILABLE
        }
    }

    @Test
    public void a_lost_keystore_key_is_key_unavailable_until_configure_replaces_the_store() throws Exception {
        File dir = new File(context.getNoBackupFilesDir(), "key-loss-test");
        NativeFetcher.install(context, dir, KeystoreKeyWrapper.androidKeyStore());
        NativeCore.clear();
        try (DeviceFixtures.LoopbackEndorser server = new DeviceFixtures.LoopbackEndorser()) {
            NativeCore.configure(DeviceFixtures.options(server.baseUrl()).toString());
            KeystoreKeyWrapper.androidKeyStore().delete();
            // A new process would unwrap again: reopen over another directory, then this one.
            NativeFetcher.install(context, new File(context.getCacheDir(), "other"), KeystoreKeyWrapper.androidKeyStore());
            NativeFetcher.install(context, dir, KeystoreKeyWrapper.androidKeyStore());

            JSONObject status = new JSONObject(NativeCore.status());
            assertTrue(status.getBoolean("needsConfigure"));
            assertEquals("KEY_UNAVAILABLE", status.getJSONObject("storeError").getString("code"));

            NativeCore.configure(DeviceFixtures.options(server.baseUrl()).toString());
            JSONObject recovered = new JSONObject(NativeCore.status());
            assertTrue(recovered.getBoolean("configured"));
            assertTrue(recovered.isNull("storeError"));
        }
    }
}
