// Cold start of the native core on the host JVM (tests/bench/jvm-cold-start.sh): what a
// WorkManager prefetch pays in a process that was not running. One phase per step, in a fresh JVM:
// System.loadLibrary (NativeCore's static initialiser), init, the first status, the first prefetch.
// The key wrapper hands the data key through unchanged: on a phone the Keystore unwrap is an extra
// cost of its own, not the core's. Prints one JSON line; asserts nothing.
//
//   java ColdStart setup STORE_DIR OPTIONS_JSON_FILE   configure the store (not measured)
//   java ColdStart run STORE_DIR                        the measured cold start
package com.timesafari.dailynotification;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

public final class ColdStart {
    /** Bench only: the data key is kept as is (the vault still encrypts the tokens with it). */
    static final class PassThroughKeyWrapper implements KeyWrapper {
        @Override
        public byte[] wrap(byte[] dataKey) {
            return dataKey.clone();
        }

        @Override
        public byte[] unwrap(byte[] wrapped) {
            return wrapped.clone();
        }

        @Override
        public void delete() {}
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Class.forName("com.timesafari.dailynotification.NativeCore", true, ColdStart.class.getClassLoader());
        long loaded = System.nanoTime();
        NativeCore.init(null, args[1], new PassThroughKeyWrapper());
        long initialised = System.nanoTime();
        if (args[0].equals("setup")) {
            String options = new String(Files.readAllBytes(Paths.get(args[2])), StandardCharsets.UTF_8);
            NativeCore.configure(options);
            NativeCore.prefetch(System.currentTimeMillis());
            return;
        }
        String status = NativeCore.status();
        long statused = System.nanoTime();
        String prefetch = NativeCore.prefetch(System.currentTimeMillis());
        long prefetched = System.nanoTime();
        if (!status.contains("\"configured\":true")) {
            throw new IllegalStateException("store not configured");
        }
        String outcome = prefetch.replaceAll("(?s).*\"outcome\":\"([^\"]*)\".*", "$1");
        System.out.printf(
            "{\"loadLibrary\":%.3f,\"init\":%.3f,\"status\":%.3f,\"prefetch\":%.3f,\"outcome\":\"%s\"}%n",
            ms(start, loaded), ms(loaded, initialised), ms(initialised, statused), ms(statused, prefetched), outcome);
    }
}
