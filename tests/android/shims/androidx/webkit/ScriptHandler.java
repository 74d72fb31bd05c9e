// COMPILE-ONLY SHIM of androidx.webkit.ScriptHandler (androidx.webkit:webkit): the return type of
// WebViewCompat.addDocumentStartJavaScript. Signature from
// https://developer.android.com/reference/androidx/webkit/ScriptHandler
package androidx.webkit;

public interface ScriptHandler {
    void remove();
}
