// COMPILE-ONLY SHIM of androidx.core.view.WindowInsetsControllerCompat (androidx.core:core): hide, show
// and the light-bar appearance setters, called by Capacitor's SystemBars. Signatures from
// https://developer.android.com/reference/androidx/core/view/WindowInsetsControllerCompat
package androidx.core.view;

public final class WindowInsetsControllerCompat {

    private WindowInsetsControllerCompat() {}

    public void hide(int types) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public void show(int types) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public void setAppearanceLightStatusBars(boolean isLight) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public void setAppearanceLightNavigationBars(boolean isLight) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
