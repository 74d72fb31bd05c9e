// COMPILE-ONLY SHIM of androidx.core.content.pm.PackageInfoCompat (androidx.core:core), called by
// Capacitor's Bridge. Signature from https://developer.android.com/reference/androidx/core/content/pm/PackageInfoCompat
package androidx.core.content.pm;

import android.content.pm.PackageInfo;

public final class PackageInfoCompat {

    private PackageInfoCompat() {}

    public static long getLongVersionCode(PackageInfo info) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
