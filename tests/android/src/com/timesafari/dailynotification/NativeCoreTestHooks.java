// Test-only natives of libdaily_notification.so built with the `test-hooks` feature
// (rust/jni/src/test_hooks.rs): the paths no public native can trigger on demand.
package com.timesafari.dailynotification;

final class NativeCoreTestHooks {

    static {
        // NativeCore's static initialiser loads the library; the hooks live in the same .so.
        try {
            Class.forName(NativeCore.class.getName());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NativeCoreTestHooks() {}

    /** Panics inside a native. */
    static native void panic(String message) throws NativeCoreException;

    /** The bridge's KeyWrapper over {@code wrapper}: wrap then unwrap, on this or on a new Rust thread. */
    static native byte[] wrapThenUnwrap(KeyWrapper wrapper, byte[] key, boolean onRustThread) throws NativeCoreException;
}
