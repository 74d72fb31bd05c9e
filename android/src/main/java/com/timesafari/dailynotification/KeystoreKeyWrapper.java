// Wraps the vault's data key with an AES-256-GCM key kept in a java.security.KeyStore: on a device
// the AndroidKeyStore (androidKeyStore()), in tests any software KeyStore, through the same cipher
// code. Wrapped format: version byte 1 | 12-byte IV | ciphertext and 16-byte tag, with fixed AAD.
package com.timesafari.dailynotification;

import android.security.keystore.KeyPermanentlyInvalidatedException;
import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyStore;
import java.security.ProviderException;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

public final class KeystoreKeyWrapper implements KeyWrapper {

    /** The alias of the wrapping key in the AndroidKeyStore. */
    public static final String ALIAS = "com.timesafari.dailynotification.vault-key";

    static final byte FORMAT_VERSION = 1;
    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final byte[] AAD = "dnp android key wrap v1".getBytes(Charset.forName("UTF-8"));
    /** Long enough for a busy StrongBox to finish another operation; short for the prefetch. */
    static final long RETRY_PAUSE_MS = 100;

    /** Creates the wrapping key under {@code alias} in a KeyStore that does not hold it yet. */
    public interface KeyFactory {
        SecretKey create(KeyStore keyStore, String alias) throws GeneralSecurityException;
    }

    private final KeyStore keyStore;
    private final String alias;
    private final char[] entryPassword;
    private final KeyFactory keyFactory;

    /**
     * @param keyStore a loaded KeyStore
     * @param entryPassword the key entry's password; null for the AndroidKeyStore
     */
    public KeystoreKeyWrapper(KeyStore keyStore, String alias, char[] entryPassword, KeyFactory keyFactory) {
        this.keyStore = keyStore;
        this.alias = alias;
        this.entryPassword = entryPassword == null ? null : entryPassword.clone();
        this.keyFactory = keyFactory;
    }

    /** The device wrapper: AndroidKeyStore, StrongBox when present (see AndroidKeystoreKeys). */
    public static KeystoreKeyWrapper androidKeyStore() throws GeneralSecurityException, java.io.IOException {
        KeyStore keyStore = KeyStore.getInstance(AndroidKeystoreKeys.PROVIDER);
        keyStore.load(null);
        return new KeystoreKeyWrapper(keyStore, ALIAS, null, AndroidKeystoreKeys::create);
    }

    /**
     * Wraps a new data key. The core calls this only for a fresh store (first configure, or the
     * configure that replaces a store whose key was lost), so a wrapping key that can no longer be
     * used (invalidated, unrecoverable, of the wrong kind) is replaced here: otherwise the store
     * could never be configured again.
     */
    @Override
    public synchronized byte[] wrap(byte[] dataKey) throws GeneralSecurityException, KeyUnavailableException {
        SecretKey key;
        try {
            key = existingKey();
        } catch (KeyUnavailableException unusable) {
            key = null;
        }
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key == null ? newKey() : key);
        } catch (InvalidKeyException unusable) {
            // Includes KeyPermanentlyInvalidatedException.
            if (key == null) {
                throw unusable;
            }
            // A fresh Cipher: one whose init failed may keep the provider chosen for the bad key.
            cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, newKey());
        }
        // The provider picked the IV: the AndroidKeyStore refuses caller-chosen IVs for encryption.
        cipher.updateAAD(AAD);
        byte[] sealed = cipher.doFinal(dataKey);
        byte[] iv = cipher.getIV();
        if (iv == null || iv.length != IV_BYTES) {
            throw new GeneralSecurityException("unexpected GCM IV length");
        }
        byte[] out = new byte[1 + IV_BYTES + sealed.length];
        out[0] = FORMAT_VERSION;
        System.arraycopy(iv, 0, out, 1, IV_BYTES);
        System.arraycopy(sealed, 0, out, 1 + IV_BYTES, sealed.length);
        return out;
    }

    /**
     * Unwraps the data key. A failure that may be momentary (StrongBox busy, the keystore daemon
     * restarting: an UnrecoverableKeyException from getKey, an InvalidKeyException or a
     * ProviderException from the cipher) is retried once after a short pause before the key is
     * declared lost: a lost key makes the prefetch answer not_configured until the app is opened.
     * What cannot get better is not retried: an unknown format, no key under the alias, a
     * permanently invalidated key, a tag that does not match.
     */
    @Override
    public synchronized byte[] unwrap(byte[] wrapped) throws GeneralSecurityException, KeyUnavailableException {
        if (wrapped == null || wrapped.length < 1 + IV_BYTES + TAG_BITS / 8 || wrapped[0] != FORMAT_VERSION) {
            throw new KeyUnavailableException("the wrapped data key has an unknown format");
        }
        try {
            return unwrapOnce(wrapped);
        } catch (MaybeMomentary first) {
            pauseBeforeRetry();
            try {
                return unwrapOnce(wrapped);
            } catch (MaybeMomentary again) {
                throw again.settled();
            }
        }
    }

    /** One attempt; a failure that a second attempt may not repeat is thrown as MaybeMomentary. */
    private byte[] unwrapOnce(byte[] wrapped) throws GeneralSecurityException, KeyUnavailableException, MaybeMomentary {
        SecretKey key;
        try {
            key = existingKey();
        } catch (KeyUnavailableException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new MaybeMomentary(e);
            }
            throw e;
        } catch (ProviderException e) {
            throw new MaybeMomentary(e);
        }
        if (key == null) {
            throw new KeyUnavailableException("no wrapping key under the alias (deleted or never created here)");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, wrapped, 1, IV_BYTES));
            cipher.updateAAD(AAD);
            return cipher.doFinal(wrapped, 1 + IV_BYTES, wrapped.length - 1 - IV_BYTES);
        } catch (KeyPermanentlyInvalidatedException e) {
            throw new KeyUnavailableException("the wrapping key was permanently invalidated", e);
        } catch (InvalidKeyException e) {
            // A key this class created that the cipher refuses twice will not get better.
            throw new MaybeMomentary(new KeyUnavailableException("the wrapping key can no longer be used", e));
        } catch (AEADBadTagException e) {
            throw new KeyUnavailableException("the wrapping key does not open this data key", e);
        } catch (ProviderException e) {
            throw new MaybeMomentary(e);
        }
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A failure of the first attempt that may be momentary: either a KeyUnavailableException or a
     * ProviderException (an unchecked keystore failure), rethrown as it was if the retry fails too.
     */
    private static final class MaybeMomentary extends Exception {
        private static final long serialVersionUID = 1L;

        MaybeMomentary(Exception failure) {
            super(failure);
        }

        KeyUnavailableException settled() {
            if (getCause() instanceof ProviderException) {
                throw (ProviderException) getCause();
            }
            return (KeyUnavailableException) getCause();
        }
    }

    @Override
    public synchronized void delete() throws GeneralSecurityException {
        if (keyStore.containsAlias(alias)) {
            keyStore.deleteEntry(alias);
        }
    }

    /** A new wrapping key under the alias, replacing whatever was there. */
    private SecretKey newKey() throws GeneralSecurityException {
        if (keyStore.containsAlias(alias)) {
            keyStore.deleteEntry(alias);
        }
        return keyFactory.create(keyStore, alias);
    }

    private SecretKey existingKey() throws GeneralSecurityException, KeyUnavailableException {
        Key key;
        try {
            key = keyStore.getKey(alias, entryPassword == null ? null : Arrays.copyOf(entryPassword, entryPassword.length));
        } catch (UnrecoverableKeyException e) {
            throw new KeyUnavailableException("the wrapping key cannot be recovered", e);
        }
        if (key == null) {
            return null;
        }
        if (!(key instanceof SecretKey)) {
            throw new KeyUnavailableException("the alias holds something other than a secret key");
        }
        return (SecretKey) key;
    }
}
