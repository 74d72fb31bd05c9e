// The Rust core's JNI facade (libdaily_notification.so, rust/jni): static natives over the JSON
// shapes of docs/core-contract.md. Every native throws NativeCoreException with the core's code;
// none may be called on the main thread (they do file I/O, Keystore operations and, for prefetch,
// network requests). Most code should use DailyNotificationPlugin, PrefetchWorker or
// DailyNotificationTokens rather than this class.
package com.timesafari.dailynotification;

import android.content.Context;

public final class NativeCore {

    public static final String LIBRARY = "daily_notification";

    static {
        System.loadLibrary(LIBRARY);
    }

    private NativeCore() {}

    /**
     * Opens the process's fetcher over {@code storeDir}, protecting its data key with
     * {@code keyWrapper}. Again with the same directory: nothing happens. With another directory:
     * the new fetcher replaces the old one. {@code context} (the application Context) initialises
     * the platform certificate verifier; it may be null off Android.
     */
    public static native void init(Context context, String storeDir, KeyWrapper keyWrapper) throws NativeCoreException;

    /** {@code ConfigureOptions} JSON in, {@code ConfigureResult} JSON out. */
    public static native String configure(String optionsJson) throws NativeCoreException;

    /** {@code {"planIds": [...]}} in and out (the stored list). */
    public static native String updateStarredPlans(String planIdsJson) throws NativeCoreException;

    /** {@code {"planIds": [...]}}. */
    public static native String getStarredPlans() throws NativeCoreException;

    /**
     * The old plugin's starred plan ids: {@code {"starredPlanIds": <its stored value>}} in,
     * {@code {"outcome", "imported", "skipped", "deleteLegacy"}} out (see {@link LegacyState}).
     */
    public static native String importLegacyStarredPlans(String legacyJson) throws NativeCoreException;

    /** {@code Status} JSON; an unreadable store shows as {@code needsConfigure} with a {@code storeError}. */
    public static native String status() throws NativeCoreException;

    /**
     * getDiagnostics: the platform's facts (see DeliveryDiagnostics) in; {@code {"willNotify",
     * "freshContentExpected", "reasons": [{"code", "effect"}], "fetcher": <status>}} out.
     */
    public static native String diagnose(String factsJson) throws NativeCoreException;

    /** One headless prefetch at {@code nowMillis}: {@code PrefetchResult} JSON. */
    public static native String prefetch(long nowMillis) throws NativeCoreException;

    /**
     * A prefetch that ends within {@code deadlineMillis} (1..600000): an alarm-started run has
     * seconds, a WorkManager job minutes. {@link #prefetch} uses the core's default, 25 s.
     */
    public static native String prefetchWithin(long nowMillis, long deadlineMillis) throws NativeCoreException;

    /**
     * {@code {"cursor"}} of a notification that was shown: the cursor moves forward to it (never
     * back) and {@code {"cursor"}} now stored is returned. Until then each prefetch carries the
     * undelivered changes into its notification.
     */
    public static native String acknowledgeDelivery(String deliveryJson) throws NativeCoreException;

    /**
     * The token for one request of a host's own fetcher, under the pool's policy:
     * {@code {"token", "expiresAt"}}. The token is a secret: never log it.
     */
    public static native String acquireToken(long nowMillis) throws NativeCoreException;

    /** Deletes the store and the wrapping key (logout). */
    public static native void clear() throws NativeCoreException;

    /**
     * Advanced: {@code {"connectTimeoutMillis"?, "requestTimeoutMillis"?, "extraRootsPem"?: [PEM]}}
     * for the Endorser client. Kept for fetchers that a later {@link #init} installs.
     * {@code extraRootsPem} works only off Android (the host tests trust a local server's CA this
     * way); on a device it is INVALID_ARGUMENT: trust a private CA through the app's
     * network_security_config, which the platform verifier honours.
     */
    public static native void setHttpSettings(String settingsJson) throws NativeCoreException;

    /**
     * The schedule's state machine (docs/core-contract.md, "Schedule"): {@code {platform, zone, now,
     * state, event}} in, {@code {state, actions, status}} out. Pure: needs no {@link #init}.
     */
    public static native String schedule(String requestJson) throws NativeCoreException;
}
