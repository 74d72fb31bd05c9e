// The Endorser test double (rust/endorser-double) as a subprocess over HTTPS with its own CA: one
// per test JVM, started on first use, stopped when the JVM exits (its stdin pipe closes). Tests
// drive it through its control endpoints (/__double/...).
package com.timesafari.dailynotification;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.json.JSONArray;
import org.json.JSONObject;

final class EndorserDouble {

    static final int SEEDED_PLANS = 3;

    private static EndorserDouble shared;

    final String baseUrl;
    final String caCertPem;
    final List<String> planIds;
    private final SSLContext trust;

    private EndorserDouble(String baseUrl, String caCertPem, List<String> planIds) throws Exception {
        this.baseUrl = baseUrl;
        this.caCertPem = caCertPem;
        this.planIds = planIds;
        KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
        roots.load(null, null);
        roots.setCertificateEntry(
            "double-ca",
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(caCertPem.getBytes(StandardCharsets.US_ASCII)))
        );
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(roots);
        trust = SSLContext.getInstance("TLS");
        trust.init(null, tmf.getTrustManagers(), null);
    }

    static synchronized EndorserDouble shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static EndorserDouble start() {
        try {
            Process p = new ProcessBuilder(
                new File(TestEnvironment.binDir(), "endorser-double").getPath(),
                "--tls",
                "--plans",
                Integer.toString(SEEDED_PLANS)
            )
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalStateException("endorser-double printed nothing");
            }
            JSONObject o = new JSONObject(line);
            List<String> ids = new ArrayList<>();
            JSONArray a = o.getJSONArray("planIds");
            for (int i = 0; i < a.length(); i++) {
                ids.add(a.getString(i));
            }
            return new EndorserDouble(o.getString("baseUrl"), o.getString("caCertPem"), ids);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start endorser-double", e);
        }
    }

    /** `{"extraRootsPem": [ca]}` for NativeCore.setHttpSettings. */
    String httpSettingsJson() {
        try {
            return new JSONObject().put("extraRootsPem", new JSONArray().put(caCertPem)).toString();
        } catch (org.json.JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new version of a plan: the next prefetch reports it as changed. */
    void editPlan(String handleId, String description) throws Exception {
        control("POST", "/__double/plans", new JSONObject().put("handleId", handleId).put("description", description));
    }

    /** The next {@code count} report requests fail with {@code kind} (status500, status429, malformed, ...). */
    void failNext(String kind, int count) throws Exception {
        control("POST", "/__double/faults", new JSONObject().put("fail", kind).put("count", count));
    }

    void clearFaults() throws Exception {
        control("POST", "/__double/faults", new JSONObject().put("clearFaults", true));
    }

    /** How many report requests the double has recorded. */
    int requestCount() throws Exception {
        return new JSONArray(control("GET", "/__double/requests", null)).length();
    }

    private String control(String method, String path, JSONObject body) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) new URL(baseUrl + path).openConnection();
        c.setSSLSocketFactory(trust.getSocketFactory());
        c.setRequestMethod(method);
        c.setConnectTimeout(5000);
        c.setReadTimeout(10000);
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (status >= 400) {
            throw new IOException("double " + method + " " + path + ": HTTP " + status);
        }
        return text;
    }
}
