// Opens the process's native fetcher once: the store under noBackupFilesDir (never backed up: its
// wrapping key cannot leave the device anyway) and the AndroidKeyStore wrapper. The plugin, the
// worker and DailyNotificationTokens all go through ensureInitialized.
package com.timesafari.dailynotification;

import android.content.Context;
import java.io.File;

public final class NativeFetcher {

    public static final String STORE_DIR_NAME = "daily-notification";

    private static boolean initialized;

    private NativeFetcher() {}

    /** Opens the default store with the AndroidKeyStore wrapper unless a store is already open. */
    public static synchronized void ensureInitialized(Context context) throws NativeCoreException {
        if (initialized) {
            return;
        }
        Context app = applicationContext(context);
        KeyWrapper wrapper;
        try {
            wrapper = KeystoreKeyWrapper.androidKeyStore();
        } catch (Exception e) {
            throw new NativeCoreException(
                NativeCoreException.KEY_WRAPPER_FAILED,
                "the AndroidKeyStore is not available: " + e.getClass().getSimpleName()
            );
        }
        install(app, defaultStoreDir(app), wrapper);
    }

    /**
     * Advanced: opens the fetcher over another directory or with another key wrapper (tests use a
     * software KeyStore). Replaces a fetcher opened over another directory.
     */
    public static synchronized void install(Context context, File storeDir, KeyWrapper keyWrapper) throws NativeCoreException {
        if (storeDir == null) {
            throw new NativeCoreException(NativeCoreException.INVALID_ARGUMENT, "storeDir must not be null");
        }
        NativeCore.init(context == null ? null : applicationContext(context), storeDir.getAbsolutePath(), keyWrapper);
        initialized = true;
    }

    public static File defaultStoreDir(Context context) {
        return new File(context.getNoBackupFilesDir(), STORE_DIR_NAME);
    }

    private static Context applicationContext(Context context) {
        Context app = context.getApplicationContext();
        return app != null ? app : context;
    }
}
