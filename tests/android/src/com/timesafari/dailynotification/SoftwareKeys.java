// KeystoreKeyWrapper over a software JCE KeyStore (PKCS12, in memory): the same cipher code the
// AndroidKeyStore runs on a device, with a key the test can delete or replace.
package com.timesafari.dailynotification;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

final class SoftwareKeys {

    static final char[] PASSWORD = "test-entry-password".toCharArray();

    final KeyStore keyStore;
    final KeystoreKeyWrapper wrapper;
    int keysCreated;

    SoftwareKeys() {
        try {
            keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        wrapper = new KeystoreKeyWrapper(keyStore, KeystoreKeyWrapper.ALIAS, PASSWORD, this::create);
    }

    private SecretKey create(KeyStore ks, String alias) throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        SecretKey key = generator.generateKey();
        ks.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(PASSWORD));
        keysCreated++;
        return key;
    }

    boolean hasKey() throws GeneralSecurityException {
        return keyStore.containsAlias(KeystoreKeyWrapper.ALIAS);
    }

    /** Leaves the alias holding a secret key that AES/GCM refuses (Cipher.init: InvalidKeyException). */
    void breakKey() throws GeneralSecurityException {
        SecretKey badLength = new SecretKeySpec(new byte[20], "AES");
        keyStore.setEntry(KeystoreKeyWrapper.ALIAS, new KeyStore.SecretKeyEntry(badLength), new KeyStore.PasswordProtection(PASSWORD));
    }

    void deleteKey() throws GeneralSecurityException {
        keyStore.deleteEntry(KeystoreKeyWrapper.ALIAS);
    }
}
