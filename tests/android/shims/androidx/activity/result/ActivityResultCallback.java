// COMPILE-ONLY SHIM of androidx.activity.result.ActivityResultCallback (androidx.activity:activity),
// used by Capacitor's Plugin and Bridge. Signature from
// https://developer.android.com/reference/androidx/activity/result/ActivityResultCallback
package androidx.activity.result;

public interface ActivityResultCallback<O> {
    void onActivityResult(O result);
}
