// COMPILE-ONLY SHIM of androidx.core.view.WindowCompat (androidx.core:core): getInsetsController,
// called by Capacitor's SystemBars. Signature from https://developer.android.com/reference/androidx/core/view/WindowCompat
package androidx.core.view;

import android.view.View;
import android.view.Window;

public class WindowCompat {

    private WindowCompat() {}

    public static WindowInsetsControllerCompat getInsetsController(Window window, View view) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
