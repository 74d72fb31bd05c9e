//! What every `dnp_*` entry point does at the C boundary, in one place: clear the out pointers,
//! read C strings, catch panics, and turn a result into a status code plus a library-owned
//! string (`dnp_string_free`).

use std::ffi::{CStr, CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

use daily_notification_core::{CoreError, ErrorCode, json};
use zeroize::Zeroize;

use crate::status::{DNP_INTERNAL, DNP_OK, status_of};

pub(crate) fn invalid(message: impl Into<String>) -> CoreError {
    CoreError::new(ErrorCode::InvalidArgument, message)
}

/// A borrowed, UTF-8 view of a C string argument.
///
/// # Safety
/// `ptr` is null or points to a NUL-terminated string that outlives the call.
pub(crate) unsafe fn str_arg<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, CoreError> {
    if ptr.is_null() {
        return Err(invalid(format!("{name} is null")));
    }
    // SAFETY: non-null and NUL-terminated per the caller's contract.
    unsafe { CStr::from_ptr(ptr) }
        .to_str()
        .map_err(|_| invalid(format!("{name} is not valid UTF-8")))
}

/// Hands `text` to C. JSON from serde never holds a NUL (it escapes control characters), so the
/// fallback only guards against a future bug.
fn into_c(text: String) -> *mut c_char {
    match CString::new(text) {
        Ok(c) => c.into_raw(),
        Err(e) => {
            let mut bytes = e.into_vec();
            bytes.zeroize();
            CString::new(json::error_json(&CoreError::new(
                ErrorCode::Internal,
                "output contained a NUL byte",
            )))
            .map(CString::into_raw)
            .unwrap_or(std::ptr::null_mut())
        }
    }
}

/// # Safety
/// `out` is null or valid for one pointer write.
unsafe fn set(out: *mut *mut c_char, value: *mut c_char) {
    if !out.is_null() {
        // SAFETY: per the caller's contract.
        unsafe { out.write(value) };
    }
}

fn fail(error_out: *mut *mut c_char, e: &CoreError) -> i32 {
    // Only allocated when there is somewhere to put it: a caller passing NULL frees nothing.
    if !error_out.is_null() {
        // SAFETY: every entry point passes its caller's `error_out`, documented as null or
        // writable; checked non-null.
        unsafe { set(error_out, into_c(json::error_json(e))) };
    }
    status_of(e.code)
}

fn panicked(error_out: *mut *mut c_char) -> i32 {
    // The payload is not echoed: a message formatted from arguments could quote input.
    let e = CoreError::new(ErrorCode::Internal, "a panic was caught at the C boundary");
    fail(error_out, &e);
    DNP_INTERNAL
}

/// Replaces the default panic hook, which prints the payload to stderr (a message formatted from
/// arguments could quote a token; review n4), with one that prints only the place in the source.
/// The C library is the only Rust in the app that links it, so the hook is its own to set.
fn quiet_panics() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| match info.location() {
            Some(at) => eprintln!("daily-notification: panic at {}:{}", at.file(), at.line()),
            None => eprintln!("daily-notification: panic"),
        }));
    });
}

/// An operation with no result JSON.
pub(crate) fn run(error_out: *mut *mut c_char, op: impl FnOnce() -> Result<(), CoreError>) -> i32 {
    // SAFETY: documented in the header: `error_out` is null or writable.
    unsafe { set(error_out, std::ptr::null_mut()) };
    quiet_panics();
    match catch_unwind(AssertUnwindSafe(op)) {
        Ok(Ok(())) => DNP_OK,
        Ok(Err(e)) => fail(error_out, &e),
        Err(_) => panicked(error_out),
    }
}

/// An operation whose JSON result goes to `*result_out`. A null `result_out` is refused before
/// the operation runs, so nothing happens whose result the caller could not see.
pub(crate) fn run_with_result(
    result_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
    op: impl FnOnce() -> Result<String, CoreError>,
) -> i32 {
    // SAFETY: documented in the header: both are null or writable.
    unsafe {
        set(result_out, std::ptr::null_mut());
        set(error_out, std::ptr::null_mut());
    }
    if result_out.is_null() {
        return fail(error_out, &invalid("result_out is null"));
    }
    quiet_panics();
    match catch_unwind(AssertUnwindSafe(op)) {
        Ok(Ok(text)) => {
            // SAFETY: checked non-null above.
            unsafe { set(result_out, into_c(text)) };
            DNP_OK
        }
        Ok(Err(e)) => fail(error_out, &e),
        Err(_) => panicked(error_out),
    }
}

/// Frees a string made by `into_c`, wiping it first: results of `dnp_acquire_token` hold a token.
///
/// # Safety
/// `s` is null or came from this library and was not freed yet.
pub(crate) unsafe fn free_string(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: per the caller's contract, `s` came from `CString::into_raw`.
    let owned = unsafe { CString::from_raw(s) };
    let mut bytes = owned.into_bytes_with_nul();
    bytes.zeroize();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take(p: *mut c_char) -> String {
        assert!(!p.is_null());
        let s = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned();
        unsafe { free_string(p) };
        s
    }

    #[test]
    fn a_panic_becomes_internal_with_an_error_json_and_no_result() {
        let mut result = std::ptr::dangling_mut::<c_char>();
        let mut error = std::ptr::null_mut();
        let status = run_with_result(&mut result, &mut error, || panic!("secret-ish input"));
        assert_eq!(status, DNP_INTERNAL);
        assert!(result.is_null());
        let e = take(error);
        assert!(e.contains("\"INTERNAL\""), "{e}");
        assert!(!e.contains("secret-ish"), "{e}");
    }

    const CHILD: &str = "DNP_FFI_PANIC_CHILD";
    const PAYLOAD: &str = "eyJhbGciOiJFUzI1NksifQ.eyJpc3MiOiJzZWNyZXQifQ";

    /// Runs in a child process only (see below): a panic whose message carries a token.
    #[test]
    fn panic_child() {
        if std::env::var_os(CHILD).is_some() {
            let status = run(std::ptr::null_mut(), || panic!("bad input {PAYLOAD}"));
            assert_eq!(status, DNP_INTERNAL);
        }
    }

    /// What the process prints for a caught panic: its place, never its payload (the default
    /// hook prints the payload to stderr, which an iOS device log keeps).
    #[test]
    fn a_caught_panic_prints_its_place_and_not_its_payload() {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "boundary::tests::panic_child", "--nocapture"])
            .env(CHILD, "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(stderr.contains("daily-notification: panic at"), "{stderr}");
        assert!(!stderr.contains("eyJ"), "{stderr}");
    }

    #[test]
    fn a_panic_in_an_operation_without_result_is_caught_too() {
        let status = run(std::ptr::null_mut(), || panic!("boom"));
        assert_eq!(status, DNP_INTERNAL);
    }

    #[test]
    fn a_null_result_out_is_refused_before_the_operation_runs() {
        let mut ran = false;
        let mut error = std::ptr::null_mut();
        let status = run_with_result(std::ptr::null_mut(), &mut error, || {
            ran = true;
            Ok("{}".into())
        });
        assert_eq!(status, crate::status::DNP_INVALID_ARGUMENT);
        assert!(!ran);
        assert!(take(error).contains("result_out"));
    }

    #[test]
    fn a_failure_with_a_null_error_out_only_returns_the_status() {
        let status = run(std::ptr::null_mut(), || Err(invalid("x")));
        assert_eq!(status, crate::status::DNP_INVALID_ARGUMENT);
    }

    #[test]
    fn null_and_non_utf8_strings_are_invalid_arguments() {
        let e = unsafe { str_arg(std::ptr::null(), "x") }.unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument);
        let bad = [0xffu8, 0xfe, 0];
        let e = unsafe { str_arg(bad.as_ptr().cast(), "y") }.unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument);
        assert!(e.message.contains("UTF-8"));
    }
}
