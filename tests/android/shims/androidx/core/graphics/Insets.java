// COMPILE-ONLY SHIM of androidx.core.graphics.Insets (androidx.core:core), used by Capacitor's
// SystemBars plugin. Signatures from https://developer.android.com/reference/androidx/core/graphics/Insets
package androidx.core.graphics;

public final class Insets {

    public final int left;
    public final int top;
    public final int right;
    public final int bottom;

    private Insets(int left, int top, int right, int bottom) {
        this.left = left;
        this.top = top;
        this.right = right;
        this.bottom = bottom;
    }

    public static Insets of(int left, int top, int right, int bottom) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
