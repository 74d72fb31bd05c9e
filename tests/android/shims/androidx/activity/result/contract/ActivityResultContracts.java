// COMPILE-ONLY SHIM of androidx.activity.result.contract.ActivityResultContracts
// (androidx.activity:activity): the two contracts Capacitor's Plugin constructs. Signatures from
// https://developer.android.com/reference/androidx/activity/result/contract/ActivityResultContracts.StartActivityForResult
// https://developer.android.com/reference/androidx/activity/result/contract/ActivityResultContracts.RequestMultiplePermissions
package androidx.activity.result.contract;

import android.content.Context;
import android.content.Intent;
import androidx.activity.result.ActivityResult;
import java.util.Map;

public final class ActivityResultContracts {

    private ActivityResultContracts() {}

    public static final class StartActivityForResult extends ActivityResultContract<Intent, ActivityResult> {

        public StartActivityForResult() {}

        @Override
        public Intent createIntent(Context context, Intent input) {
            throw new UnsupportedOperationException("compile-only shim");
        }

        @Override
        public ActivityResult parseResult(int resultCode, Intent intent) {
            throw new UnsupportedOperationException("compile-only shim");
        }
    }

    public static final class RequestMultiplePermissions extends ActivityResultContract<String[], Map<String, Boolean>> {

        public RequestMultiplePermissions() {}

        @Override
        public Intent createIntent(Context context, String[] input) {
            throw new UnsupportedOperationException("compile-only shim");
        }

        @Override
        public Map<String, Boolean> parseResult(int resultCode, Intent intent) {
            throw new UnsupportedOperationException("compile-only shim");
        }
    }
}
