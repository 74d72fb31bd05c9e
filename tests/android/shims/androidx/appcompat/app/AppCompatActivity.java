// COMPILE-ONLY SHIM of androidx.appcompat.app.AppCompatActivity (androidx.appcompat:appcompat): the
// type Capacitor's Bridge and Plugin hold; its behaviour comes from android.app.Activity. Declaration
// from https://developer.android.com/reference/androidx/appcompat/app/AppCompatActivity
package androidx.appcompat.app;

public class AppCompatActivity extends androidx.fragment.app.FragmentActivity {

    public AppCompatActivity() {}
}
