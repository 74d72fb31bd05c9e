//! JNI bridge of the daily notification core (`libdaily_notification.so`): the static natives of
//! `com.timesafari.dailynotification.NativeCore`, JSON text in and out in the shapes of
//! docs/core-contract.md, over one process-wide `Fetcher`.
//!
//! Layout, after libsignal's bridges and rustls-platform-verifier's Android module:
//! - `exports`: the natives, a few lines each (decode, call `daily_notification_core::json`, encode);
//! - `boundary`: the one place where a core error, a JNI error or a panic becomes a Java
//!   `NativeCoreException`, so that every native fails the same way and nothing unwinds into Java;
//! - `runtime`: the JavaVM and the cached exception class;
//! - `installed`: the process's `Fetcher`, set by `init`;
//! - `java_key_wrapper`: the core's `KeyWrapper` over the Java `KeyWrapper` object given to `init`;
//! - `platform`: Android-only start-up (logcat, the platform certificate verifier).

mod boundary;
mod exports;
mod installed;
mod java_key_wrapper;
mod platform;
mod runtime;
#[cfg(feature = "test-hooks")]
mod test_hooks;
