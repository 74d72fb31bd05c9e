// COMPILE-ONLY SHIM of androidx.work.ExistingWorkPolicy (androidx.work:work-runtime). Constants from
// https://developer.android.com/reference/androidx/work/ExistingWorkPolicy
package androidx.work;

public enum ExistingWorkPolicy {
    REPLACE,
    KEEP,
    APPEND,
    APPEND_OR_REPLACE,
}
