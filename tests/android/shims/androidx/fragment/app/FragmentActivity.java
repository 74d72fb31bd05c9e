// COMPILE-ONLY SHIM of androidx.fragment.app.FragmentActivity (androidx.fragment:fragment): a link of
// AppCompatActivity's superclass chain. Declaration from
// https://developer.android.com/reference/androidx/fragment/app/FragmentActivity
package androidx.fragment.app;

public class FragmentActivity extends androidx.activity.ComponentActivity {

    public FragmentActivity() {}
}
