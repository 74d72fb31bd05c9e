// COMPILE-ONLY SHIM of androidx.work.BackoffPolicy (androidx.work:work-runtime). Constants from
// https://developer.android.com/reference/androidx/work/BackoffPolicy
package androidx.work;

public enum BackoffPolicy {
    EXPONENTIAL,
    LINEAR,
}
