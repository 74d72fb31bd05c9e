// Runs first in the test JVM (AndroidTestSuite's order): what the natives do before any init.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertTrue;

import android.content.Context;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class BeforeInitTest {

    @Test
    public void every_operation_before_init_fails_with_NOT_INITIALIZED() {
        Expect.nativeError("NOT_INITIALIZED", () -> NativeCore.configure("{}"));
        Expect.nativeError("NOT_INITIALIZED", () -> NativeCore.updateStarredPlans("{\"planIds\":[]}"));
        Expect.nativeError("NOT_INITIALIZED", NativeCore::getStarredPlans);
        Expect.nativeError("NOT_INITIALIZED", NativeCore::status);
        Expect.nativeError("NOT_INITIALIZED", () -> NativeCore.prefetch(System.currentTimeMillis()));
        Expect.nativeError("NOT_INITIALIZED", () -> NativeCore.acquireToken(System.currentTimeMillis()));
        Expect.nativeError("NOT_INITIALIZED", NativeCore::clear);
        Expect.nativeError("NOT_INITIALIZED", () -> NativeCore.setHttpSettings("{}"));
    }

    @Test
    public void the_default_init_reports_a_missing_AndroidKeyStore_as_KEY_WRAPPER_FAILED() {
        // The JVM has no AndroidKeyStore provider: the default path must fail cleanly, open nothing.
        Context app = RuntimeEnvironment.getApplication();
        NativeCoreException e = Expect.nativeError("KEY_WRAPPER_FAILED", () -> NativeFetcher.ensureInitialized(app));
        assertTrue(e.getMessage().contains("AndroidKeyStore"));
        Expect.nativeError("NOT_INITIALIZED", NativeCore::status);
    }
}
