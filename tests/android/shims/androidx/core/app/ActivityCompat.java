// COMPILE-ONLY SHIM of androidx.core.app.ActivityCompat (androidx.core:core): the members Capacitor's
// Plugin and Bridge call. Signatures from https://developer.android.com/reference/androidx/core/app/ActivityCompat
package androidx.core.app;

import android.app.Activity;

public class ActivityCompat extends androidx.core.content.ContextCompat {

    protected ActivityCompat() {}

    public static void requestPermissions(Activity activity, String[] permissions, int requestCode) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public static boolean shouldShowRequestPermissionRationale(Activity activity, String permission) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
