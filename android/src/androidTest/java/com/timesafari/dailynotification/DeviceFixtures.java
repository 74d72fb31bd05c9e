// RUNS ONLY ON A DEVICE OR EMULATOR (connectedDebugAndroidTest, .github/workflows/android.yml);
// androidx is not available where the host tests run, so this file is not compiled there.
// Test data for the instrumented tests: a throw-away DID, tokens with its claims (the core reads
// the claims and never checks a signature; the servers do not either), a loopback Endorser in the
// test process, the runner's Endorser (tests/android/runner-endorser.py, reached at 10.0.2.2 and
// so subject to Doze's network rules), and shell commands with their output.
package com.timesafari.dailynotification;

import android.os.ParcelFileDescriptor;
import android.util.Base64;
import androidx.test.platform.app.InstrumentationRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

final class DeviceFixtures {

    static final String DID = "did:ethr:0x000000000000000000000000000000000000dEaD";
    static final String PLAN = "https://endorser.ch/entity/01M80V4QY5VAHEENK1VFTX3P33";

    private DeviceFixtures() {}

    /** {@code count} distinct tokens of {@link #DID}, valid for {@code days} from now. */
    static List<String> tokens(int count, int days) throws JSONException {
        long iat = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"ES256K\",\"typ\":\"JWT\"}");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JSONObject claims = new JSONObject().put("iss", DID).put("iat", iat).put("exp", iat + days * 86400L).put("jti", "device-test-" + i);
            out.add(header + "." + b64(claims.toString()) + ".c2lnbmF0dXJl");
        }
        return out;
    }

    static JSONObject options(String apiBaseUrl) throws JSONException {
        return new JSONObject()
            .put("apiBaseUrl", apiBaseUrl)
            .put("activeDid", DID)
            .put("jwtTokens", new JSONArray(tokens(10, 30)))
            .put("starredPlanIds", new JSONArray().put(PLAN));
    }

    /**
     * Runs {@code command} as the shell user (UiAutomation) and returns its output. Reading to the
     * end waits for the command to finish. Shell commands exit 0 even when they refuse (e.g.
     * "Unable to go deep idle; not enabled"): callers check the output or read the state back.
     */
    static String shell(String command) throws IOException {
        ParcelFileDescriptor output = InstrumentationRegistry.getInstrumentation().getUiAutomation().executeShellCommand(command);
        try (InputStream in = new ParcelFileDescriptor.AutoCloseInputStream(output)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                bytes.write(buffer, 0, n);
            }
            return bytes.toString("UTF-8");
        }
    }

    /**
     * The runner's Endorser (tests/android/runner-endorser.py), whose base URL the workflow passes
     * as the instrumentation argument {@code dnpRunnerEndorser} (http://10.0.2.2:8765, the
     * emulator's address of its host).
     */
    static final class RunnerEndorser {
        final String baseUrl;

        RunnerEndorser() {
            String url = InstrumentationRegistry.getArguments().getString("dnpRunnerEndorser");
            if (url == null || url.isEmpty()) {
                throw new AssertionError("precondition: no instrumentation argument dnpRunnerEndorser; run with "
                    + "-Pandroid.testInstrumentationRunnerArguments.dnpRunnerEndorser=http://10.0.2.2:8765 and "
                    + "tests/android/runner-endorser.py 8765 on the host (.github/workflows/android.yml)");
            }
            baseUrl = url;
        }

        /** Sets the server's counts to 0; fails when the server cannot be reached. */
        void reset() throws IOException {
            request("POST", "/reset", 10_000);
        }

        /** The report requests the server answered. */
        int reports() throws IOException, JSONException {
            return new JSONObject(request("GET", "/count", 10_000)).getInt("reports");
        }

        /** One request with {@code timeoutMillis} for connecting and reading; the body. */
        String request(String method, String path, int timeoutMillis) throws IOException {
            HttpURLConnection c = (HttpURLConnection) new URL(baseUrl + path).openConnection();
            try {
                c.setRequestMethod(method);
                c.setConnectTimeout(timeoutMillis);
                c.setReadTimeout(timeoutMillis);
                if ("POST".equals(method)) {
                    c.setDoOutput(true);
                    c.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
                }
                if (c.getResponseCode() != 200) {
                    throw new IOException(method + " " + path + ": HTTP " + c.getResponseCode());
                }
                try (InputStream in = c.getInputStream()) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    byte[] buffer = new byte[4096];
                    int n;
                    while ((n = in.read(buffer)) != -1) {
                        bytes.write(buffer, 0, n);
                    }
                    return bytes.toString("UTF-8");
                }
            } finally {
                c.disconnect();
            }
        }
    }

    private static String b64(String s) {
        return Base64.encodeToString(s.getBytes(StandardCharsets.UTF_8), Base64.URL_SAFE | Base64.NO_PADDING | Base64.NO_WRAP);
    }

    /** HTTP/1.1 on 127.0.0.1: every POST of the report gets one changed plan. */
    static final class LoopbackEndorser implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger reports = new AtomicInteger();
        final AtomicInteger withBearer = new AtomicInteger();
        private final Thread thread;

        LoopbackEndorser() throws IOException {
            socket = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
            thread = new Thread(this::serve, "loopback-endorser");
            thread.setDaemon(true);
            thread.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    answer(client);
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void answer(Socket client) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            String requestLine = in.readLine();
            int length = 0;
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
                if (lower.startsWith("authorization: bearer ")) withBearer.incrementAndGet();
            }
            for (int i = 0; i < length; i++) in.read();
            String body;
            int status;
            if (requestLine != null && requestLine.startsWith("POST /api/v2/report/plansLastUpdatedBetween ")) {
                reports.incrementAndGet();
                status = 200;
                body = "{\"data\":[{\"plan\":{\"jwtId\":\"01M80V4R0S68JZJ7E8FY5D8DV9\",\"handleId\":\"" + PLAN
                    + "\",\"name\":\"Plan A\"}}],\"hitLimit\":false}";
            } else {
                status = 404;
                body = "{\"error\":\"not found\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
