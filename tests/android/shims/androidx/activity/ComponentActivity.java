// COMPILE-ONLY SHIM of androidx.activity.ComponentActivity (androidx.activity:activity): a link of
// AppCompatActivity's superclass chain, and the ActivityResultCaller Capacitor's Bridge calls.
// Declaration from https://developer.android.com/reference/androidx/activity/ComponentActivity
package androidx.activity;

import androidx.activity.result.ActivityResultCallback;
import androidx.activity.result.ActivityResultCaller;
import androidx.activity.result.ActivityResultLauncher;
import androidx.activity.result.contract.ActivityResultContract;

public class ComponentActivity extends androidx.core.app.ComponentActivity implements ActivityResultCaller {

    public ComponentActivity() {}

    @Override
    public final <I, O> ActivityResultLauncher<I> registerForActivityResult(
        ActivityResultContract<I, O> contract,
        ActivityResultCallback<O> callback
    ) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
