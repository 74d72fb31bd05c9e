// Runs the Android test classes in the order given (BeforeInitTest must run before anything opens a
// store in this JVM) and prints one line per test, the failures, then "N passed, N failed".
package com.timesafari.dailynotification;

import java.util.ArrayList;
import java.util.List;
import org.junit.runner.Description;
import org.junit.runner.JUnitCore;
import org.junit.runner.Request;
import org.junit.runner.Result;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunListener;

public final class AndroidTestSuite {

    private AndroidTestSuite() {}

    public static void main(String[] args) throws Exception {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : args) {
            classes.add(Class.forName(name));
        }
        JUnitCore core = new JUnitCore();
        core.addListener(new RunListener() {
            private boolean failed;

            @Override
            public void testStarted(Description d) {
                failed = false;
            }

            @Override
            public void testFailure(Failure f) {
                failed = true;
                System.out.println("  FAIL " + name(f.getDescription()));
            }

            @Override
            public void testFinished(Description d) {
                if (!failed) {
                    System.out.println("  ok   " + name(d));
                }
            }
        });
        int run = 0;
        int failures = 0;
        List<Failure> all = new ArrayList<>();
        for (Class<?> c : classes) {
            Result r = core.run(Request.aClass(c));
            run += r.getRunCount();
            failures += r.getFailureCount();
            all.addAll(r.getFailures());
        }
        for (Failure f : all) {
            System.out.println();
            System.out.println("FAILED " + name(f.getDescription()) + ": " + f.getMessage());
            System.out.println(trimmedTrace(f.getTrace()));
        }
        int passed = Math.max(0, run - failures);
        System.out.println(passed + " passed, " + failures + " failed");
        System.exit(failures == 0 && run > 0 ? 0 : 1);
    }

    private static String name(Description d) {
        String cls = d.getClassName();
        return cls.substring(cls.lastIndexOf('.') + 1) + (d.getMethodName() == null ? "" : "." + d.getMethodName());
    }

    private static String trimmedTrace(String trace) {
        StringBuilder out = new StringBuilder();
        int lines = 0;
        for (String line : trace.split("\n")) {
            if (lines++ > 25) {
                out.append("\t...\n");
                break;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
