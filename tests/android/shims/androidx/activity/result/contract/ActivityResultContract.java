// COMPILE-ONLY SHIM of androidx.activity.result.contract.ActivityResultContract
// (androidx.activity:activity): the type only, as Capacitor's Bridge uses it. Signature from
// https://developer.android.com/reference/androidx/activity/result/contract/ActivityResultContract
package androidx.activity.result.contract;

import android.content.Context;
import android.content.Intent;

public abstract class ActivityResultContract<I, O> {

    public ActivityResultContract() {}

    public abstract Intent createIntent(Context context, I input);

    public abstract O parseResult(int resultCode, Intent intent);
}
