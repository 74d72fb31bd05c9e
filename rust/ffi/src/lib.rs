//! C ABI of the daily notification core (`dnp_*`), for the iOS plugin and the host C tests.
//!
//! A thin mirror of `daily_notification_core::json`: each function decodes its C arguments, calls
//! the core and returns a status code (`DNP_OK` or the `DNP_<ERROR_CODE>` of the failure). JSON
//! shapes are those of docs/core-contract.md.
//!
//! Conventions for every function (the generated header repeats them):
//! - Input strings are NUL-terminated UTF-8 borrowed for the call only. NULL or invalid UTF-8 is
//!   `DNP_INVALID_ARGUMENT`.
//! - `result_out` and `error_out` are set to NULL on entry. On success `*result_out` receives the
//!   result JSON; on failure `*error_out` (when `error_out` is not NULL) receives
//!   `{"error":{"code","message"}}`. A NULL `result_out` is `DNP_INVALID_ARGUMENT` and nothing runs.
//! - Every string the library returns is owned by the caller and freed with `dnp_string_free`
//!   (which wipes it first: an acquired token is in one).
//! - No panic crosses the boundary: a caught panic is `DNP_INTERNAL`.
//! - Thread-safe: any function may be called from any thread, concurrently.

mod boundary;
mod key_wrapper;
mod runtime;
mod status;

use std::ffi::c_char;

use daily_notification_core::json;

use crate::boundary::{run, run_with_result, str_arg};
pub use crate::key_wrapper::{
    DNP_KEY_CALLBACK_FAILED, DNP_KEY_CALLBACK_OK, DNP_KEY_CALLBACK_UNAVAILABLE,
    DNP_KEY_OUTPUT_CAPACITY, DnpKeyDeleteFn, DnpKeyReleaseFn, DnpKeyTransformFn, DnpKeyWrapper,
};
pub use crate::status::*;

/// Opens (creating if needed) the store in `store_dir` with the platform key wrapper `wrapper`.
/// The same directory again is a no-op; another directory replaces the open store (the HTTP
/// settings stay). The wrapper is taken in every case: see `DnpKeyWrapper` for when it is released.
///
/// # Safety
/// `store_dir` is NULL or a NUL-terminated string; `error_out` is NULL or writable; the
/// wrapper's callbacks follow the rules of `DnpKeyWrapper`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_init(
    store_dir: *const c_char,
    wrapper: DnpKeyWrapper,
    error_out: *mut *mut c_char,
) -> i32 {
    let wrapper = key_wrapper::CallbackKeyWrapper::new(wrapper);
    run(error_out, move || {
        // SAFETY: per this function's contract.
        let dir = unsafe { str_arg(store_dir, "store_dir") }?;
        runtime::init(dir, wrapper)
    })
}

/// Closes the store and releases its key wrapper; later calls are `DNP_NOT_INITIALIZED` until
/// `dnp_init`. Calls still running finish first with the old store. Always `DNP_OK`.
#[unsafe(no_mangle)]
pub extern "C" fn dnp_shutdown() -> i32 {
    run(std::ptr::null_mut(), || {
        runtime::shutdown();
        Ok(())
    })
}

/// HTTP settings for the Endorser client: `{"connectTimeoutMillis"?, "requestTimeoutMillis"?,
/// "extraRootsPem"?: [PEM]}` (timeouts 1..=120000 ms; absent fields take the defaults 10 s, 20 s
/// and no extra roots). Replaces the previous settings.
///
/// # Safety
/// `settings_json` is NULL or a NUL-terminated string; `error_out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_set_http_settings(
    settings_json: *const c_char,
    error_out: *mut *mut c_char,
) -> i32 {
    run(error_out, || {
        // SAFETY: per this function's contract.
        let input = unsafe { str_arg(settings_json, "settings_json") }?;
        json::set_http_settings(&runtime::current()?.fetcher, input).map(drop)
    })
}

/// `configure`: `ConfigureOptions` in, `ConfigureResult` out, at `now_millis` (Unix epoch ms).
///
/// # Safety
/// `options_json` is NULL or a NUL-terminated string; `result_out` and `error_out` are NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_configure(
    options_json: *const c_char,
    now_millis: i64,
    result_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> i32 {
    run_with_result(result_out, error_out, || {
        // SAFETY: per this function's contract.
        let input = unsafe { str_arg(options_json, "options_json") }?;
        let f = runtime::current()?;
        json::configure(&f.fetcher, input, json::seconds_from_millis(now_millis))
    })
}

/// `updateStarredPlans`: `{"planIds": [string]}` in, the stored `{"planIds": [string]}` out.
///
/// # Safety
/// `plan_ids_json` is NULL or a NUL-terminated string; `result_out` and `error_out` are NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_update_starred_plans(
    plan_ids_json: *const c_char,
    result_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> i32 {
    run_with_result(result_out, error_out, || {
        // SAFETY: per this function's contract.
        let input = unsafe { str_arg(plan_ids_json, "plan_ids_json") }?;
        json::update_starred_plans(&runtime::current()?.fetcher, input)
    })
}

/// `getStarredPlans`: `{"planIds": [string]}`.
///
/// # Safety
/// `result_out` and `error_out` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_get_starred_plans(
    result_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> i32 {
    run_with_result(result_out, error_out, || {
        json::starred_plans(&runtime::current()?.fetcher)
    })
}

/// The old plugin's starred plan ids: `{"starredPlanIds": <its stored value>}` in, `LegacyImport`
/// (`{"outcome", "imported", "skipped", "deleteLegacy"}`) out. Delete the old key only when
/// `deleteLegacy` is true.
///
/// # Safety
/// `legacy_json` is NULL or a NUL-terminated string; `result_out` and `error_out` are NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_import_legacy_starred_plans(
    legacy_json: *const c_char,
    result_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> i32 {
    run_with_result(result_out, error_out, || {
        // SAFETY: per this function's contract.
        let input = unsafe { str_arg(legacy_json, "legacy_json") }?;
        json::import_legacy_starred_plans(&runtime::current()?.fetcher, input)
    })
}

/// `status` at `now_millis`: `Status`. An unreadable store is not a failure: it shows in
/// `needsConfigure` and `storeError`.
///
/// # Safety
/// `result_out` and `error_out` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_status(
    now_millis: i64,
    result_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> i32 {
    run_with_result(result_out, error_out, || {
        let f = runtime::current()?;
        json::status(&f.fetcher, json::seconds_from_millis(now_millis))
    })
}

/// `getDiagnostics` at `now_millis`: the platform's facts (`{"notificationsPermitted", …}`, see
/// docs/core-contract.md) in; `{"willNotify", "freshContentExpected", "reasons", "fetcher"}` out.
///
/// # Safety
/// `facts_json` is NULL or a NUL-terminated string; `result_out` and `error_out` are NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_diagnose(
    facts_json: *const c_char,
    now_millis: i64,
    result_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> i32 {
    run_with_result(result_out, error_out, || {
        // SAFETY: per this function's contract.
        let input = unsafe { str_arg(facts_json, "facts_json") }?;
        let f = runtime::current()?;
        json::diagnose(&f.fetcher, input, json::seconds_from_millis(now_millis))
    })
}

/// `prefetch` at `now_millis`: `PrefetchResult`. Blocks for the network round trips (within the
/// core's default deadline, 25 s): never call it on a UI thread. Outcomes such as `retry` or `no_token` are
/// `DNP_OK` results; a failure status means the store could not be used.
///
/// # Safety
/// `result_out` and `error_out` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_prefetch(
    now_millis: i64,
    result_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> i32 {
    run_with_result(result_out, error_out, || {
        let f = runtime::current()?;
        json::prefetch(&f.fetcher, json::seconds_from_millis(now_millis))
    })
}

/// `prefetch` at `now_millis` that ends within `deadline_millis` (1..=600000): an iOS refresh
/// task passes what is left of its about 30 s. Otherwise as `dnp_prefetch` (whose deadline is
/// the core's default, 25 s).
///
/// # Safety
/// `result_out` and `error_out` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_prefetch_within(
    now_millis: i64,
    deadline_millis: i64,
    result_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> i32 {
    run_with_result(result_out, error_out, || {
        let f = runtime::current()?;
        json::prefetch_within(
            &f.fetcher,
            json::seconds_from_millis(now_millis),
            deadline_millis,
        )
    })
}

/// `acknowledgeDelivery`: `{"cursor": "<the prefetch result's cursor>"}` once its notification
/// was shown (or handed to the OS to show); out `{"cursor"}`, the stored cursor, which never
/// moves back. Until acknowledged, the next prefetch carries those changes again.
///
/// # Safety
/// `delivery_json` is NULL or a NUL-terminated string; `result_out` and `error_out` are NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_acknowledge_delivery(
    delivery_json: *const c_char,
    result_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> i32 {
    run_with_result(result_out, error_out, || {
        // SAFETY: per this function's contract.
        let input = unsafe { str_arg(delivery_json, "delivery_json") }?;
        json::acknowledge_delivery(&runtime::current()?.fetcher, input)
    })
}

/// `acquireToken` at `now_millis`: `{"token", "expiresAt"}`, the token for one request of the
/// host's own, its use recorded. The result holds a bearer token: free it promptly with
/// `dnp_string_free` and never log it.
///
/// # Safety
/// `result_out` and `error_out` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_acquire_token(
    now_millis: i64,
    result_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> i32 {
    run_with_result(result_out, error_out, || {
        let f = runtime::current()?;
        json::acquire_token(&f.fetcher, json::seconds_from_millis(now_millis))
    })
}

/// `clear`: deletes the store and asks the key wrapper to delete its key (logout).
///
/// # Safety
/// `error_out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_clear(error_out: *mut *mut c_char) -> i32 {
    run(error_out, || {
        json::clear(&runtime::current()?.fetcher).map(drop)
    })
}

/// The schedule's state machine: `{platform, zone, now, state, event}` in, `{state, actions,
/// status}` out (docs/core-contract.md, "Schedule"). Pure: it needs no `dnp_init` and touches no
/// store; the caller persists `state` and runs `actions`.
///
/// # Safety
/// `request_json` is NULL or a NUL-terminated string; `result_out` and `error_out` are NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_schedule(
    request_json: *const c_char,
    result_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> i32 {
    run_with_result(result_out, error_out, || {
        // SAFETY: per this function's contract.
        let input = unsafe { str_arg(request_json, "request_json") }?;
        json::schedule(input)
    })
}

/// Frees (after wiping) a string returned by this library. NULL is ignored.
///
/// # Safety
/// `s` is NULL or a string from this library not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dnp_string_free(s: *mut c_char) {
    // Freeing cannot panic in practice; the guard keeps the rule "nothing unwinds" absolute.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: per this function's contract.
        unsafe { boundary::free_string(s) }
    }));
}
