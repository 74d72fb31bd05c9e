// Real ES256K did:ethr token pools minted by the host program (`dnp mint`), one file per pool in
// the run's work directory. run.sh scans the test output for every minted token afterwards, so a
// token printed anywhere fails the run. Tests must never print one.
package com.timesafari.dailynotification;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONObject;

final class TokenPools {

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** An identity and its tokens. */
    static final class Pool {
        final String did;
        final List<String> tokens;

        Pool(String did, List<String> tokens) {
            this.did = did;
            this.tokens = Collections.unmodifiableList(tokens);
        }

        @Override
        public String toString() {
            return "Pool(" + did + ", " + tokens.size() + " tokens)";
        }
    }

    private static Pool shared;

    private TokenPools() {}

    /** 20 tokens valid for 30 days, minted once per test JVM. */
    static synchronized Pool shared() {
        if (shared == null) {
            shared = mint(20, 30);
        }
        return shared;
    }

    static Pool mint(int count, int expiryDays) {
        File dir = new File(TestEnvironment.workDir(), "tokens");
        dir.mkdirs();
        File out = new File(dir, "pool-" + NEXT.incrementAndGet() + ".txt");
        try {
            Process p = new ProcessBuilder(
                new File(TestEnvironment.binDir(), "dnp").getPath(),
                "mint",
                "--count",
                Integer.toString(count),
                "--expiry-days",
                Integer.toString(expiryDays),
                "--out",
                out.getPath()
            )
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("dnp mint failed");
            }
            String did = new JSONObject(line).getString("did");
            List<String> tokens = new ArrayList<>();
            for (String t : Files.readAllLines(out.toPath(), StandardCharsets.UTF_8)) {
                if (!t.trim().isEmpty()) {
                    tokens.add(t.trim());
                }
            }
            if (tokens.size() != count) {
                throw new IllegalStateException("dnp mint wrote " + tokens.size() + " tokens, wanted " + count);
            }
            return new Pool(did, tokens);
        } catch (IOException | InterruptedException | org.json.JSONException e) {
            throw new IllegalStateException("dnp mint failed: " + e.getClass().getSimpleName());
        }
    }

    /** True when {@code text} contains any token of the pool or a distinctive piece of one. */
    static boolean leaks(String text, Pool pool) {
        if (text == null) {
            return false;
        }
        for (String token : pool.tokens) {
            String[] parts = token.split("\\.");
            // The header is the same for every ES256K JWT; the payload and signature are not.
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i];
                for (int start = 0; start + 16 <= part.length(); start += 16) {
                    if (text.contains(part.substring(start, start + 16))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
