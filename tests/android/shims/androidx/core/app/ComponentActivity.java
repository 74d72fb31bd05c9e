// COMPILE-ONLY SHIM of androidx.core.app.ComponentActivity (androidx.core:core): present only as a
// link of AppCompatActivity's superclass chain. Declaration from
// https://developer.android.com/reference/androidx/core/app/ComponentActivity
package androidx.core.app;

public class ComponentActivity extends android.app.Activity {

    public ComponentActivity() {}
}
