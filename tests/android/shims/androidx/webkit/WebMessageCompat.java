// COMPILE-ONLY SHIM of androidx.webkit.WebMessageCompat (androidx.webkit:webkit): getData, read by
// Capacitor's MessageHandler. Signature from https://developer.android.com/reference/androidx/webkit/WebMessageCompat
package androidx.webkit;

public class WebMessageCompat {

    public WebMessageCompat(String data) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public String getData() {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
