//! The platform key wrapper as C callbacks (`DnpKeyWrapper`), adapted to the core's `KeyWrapper`.
//! On iOS the callbacks keep the data key in the Keychain; the C tests use an in-memory one.

use std::ffi::c_void;

use daily_notification_core::{KeyWrapError, KeyWrapper};
use zeroize::Zeroizing;

/// The callback succeeded.
pub const DNP_KEY_CALLBACK_OK: i32 = 0;
/// The key is gone or can no longer decrypt (deleted, invalidated): the store needs a new
/// configure. Report this only when the key is really lost, not for a transient failure.
pub const DNP_KEY_CALLBACK_UNAVAILABLE: i32 = 1;
/// Any other failure (also any unknown return value), e.g. the device is locked.
pub const DNP_KEY_CALLBACK_FAILED: i32 = 2;
/// Size of the output buffer the library passes to `wrap` and `unwrap`.
pub const DNP_KEY_OUTPUT_CAPACITY: usize = 4096;

/// `wrap` and `unwrap`: transform `input[0..input_len]` into `output[0..output_capacity]` and
/// store the number of bytes written in `*output_len`. All buffers belong to the library and are
/// valid only during the call; the library wipes `output` after copying it.
pub type DnpKeyTransformFn = Option<
    unsafe extern "C" fn(
        context: *mut c_void,
        input: *const u8,
        input_len: usize,
        output: *mut u8,
        output_capacity: usize,
        output_len: *mut usize,
    ) -> i32,
>;

/// Deletes the wrapping key (logout). Deleting a key that does not exist is `DNP_KEY_CALLBACK_OK`.
pub type DnpKeyDeleteFn = Option<unsafe extern "C" fn(context: *mut c_void) -> i32>;

/// Called exactly once when the library no longer needs `context`.
pub type DnpKeyReleaseFn = Option<unsafe extern "C" fn(context: *mut c_void)>;

/// A platform key wrapper given to `dnp_init`.
///
/// Ownership: `dnp_init` takes the wrapper in every case and calls `release(context)` exactly
/// once when it is done with it: at once when `dnp_init` fails or is a no-op (same directory),
/// otherwise when a later `dnp_init` replaces it or `dnp_shutdown` runs (after any call still
/// using it returns). `release` may be NULL when there is nothing to release.
///
/// Threads: the callbacks may be called from any thread that calls a `dnp_` function, and from
/// several at once; they must be thread-safe. They must not call back into the library.
#[repr(C)]
pub struct DnpKeyWrapper {
    /// Passed to every callback; opaque to the library.
    pub context: *mut c_void,
    /// Required: the 32-byte data key in, its wrapped (or stored-key reference) form out.
    pub wrap: DnpKeyTransformFn,
    /// Required: the wrapped form in, the 32-byte data key out.
    pub unwrap: DnpKeyTransformFn,
    /// Required.
    pub delete_key: DnpKeyDeleteFn,
    /// Optional (NULL).
    pub release: DnpKeyReleaseFn,
}

/// Owns a `DnpKeyWrapper` from the moment `dnp_init` receives it, so that every path, including
/// a refused one, releases the context exactly once.
pub(crate) struct CallbackKeyWrapper {
    raw: DnpKeyWrapper,
}

// SAFETY: the header requires the callbacks to be thread-safe for the context they receive;
// the struct itself is only read after construction.
unsafe impl Send for CallbackKeyWrapper {}
// SAFETY: as above.
unsafe impl Sync for CallbackKeyWrapper {}

impl CallbackKeyWrapper {
    pub(crate) fn new(raw: DnpKeyWrapper) -> Self {
        Self { raw }
    }

    /// The missing callbacks, if any, by name.
    pub(crate) fn missing_callbacks(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.raw.wrap.is_none() {
            missing.push("wrap");
        }
        if self.raw.unwrap.is_none() {
            missing.push("unwrap");
        }
        if self.raw.delete_key.is_none() {
            missing.push("delete_key");
        }
        missing
    }

    fn transform(
        &self,
        f: DnpKeyTransformFn,
        what: &str,
        input: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeyWrapError> {
        let f = f.ok_or_else(|| KeyWrapError::Failed(format!("no {what} callback")))?;
        let mut out = Zeroizing::new(vec![0u8; DNP_KEY_OUTPUT_CAPACITY]);
        let mut len = 0usize;
        // SAFETY: the buffers are valid for the lengths given for the duration of the call, and
        // the callee's contract (header) bounds what it may write.
        let rc = unsafe {
            f(
                self.raw.context,
                input.as_ptr(),
                input.len(),
                out.as_mut_ptr(),
                out.len(),
                &mut len,
            )
        };
        check(rc, what)?;
        if len == 0 || len > DNP_KEY_OUTPUT_CAPACITY {
            return Err(KeyWrapError::Failed(format!(
                "the {what} callback reported {len} output bytes (1 to {DNP_KEY_OUTPUT_CAPACITY} allowed)"
            )));
        }
        out.truncate(len);
        Ok(out)
    }
}

fn check(rc: i32, what: &str) -> Result<(), KeyWrapError> {
    match rc {
        DNP_KEY_CALLBACK_OK => Ok(()),
        DNP_KEY_CALLBACK_UNAVAILABLE => Err(KeyWrapError::Unavailable(format!(
            "the platform key store reports the key unavailable ({what})"
        ))),
        other => Err(KeyWrapError::Failed(format!(
            "the platform key store failed ({what}, status {other})"
        ))),
    }
}

impl KeyWrapper for CallbackKeyWrapper {
    fn wrap(&self, data_key: &[u8]) -> Result<Vec<u8>, KeyWrapError> {
        // The wrapped form is not secret; the copy leaves the wiping buffer behind.
        self.transform(self.raw.wrap, "wrap", data_key)
            .map(|w| w.to_vec())
    }

    fn unwrap(&self, wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyWrapError> {
        self.transform(self.raw.unwrap, "unwrap", wrapped)
    }

    fn delete(&self) -> Result<(), KeyWrapError> {
        let f = self
            .raw
            .delete_key
            .ok_or_else(|| KeyWrapError::Failed("no delete_key callback".into()))?;
        // SAFETY: the context is the one the caller gave with this callback.
        check(unsafe { f(self.raw.context) }, "delete")
    }
}

impl Drop for CallbackKeyWrapper {
    fn drop(&mut self) {
        if let Some(release) = self.raw.release {
            // SAFETY: called once, here, per the ownership rule of `DnpKeyWrapper`.
            unsafe { release(self.raw.context) };
        }
    }
}
