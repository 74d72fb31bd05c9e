// COMPILE-ONLY SHIM of androidx.activity.result.ActivityResultCaller (androidx.activity:activity),
// implemented by ComponentActivity and Fragment; Capacitor's Bridge calls registerForActivityResult.
// Signature from https://developer.android.com/reference/androidx/activity/result/ActivityResultCaller
package androidx.activity.result;

import androidx.activity.result.contract.ActivityResultContract;

public interface ActivityResultCaller {
    <I, O> ActivityResultLauncher<I> registerForActivityResult(
        ActivityResultContract<I, O> contract,
        ActivityResultCallback<O> callback
    );
}
