// COMPILE-ONLY SHIM of androidx.work.Operation (androidx.work:work-runtime): the return type of
// enqueueUniqueWork and cancelUniqueWork, unused by the plugin. Declaration from
// https://developer.android.com/reference/androidx/work/Operation
package androidx.work;

public interface Operation {}
