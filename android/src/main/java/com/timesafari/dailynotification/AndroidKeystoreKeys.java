// Creates the vault's wrapping key in the AndroidKeyStore. The prefetch runs in a background
// worker while the device may be locked, so the key needs no user authentication and no unlocked
// device; it is usable from the first unlock after boot (the store lives in credential-encrypted
// storage, available from then too). StrongBox when the device has one, else the TEE.
package com.timesafari.dailynotification;

import android.os.Build;
import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.ProviderException;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

final class AndroidKeystoreKeys {

    static final String PROVIDER = "AndroidKeyStore";
    static final int KEY_BITS = 256;

    private AndroidKeystoreKeys() {}

    /** KeystoreKeyWrapper.KeyFactory for the AndroidKeyStore: StrongBox first, then the TEE. */
    static SecretKey create(KeyStore keyStore, String alias) throws GeneralSecurityException {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) {
            try {
                return generate(spec(alias, true));
            } catch (ProviderException | GeneralSecurityException e) {
                // StrongBoxUnavailableException (API 28) is a ProviderException; caught by its
                // superclass so that this class still verifies on API 23 to 27. Some devices
                // refuse the StrongBox spec with a GeneralSecurityException instead: the TEE it is.
            }
        }
        return generate(spec(alias, false));
    }

    static KeyGenParameterSpec spec(String alias, boolean strongBox) {
        KeyGenParameterSpec.Builder builder = new KeyGenParameterSpec.Builder(
            alias,
            KeyProperties.PURPOSE_ENCRYPT | KeyProperties.PURPOSE_DECRYPT
        )
            .setKeySize(KEY_BITS)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setRandomizedEncryptionRequired(true)
            .setUserAuthenticationRequired(false);
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) {
            // False is the default; said explicitly because a locked screen must not stop the worker.
            builder.setUnlockedDeviceRequired(false);
            builder.setIsStrongBoxBacked(strongBox);
        }
        return builder.build();
    }

    private static SecretKey generate(KeyGenParameterSpec spec) throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER);
        generator.init(spec);
        return generator.generateKey();
    }
}
