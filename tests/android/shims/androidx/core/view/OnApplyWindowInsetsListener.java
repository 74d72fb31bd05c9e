// COMPILE-ONLY SHIM of androidx.core.view.OnApplyWindowInsetsListener (androidx.core:core), the
// lambda type of ViewCompat.setOnApplyWindowInsetsListener in Capacitor's SystemBars. Signature from
// https://developer.android.com/reference/androidx/core/view/OnApplyWindowInsetsListener
package androidx.core.view;

import android.view.View;

public interface OnApplyWindowInsetsListener {
    WindowInsetsCompat onApplyWindowInsets(View v, WindowInsetsCompat insets);
}
