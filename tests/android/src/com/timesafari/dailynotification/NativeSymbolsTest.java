// The Java native declarations and the Rust exports must name the same methods: a native declared
// in Java but not exported fails only when called (UnsatisfiedLinkError), so compare them here.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;

@RunWith(RobolectricTestRunner.class)
public class NativeSymbolsTest {

    private static final String PREFIX = "Java_com_timesafari_dailynotification_";

    @Test
    public void every_java_native_is_exported_by_the_library_and_nothing_else_is() throws Exception {
        TreeSet<String> declared = new TreeSet<>();
        for (Class<?> c : new Class<?>[] { NativeCore.class, NativeCoreTestHooks.class }) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isNative(m.getModifiers())) {
                    assertTrue(m + " must be static", Modifier.isStatic(m.getModifiers()));
                    declared.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        TreeSet<String> exported = new TreeSet<>();
        Process nm = new ProcessBuilder("nm", "-D", "--defined-only", TestEnvironment.library().getPath()).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(nm.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                int at = line.indexOf(PREFIX);
                if (at >= 0) {
                    String[] parts = line.substring(at + PREFIX.length()).split("_", 2);
                    exported.add(parts[0] + "." + parts[1]);
                }
            }
        }
        assertEquals("nm exit status", 0, nm.waitFor());
        assertFalse("no JNI exports found", exported.isEmpty());
        assertEquals(declared, exported);
    }

    @Test
    public void the_public_facade_declares_exactly_the_contract_operations() {
        TreeSet<String> natives = new TreeSet<>();
        for (Method m : NativeCore.class.getDeclaredMethods()) {
            if (Modifier.isNative(m.getModifiers())) {
                natives.add(m.getName());
            }
        }
        TreeSet<String> expected = new TreeSet<>(java.util.Arrays.asList(
            "init", "configure", "updateStarredPlans", "getStarredPlans", "importLegacyStarredPlans", "status",
            "prefetch", "prefetchWithin", "acknowledgeDelivery", "acquireToken", "clear", "setHttpSettings", "schedule", "diagnose"
        ));
        assertEquals(expected, natives);
    }
}
