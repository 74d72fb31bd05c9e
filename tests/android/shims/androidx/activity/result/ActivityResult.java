// COMPILE-ONLY SHIM of androidx.activity.result.ActivityResult (androidx.activity:activity), needed
// because Capacitor's Plugin and BridgeWebChromeClient use it. Signatures from
// https://developer.android.com/reference/androidx/activity/result/ActivityResult
package androidx.activity.result;

import android.content.Intent;

public final class ActivityResult {

    public ActivityResult(int resultCode, Intent data) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public int getResultCode() {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public Intent getData() {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
