// The Rust side of KeyWrapper: the bridge calls the Java object on the calling Java thread or on a
// thread Rust started (attached for the call), maps Java exceptions to KEY_UNAVAILABLE or
// KEY_WRAPPER_FAILED, and leaves no exception pending behind.
package com.timesafari.dailynotification;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;

import java.security.UnrecoverableKeyException;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.AEADBadTagException;
import org.json.JSONObject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class KeyWrapperBridgeTest {

    private static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (i * 7 + 1);
        }
    }

    /** A wrapper whose unwrap throws the given exception; records the threads it ran on. */
    private static final class Throwing implements KeyWrapper {
        final Exception toThrow;
        final AtomicReference<String> thread = new AtomicReference<>();

        Throwing(Exception toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        public byte[] wrap(byte[] dataKey) {
            thread.set(Thread.currentThread().getName());
            return dataKey.clone();
        }

        @Override
        public byte[] unwrap(byte[] wrapped) throws Exception {
            throw toThrow;
        }

        @Override
        public void delete() {}
    }

    @Test
    public void the_keystore_wrapper_round_trips_through_rust_on_java_and_rust_threads() throws Exception {
        SoftwareKeys keys = new SoftwareKeys();
        assertArrayEquals(KEY, NativeCoreTestHooks.wrapThenUnwrap(keys.wrapper, KEY, false));
        assertArrayEquals(KEY, NativeCoreTestHooks.wrapThenUnwrap(keys.wrapper, KEY, true));
    }

    @Test
    public void a_rust_thread_is_attached_to_call_java() throws Exception {
        Throwing w = new Throwing(new KeyWrapper.KeyUnavailableException("gone"));
        Expect.nativeError("KEY_UNAVAILABLE", () -> NativeCoreTestHooks.wrapThenUnwrap(w, KEY, true));
        assertTrue("wrap ran on " + w.thread.get(), !Thread.currentThread().getName().equals(w.thread.get()));
        Expect.nativeError("KEY_UNAVAILABLE", () -> NativeCoreTestHooks.wrapThenUnwrap(w, KEY, false));
        assertTrue(Thread.currentThread().getName().equals(w.thread.get()));
    }

    @Test
    public void key_loss_exceptions_and_their_subclasses_are_KEY_UNAVAILABLE() {
        for (boolean rustThread : new boolean[] { false, true }) {
            Expect.nativeError("KEY_UNAVAILABLE", () -> NativeCoreTestHooks.wrapThenUnwrap(new Throwing(new AEADBadTagException("tag")), KEY, rustThread));
            Expect.nativeError("KEY_UNAVAILABLE", () -> NativeCoreTestHooks.wrapThenUnwrap(new Throwing(new UnrecoverableKeyException("no")), KEY, rustThread));
            Expect.nativeError(
                "KEY_UNAVAILABLE",
                () -> NativeCoreTestHooks.wrapThenUnwrap(new Throwing(new android.security.keystore.KeyPermanentlyInvalidatedException("new lock screen")), KEY, rustThread)
            );
        }
    }

    @Test
    public void any_other_exception_or_a_null_answer_is_KEY_WRAPPER_FAILED() throws Exception {
        NativeCoreException e = Expect.nativeError(
            "KEY_WRAPPER_FAILED",
            () -> NativeCoreTestHooks.wrapThenUnwrap(new Throwing(new IllegalStateException("keystore daemon died")), KEY, false)
        );
        assertTrue(e.getMessage().contains("IllegalStateException"));
        KeyWrapper nullAnswer = new KeyWrapper() {
            @Override
            public byte[] wrap(byte[] dataKey) {
                return null;
            }

            @Override
            public byte[] unwrap(byte[] wrapped) {
                return wrapped;
            }

            @Override
            public void delete() {}
        };
        Expect.nativeError("KEY_WRAPPER_FAILED", () -> NativeCoreTestHooks.wrapThenUnwrap(nullAnswer, KEY, true));
        // No exception was left pending: the next native call on this thread works normally.
        Fixtures.installFresh(RuntimeEnvironment.getApplication());
        new JSONObject(NativeCore.status());
    }

    @Test
    public void the_data_key_handed_to_java_is_zeroed_after_the_call() throws Exception {
        AtomicReference<byte[]> seen = new AtomicReference<>();
        KeyWrapper keeper = new KeyWrapper() {
            @Override
            public byte[] wrap(byte[] dataKey) {
                seen.set(dataKey);
                return dataKey.clone();
            }

            @Override
            public byte[] unwrap(byte[] wrapped) {
                return wrapped.clone();
            }

            @Override
            public void delete() {}
        };
        assertArrayEquals(KEY, NativeCoreTestHooks.wrapThenUnwrap(keeper, KEY, false));
        assertArrayEquals("the clear data key stays in Java memory", new byte[32], seen.get());

        // Also when wrap throws: the exception is taken first, then the array is wiped.
        for (boolean rustThread : new boolean[] { false, true }) {
            AtomicReference<byte[]> thrownWith = new AtomicReference<>();
            KeyWrapper failing = new KeyWrapper() {
                @Override
                public byte[] wrap(byte[] dataKey) {
                    thrownWith.set(dataKey);
                    throw new IllegalStateException("keystore busy");
                }

                @Override
                public byte[] unwrap(byte[] wrapped) {
                    return wrapped.clone();
                }

                @Override
                public void delete() {}
            };
            Expect.nativeError("KEY_WRAPPER_FAILED", () -> NativeCoreTestHooks.wrapThenUnwrap(failing, KEY, rustThread));
            assertArrayEquals("wiped after a failed wrap", new byte[32], thrownWith.get());
        }
    }
}
