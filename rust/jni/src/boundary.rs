//! The boundary between Java and Rust: how every native runs, and how a core error, a JNI error or
//! a panic becomes a `NativeCoreException(code, message, dataJson)` with the core's stable code
//! (and its `data`, e.g. the rejections of `NO_USABLE_TOKENS`). Nothing
//! unwinds into the JVM, and no native returns with any other Java exception pending.

use std::any::Any;

use daily_notification_core::{CoreError, ErrorCode};
use jni::errors::ErrorPolicy;
use jni::objects::{JObject, JString, JThrowable, JValue};
use jni::{Env, EnvUnowned, jni_sig, jni_str};

/// Why a native failed.
#[derive(Debug)]
pub(crate) enum BridgeError {
    Core(CoreError),
    Jni(jni::errors::Error),
}

impl From<CoreError> for BridgeError {
    fn from(e: CoreError) -> Self {
        Self::Core(e)
    }
}

impl From<jni::errors::Error> for BridgeError {
    fn from(e: jni::errors::Error) -> Self {
        Self::Jni(e)
    }
}

impl BridgeError {
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::Core(CoreError::new(ErrorCode::InvalidArgument, message))
    }

    fn code(&self) -> ErrorCode {
        match self {
            Self::Core(e) => e.code,
            Self::Jni(_) => ErrorCode::Internal,
        }
    }

    fn message(&self) -> String {
        match self {
            Self::Core(e) => e.message.clone(),
            Self::Jni(e) => format!("JNI failure: {}", first_line(&e.to_string())),
        }
    }

    /// The error's details as JSON text (indices and reason codes, never a token).
    fn data_json(&self) -> Option<String> {
        match self {
            Self::Core(e) => e.data.as_ref().map(|d| d.to_string()),
            Self::Jni(_) => None,
        }
    }
}

/// Runs one native: `f` gets the `Env`, its error or panic is thrown as a `NativeCoreException`
/// and the native returns `T::default()` (null, 0) to Java, which sees only the exception.
pub(crate) fn run<'local, T: Default>(
    env: &mut EnvUnowned<'local>,
    f: impl FnOnce(&mut Env<'local>) -> Result<T, BridgeError>,
) -> T {
    env.with_env(|env| {
        crate::runtime::ensure(env)?;
        f(env)
    })
    .resolve::<ThrowNativeCoreException>()
}

/// The Java string argument `what`; null is an `INVALID_ARGUMENT`, not a crash.
pub(crate) fn read_string(
    env: &Env<'_>,
    value: &JString<'_>,
    what: &str,
) -> Result<String, BridgeError> {
    if value.is_null() {
        return Err(BridgeError::invalid(format!("{what} must not be null")));
    }
    Ok(value.try_to_string(env)?)
}

pub(crate) fn require_object(value: &JObject<'_>, what: &str) -> Result<(), BridgeError> {
    if value.is_null() {
        return Err(BridgeError::invalid(format!("{what} must not be null")));
    }
    Ok(())
}

struct ThrowNativeCoreException;

/// What Java and logcat see of a caught panic: no part of its payload.
pub(crate) const PANIC_MESSAGE: &str =
    "internal error (a bug): a panic was caught at the JNI boundary";

impl<T: Default> ErrorPolicy<T, BridgeError> for ThrowNativeCoreException {
    type Captures<'unowned_env_local: 'native_method, 'native_method> = ();

    fn on_error<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _captures: &mut (),
        err: BridgeError,
    ) -> jni::errors::Result<T> {
        let (code, message) = (err.code(), err.message());
        if code == ErrorCode::Internal {
            log::error!("{code}: {message}");
        } else {
            log::warn!("{code}: {message}");
        }
        throw(env, code, &message, err.data_json().as_deref());
        Ok(T::default())
    }

    fn on_panic<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _captures: &mut (),
        payload: Box<dyn Any + Send + 'static>,
    ) -> jni::errors::Result<T> {
        // The payload is not echoed, as at the C boundary: a panic message formatted from
        // arguments (str slicing quotes its input) could carry a token.
        drop(payload);
        log::error!("{PANIC_MESSAGE}");
        throw(env, ErrorCode::Internal, PANIC_MESSAGE, None);
        Ok(T::default())
    }
}

/// Throws `NativeCoreException(code, message, dataJson)`. A Java exception left pending by a failed
/// JNI call is cleared first: the caller sees one exception, with a code. If even constructing ours
/// fails (out of memory), a plain `RuntimeException` is the last resort.
fn throw(env: &mut Env<'_>, code: ErrorCode, message: &str, data_json: Option<&str>) {
    if env.exception_check() {
        env.exception_clear();
    }
    let thrown = (|| -> jni::errors::Result<()> {
        let runtime = crate::runtime::get().ok_or(jni::errors::Error::NullPtr("runtime"))?;
        let code = env.new_string(code.as_str())?;
        let text = env.new_string(message)?;
        let data = match data_json {
            Some(d) => env.new_string(d)?,
            None => JString::null(),
        };
        let exception = env.new_object(
            &runtime.exception_class,
            jni_sig!((code: JString, message: JString, data: JString) -> void),
            &[
                JValue::Object(&code),
                JValue::Object(&text),
                JValue::Object(&data),
            ],
        )?;
        let exception = env.cast_local::<JThrowable>(exception)?;
        env.throw(exception)
    })();
    match thrown {
        Err(jni::errors::Error::JavaException) if env.exception_check() => {}
        _ => {
            env.exception_clear();
            let _ = env.throw_new(
                jni_str!("java/lang/RuntimeException"),
                jni_str!("DailyNotification: cannot throw NativeCoreException"),
            );
        }
    }
}

fn first_line(text: &str) -> String {
    truncate(text.lines().next().unwrap_or(""), 300)
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_their_code_and_jni_errors_are_internal() {
        let e = BridgeError::from(CoreError::new(ErrorCode::NoToken, "nothing left"));
        assert_eq!(
            (e.code(), e.message().as_str()),
            (ErrorCode::NoToken, "nothing left")
        );
        let e = BridgeError::from(jni::errors::Error::WrongObjectType);
        assert_eq!(e.code(), ErrorCode::Internal);
        assert!(e.message().starts_with("JNI failure: "));
        assert_eq!(BridgeError::invalid("x").code(), ErrorCode::InvalidArgument);
        let with_data = BridgeError::from(
            CoreError::new(ErrorCode::NoUsableTokens, "none")
                .with_data(serde_json::json!({"rejected": [{"index": 0, "reason": "EXPIRED"}]})),
        );
        assert_eq!(
            with_data.data_json().as_deref(),
            Some(r#"{"rejected":[{"index":0,"reason":"EXPIRED"}]}"#)
        );
        assert_eq!(BridgeError::invalid("x").data_json(), None);
    }

    #[test]
    fn the_panic_message_is_fixed_text() {
        assert!(!PANIC_MESSAGE.contains('{'));
        assert_eq!(
            truncate(&"é".repeat(1000), 300).chars().count(),
            301,
            "JNI error texts stay bounded"
        );
    }
}
