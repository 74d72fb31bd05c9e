// A failure of the native core, carrying its stable error code (docs/core-contract.md, "ErrorCode").
// Thrown by the natives of NativeCore (constructed from Rust) and by the Java layer for bad input.
package com.timesafari.dailynotification;

public final class NativeCoreException extends Exception {

    public static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";
    public static final String KEY_WRAPPER_FAILED = "KEY_WRAPPER_FAILED";
    public static final String NOT_INITIALIZED = "NOT_INITIALIZED";
    public static final String INTERNAL = "INTERNAL";

    private final String code;
    private final String dataJson;

    public NativeCoreException(String code, String message) {
        this(code, message, null);
    }

    /**
     * Called by the native bridge; neither the message nor the data contains a token or part of one.
     *
     * @param dataJson the error's details as a JSON object, e.g. {@code {"rejected": [{index, reason}]}}
     *     for {@code NO_USABLE_TOKENS}; null when the code has none
     */
    public NativeCoreException(String code, String message, String dataJson) {
        super(message);
        this.code = code == null ? INTERNAL : code;
        this.dataJson = dataJson;
    }

    /** The error's details as JSON object text, or null (docs/core-contract.md, "ErrorCode"). */
    public String getDataJson() {
        return dataJson;
    }

    /** One of the contract's codes, e.g. {@code NO_USABLE_TOKENS} or {@code KEY_UNAVAILABLE}. */
    public String getCode() {
        return code;
    }

    @Override
    public String toString() {
        return "NativeCoreException(" + code + "): " + getMessage();
    }
}
