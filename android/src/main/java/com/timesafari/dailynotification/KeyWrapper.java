// How the Android layer protects the vault's 32-byte data key: the native core calls these methods
// (from any thread) to wrap a new data key and to unwrap the stored one. KeystoreKeyWrapper is the
// implementation; tests may pass another one to NativeCore.init.
package com.timesafari.dailynotification;

public interface KeyWrapper {
    /** Encrypts the data key; the result is stored next to the vault. */
    byte[] wrap(byte[] dataKey) throws Exception;

    /**
     * Decrypts what {@link #wrap} returned. Throws {@link KeyUnavailableException} when the key is
     * gone or can no longer decrypt it: the core then reports {@code KEY_UNAVAILABLE} and needs a
     * new configure. Any other exception is reported as {@code KEY_WRAPPER_FAILED}.
     */
    byte[] unwrap(byte[] wrapped) throws Exception;

    /** Deletes the wrapping key (logout). Deleting a missing key is not an error. */
    void delete() throws Exception;

    /**
     * The wrapping key is lost or invalidated. The native bridge also treats
     * {@code KeyPermanentlyInvalidatedException}, {@code UnrecoverableKeyException} and
     * {@code AEADBadTagException} (and their subclasses) this way.
     */
    final class KeyUnavailableException extends Exception {
        public KeyUnavailableException(String message) {
            super(message);
        }

        public KeyUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
