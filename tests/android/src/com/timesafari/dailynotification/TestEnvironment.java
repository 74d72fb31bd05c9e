// Paths and settings the test JVM gets from tests/android/run.sh (system properties), and fresh
// per-test store directories under the run's work directory.
package com.timesafari.dailynotification;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

final class TestEnvironment {

    private TestEnvironment() {}

    static File workDir() {
        return new File(require("dnp.test.workdir"));
    }

    /** target/debug, holding endorser-double, dnp and libdaily_notification.so. */
    static File binDir() {
        return new File(require("dnp.test.bindir"));
    }

    static File library() {
        return new File(binDir(), System.mapLibraryName(NativeCore.LIBRARY));
    }

    static File newStoreDir() {
        try {
            File stores = new File(workDir(), "stores");
            stores.mkdirs();
            return Files.createTempDirectory(stores.toPath(), "store").toFile();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String require(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("system property " + property + " is not set (run tests/android/run.sh)");
        }
        return value;
    }
}
