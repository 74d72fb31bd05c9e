// COMPILE-ONLY SHIM of androidx.core.view.WindowInsetsCompat, WindowInsetsCompat.Builder and
// WindowInsetsCompat.Type (androidx.core:core): the members Capacitor's SystemBars uses. Signatures from
// https://developer.android.com/reference/androidx/core/view/WindowInsetsCompat
// https://developer.android.com/reference/androidx/core/view/WindowInsetsCompat.Builder
// https://developer.android.com/reference/androidx/core/view/WindowInsetsCompat.Type
package androidx.core.view;

import androidx.core.graphics.Insets;

public class WindowInsetsCompat {

    private WindowInsetsCompat() {}

    public Insets getInsets(int typeMask) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public boolean isVisible(int typeMask) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public static final class Builder {

        public Builder(WindowInsetsCompat insets) {
            throw new UnsupportedOperationException("compile-only shim");
        }

        public WindowInsetsCompat.Builder setInsets(int typeMask, Insets insets) {
            throw new UnsupportedOperationException("compile-only shim");
        }

        public WindowInsetsCompat build() {
            throw new UnsupportedOperationException("compile-only shim");
        }
    }

    public static final class Type {

        private Type() {}

        public static int statusBars() {
            throw new UnsupportedOperationException("compile-only shim");
        }

        public static int navigationBars() {
            throw new UnsupportedOperationException("compile-only shim");
        }

        public static int ime() {
            throw new UnsupportedOperationException("compile-only shim");
        }

        public static int systemBars() {
            throw new UnsupportedOperationException("compile-only shim");
        }

        public static int displayCutout() {
            throw new UnsupportedOperationException("compile-only shim");
        }
    }
}
