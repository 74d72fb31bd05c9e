// COMPILE-ONLY SHIM of androidx.webkit.WebViewFeature (androidx.webkit:webkit): the method and the
// two feature names Capacitor's Bridge and MessageHandler use. Signatures and constant values from
// https://developer.android.com/reference/androidx/webkit/WebViewFeature
package androidx.webkit;

public class WebViewFeature {

    public static final String WEB_MESSAGE_LISTENER = "WEB_MESSAGE_LISTENER";
    public static final String DOCUMENT_START_SCRIPT = "DOCUMENT_START_SCRIPT:1";

    private WebViewFeature() {}

    public static boolean isFeatureSupported(String feature) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
