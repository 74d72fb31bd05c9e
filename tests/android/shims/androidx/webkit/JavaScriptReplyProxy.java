// COMPILE-ONLY SHIM of androidx.webkit.JavaScriptReplyProxy (androidx.webkit:webkit): postMessage,
// called by Capacitor's MessageHandler. Signature from
// https://developer.android.com/reference/androidx/webkit/JavaScriptReplyProxy
package androidx.webkit;

public abstract class JavaScriptReplyProxy {

    public abstract void postMessage(String message);
}
