// COMPILE-ONLY SHIM of androidx.webkit.WebViewCompat (androidx.webkit:webkit): the members and the
// nested WebMessageListener that Capacitor's Bridge, MessageHandler and SystemBars use. Signatures from
// https://developer.android.com/reference/androidx/webkit/WebViewCompat
// https://developer.android.com/reference/androidx/webkit/WebViewCompat.WebMessageListener
package androidx.webkit;

import android.content.Context;
import android.content.pm.PackageInfo;
import android.net.Uri;
import android.webkit.WebView;
import java.util.Set;

public class WebViewCompat {

    private WebViewCompat() {}

    public interface WebMessageListener {
        void onPostMessage(
            WebView view,
            WebMessageCompat message,
            Uri sourceOrigin,
            boolean isMainFrame,
            JavaScriptReplyProxy replyProxy
        );
    }

    public static void addWebMessageListener(
        WebView webView,
        String jsObjectName,
        Set<String> allowedOriginRules,
        WebMessageListener listener
    ) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public static PackageInfo getCurrentWebViewPackage(Context context) {
        throw new UnsupportedOperationException("compile-only shim");
    }

    public static ScriptHandler addDocumentStartJavaScript(WebView webview, String script, Set<String> allowedOriginRules) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
