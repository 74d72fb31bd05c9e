// KeystoreKeyWrapper's cipher code over a software KeyStore, and the AndroidKeyStore key spec it
// asks for on a device (built by the real framework classes under Robolectric).
package com.timesafari.dailynotification;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import java.security.KeyStore;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;

@RunWith(RobolectricTestRunner.class)
public class KeystoreKeyWrapperTest {

    private static byte[] dataKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static void expectUnavailable(SoftwareKeys keys, byte[] wrapped) throws Exception {
        try {
            keys.wrapper.unwrap(wrapped);
            fail("expected KeyUnavailableException");
        } catch (KeyWrapper.KeyUnavailableException expected) {
            // the core turns this into KEY_UNAVAILABLE / "needs configure"
        }
    }

    @Test
    public void wrap_then_unwrap_returns_the_data_key_and_creates_one_key() throws Exception {
        SoftwareKeys keys = new SoftwareKeys();
        byte[] key = dataKey();
        byte[] wrapped = keys.wrapper.wrap(key);
        assertEquals(1 + KeystoreKeyWrapper.IV_BYTES + 32 + 16, wrapped.length);
        assertEquals(KeystoreKeyWrapper.FORMAT_VERSION, wrapped[0]);
        assertArrayEquals(key, keys.wrapper.unwrap(wrapped));
        keys.wrapper.wrap(dataKey());
        assertEquals("the wrapping key is created once and reused", 1, keys.keysCreated);
    }

    @Test
    public void each_wrap_uses_a_fresh_iv() throws Exception {
        SoftwareKeys keys = new SoftwareKeys();
        byte[] key = dataKey();
        byte[] a = keys.wrapper.wrap(key);
        byte[] b = keys.wrapper.wrap(key);
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, 1, 13), Arrays.copyOfRange(b, 1, 13)));
        assertArrayEquals(keys.wrapper.unwrap(a), keys.wrapper.unwrap(b));
    }

    @Test
    public void a_tampered_truncated_or_foreign_blob_is_key_unavailable() throws Exception {
        SoftwareKeys keys = new SoftwareKeys();
        byte[] wrapped = keys.wrapper.wrap(dataKey());
        byte[] flipped = wrapped.clone();
        flipped[flipped.length - 1] ^= 1;
        expectUnavailable(keys, flipped);
        expectUnavailable(keys, Arrays.copyOf(wrapped, 20));
        byte[] otherVersion = wrapped.clone();
        otherVersion[0] = 2;
        expectUnavailable(keys, otherVersion);
        expectUnavailable(keys, new SoftwareKeys().wrapper.wrap(dataKey()));
    }

    @Test
    public void a_deleted_or_replaced_key_is_key_unavailable() throws Exception {
        SoftwareKeys keys = new SoftwareKeys();
        byte[] wrapped = keys.wrapper.wrap(dataKey());
        keys.wrapper.delete();
        assertFalse(keys.hasKey());
        expectUnavailable(keys, wrapped);
        keys.wrapper.wrap(dataKey());
        assertEquals(2, keys.keysCreated);
        expectUnavailable(keys, wrapped);
        keys.wrapper.delete();
        keys.wrapper.delete();
    }

    @Test
    public void an_unusable_key_is_key_unavailable_and_the_next_wrap_replaces_it() throws Exception {
        // As a Keystore key invalidated by a new lock screen: Cipher.init throws an InvalidKeyException.
        SoftwareKeys keys = new SoftwareKeys();
        byte[] wrapped = keys.wrapper.wrap(dataKey());
        keys.breakKey();
        expectUnavailable(keys, wrapped);
        // The configure that starts a fresh store must not be stuck on the broken key.
        byte[] key = dataKey();
        byte[] rewrapped = keys.wrapper.wrap(key);
        assertEquals("a new wrapping key replaced the unusable one", 2, keys.keysCreated);
        assertArrayEquals(key, keys.wrapper.unwrap(rewrapped));
        expectUnavailable(keys, wrapped);
    }

    @Test
    public void the_device_key_needs_no_user_and_no_unlocked_screen_and_prefers_strongbox() {
        for (boolean strongBox : new boolean[] { true, false }) {
            KeyGenParameterSpec spec = AndroidKeystoreKeys.spec(KeystoreKeyWrapper.ALIAS, strongBox);
            assertEquals(KeystoreKeyWrapper.ALIAS, spec.getKeystoreAlias());
            assertEquals(256, spec.getKeySize());
            assertEquals(KeyProperties.PURPOSE_ENCRYPT | KeyProperties.PURPOSE_DECRYPT, spec.getPurposes());
            assertArrayEquals(new String[] { KeyProperties.BLOCK_MODE_GCM }, spec.getBlockModes());
            assertArrayEquals(new String[] { KeyProperties.ENCRYPTION_PADDING_NONE }, spec.getEncryptionPaddings());
            assertTrue(spec.isRandomizedEncryptionRequired());
            assertFalse("the worker runs without the user", spec.isUserAuthenticationRequired());
            assertFalse("the worker runs while the screen is locked", spec.isUnlockedDeviceRequired());
            assertEquals(strongBox, spec.isStrongBoxBacked());
        }
    }

    /** Unwraps {@code wrapped} through a KeyStore whose first {@code failures} getKey calls fail. */
    private static FlakyKeyStore flakyUnwrap(SoftwareKeys keys, byte[] wrapped, byte[] expected, int failures, boolean provider)
        throws Exception {
        FlakyKeyStore[] spi = new FlakyKeyStore[1];
        KeyStore flaky = FlakyKeyStore.over(keys.keyStore, failures, provider, spi);
        KeystoreKeyWrapper wrapper = new KeystoreKeyWrapper(flaky, KeystoreKeyWrapper.ALIAS, SoftwareKeys.PASSWORD,
            (ks, alias) -> { throw new AssertionError("unwrap never creates a key"); });
        if (expected != null) {
            assertArrayEquals(expected, wrapper.unwrap(wrapped));
        } else {
            try {
                wrapper.unwrap(wrapped);
                fail("expected KeyUnavailableException");
            } catch (KeyWrapper.KeyUnavailableException expectedLoss) {
                assertTrue(expectedLoss.getCause() instanceof UnrecoverableKeyException);
            }
        }
        return spi[0];
    }

    @Test
    public void a_momentary_unrecoverable_key_error_is_retried_once_and_the_key_opens() throws Exception {
        SoftwareKeys keys = new SoftwareKeys();
        byte[] key = dataKey();
        byte[] wrapped = keys.wrapper.wrap(key);
        FlakyKeyStore spi = flakyUnwrap(keys, wrapped, key, 1, false);
        assertEquals("one failure, one retry", 2, spi.getKeyCalls);
        assertTrue("the key is still there", keys.hasKey());
    }

    @Test
    public void a_momentary_provider_error_such_as_strongbox_busy_is_retried_once() throws Exception {
        SoftwareKeys keys = new SoftwareKeys();
        byte[] key = dataKey();
        byte[] wrapped = keys.wrapper.wrap(key);
        assertEquals(2, flakyUnwrap(keys, wrapped, key, 1, true).getKeyCalls);
    }

    @Test
    public void the_same_error_twice_declares_the_key_lost_after_exactly_one_retry() throws Exception {
        SoftwareKeys keys = new SoftwareKeys();
        byte[] wrapped = keys.wrapper.wrap(dataKey());
        assertEquals(2, flakyUnwrap(keys, wrapped, null, 2, false).getKeyCalls);
    }

    @Test
    public void a_provider_error_twice_stays_a_provider_error_not_a_lost_key() throws Exception {
        SoftwareKeys keys = new SoftwareKeys();
        byte[] wrapped = keys.wrapper.wrap(dataKey());
        try {
            flakyUnwrap(keys, wrapped, dataKey(), 2, true);
            fail("expected ProviderException");
        } catch (ProviderException expected) {
            // KEY_WRAPPER_FAILED in the core: a retryable failure, not "needs configure"
        }
    }

    @Test
    public void a_missing_key_is_not_retried() throws Exception {
        SoftwareKeys keys = new SoftwareKeys();
        byte[] wrapped = keys.wrapper.wrap(dataKey());
        keys.deleteKey();
        FlakyKeyStore[] spi = new FlakyKeyStore[1];
        KeystoreKeyWrapper wrapper = new KeystoreKeyWrapper(FlakyKeyStore.over(keys.keyStore, 0, false, spi),
            KeystoreKeyWrapper.ALIAS, SoftwareKeys.PASSWORD, (ks, alias) -> null);
        try {
            wrapper.unwrap(wrapped);
            fail("expected KeyUnavailableException");
        } catch (KeyWrapper.KeyUnavailableException expected) {
            assertEquals("no retry for what cannot get better", 1, spi[0].getKeyCalls);
        }
    }
}
