// COMPILE-ONLY SHIM of androidx.fragment.app.Fragment (androidx.fragment:fragment): the members
// Capacitor's Bridge uses. Signatures from https://developer.android.com/reference/androidx/fragment/app/Fragment
package androidx.fragment.app;

import android.view.View;
import androidx.activity.result.ActivityResultCallback;
import androidx.activity.result.ActivityResultCaller;
import androidx.activity.result.ActivityResultLauncher;
import androidx.activity.result.contract.ActivityResultContract;

public class Fragment implements ActivityResultCaller {

    public Fragment() {}

    public final FragmentActivity getActivity() {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public View getView() {
        throw new UnsupportedOperationException("compile-only shim");
    }

    @Override
    public final <I, O> ActivityResultLauncher<I> registerForActivityResult(
        ActivityResultContract<I, O> contract,
        ActivityResultCallback<O> callback
    ) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
