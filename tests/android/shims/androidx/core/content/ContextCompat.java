// COMPILE-ONLY SHIM of androidx.core.content.ContextCompat (androidx.core:core): checkSelfPermission,
// which Capacitor calls through ActivityCompat. Signature from
// https://developer.android.com/reference/androidx/core/content/ContextCompat
package androidx.core.content;

import android.content.Context;

public class ContextCompat {

    protected ContextCompat() {}

    public static int checkSelfPermission(Context context, String permission) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
