// COMPILE-ONLY SHIM of androidx.core.view.ViewCompat (androidx.core:core): the one method Capacitor's
// SystemBars calls. Signature from https://developer.android.com/reference/androidx/core/view/ViewCompat
package androidx.core.view;

import android.view.View;

public class ViewCompat {

    protected ViewCompat() {}

    public static void setOnApplyWindowInsetsListener(View v, OnApplyWindowInsetsListener listener) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
