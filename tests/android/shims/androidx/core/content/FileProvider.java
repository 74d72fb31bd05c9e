// COMPILE-ONLY SHIM of androidx.core.content.FileProvider (androidx.core:core): getUriForFile, called
// by Capacitor's BridgeWebChromeClient. Signature from
// https://developer.android.com/reference/androidx/core/content/FileProvider
package androidx.core.content;

import android.content.ContentProvider;
import android.content.Context;
import android.net.Uri;
import java.io.File;

public abstract class FileProvider extends ContentProvider {

    public FileProvider() {}

    public static Uri getUriForFile(Context context, String authority, File file) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
