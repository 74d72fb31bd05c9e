// COMPILE-ONLY SHIM of androidx.activity.result.ActivityResultLauncher (androidx.activity:activity),
// members used by Capacitor's Plugin. Signatures from
// https://developer.android.com/reference/androidx/activity/result/ActivityResultLauncher
package androidx.activity.result;

public abstract class ActivityResultLauncher<I> {

    public ActivityResultLauncher() {}

    public void launch(I input) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
