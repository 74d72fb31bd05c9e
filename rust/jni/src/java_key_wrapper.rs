//! The core's `KeyWrapper` over the Java `com.timesafari.dailynotification.KeyWrapper` object given
//! to `NativeCore.init` (on Android, `KeystoreKeyWrapper`). The vault calls it from whatever thread
//! runs the operation: a Java thread inside a native, or a thread Rust started, which is attached
//! here and stays attached until it exits (cheap on the next call).

use daily_notification_core::{KeyWrapError, KeyWrapper};
use jni::objects::{Global, JByteArray, JObject, JThrowable, JValue};
use jni::strings::JNIStr;
use jni::vm::JavaVM;
use jni::{Env, jni_sig, jni_str};
use zeroize::Zeroizing;

/// Java exceptions (or subclasses) that mean the key is gone or invalidated: the data key is lost
/// and the store needs a new configure. Any other exception is a `Failed`.
const UNAVAILABLE: &[&str] = &[
    "com.timesafari.dailynotification.KeyWrapper$KeyUnavailableException",
    "android.security.keystore.KeyPermanentlyInvalidatedException",
    "java.security.UnrecoverableKeyException",
    "javax.crypto.AEADBadTagException",
];

pub(crate) struct JavaKeyWrapper {
    vm: JavaVM,
    object: Global<JObject<'static>>,
}

impl JavaKeyWrapper {
    pub(crate) fn new(env: &mut Env<'_>, object: &JObject<'_>) -> jni::errors::Result<Self> {
        Ok(Self {
            vm: crate::runtime::ensure(env)?.vm.clone(),
            object: env.new_global_ref(object)?,
        })
    }

    /// Calls `byte[] method(byte[])`. Both arrays are zeroed on the Java side once copied: they
    /// hold the data key in clear (as input of `wrap`, as output of `unwrap`).
    fn call_bytes(
        &self,
        method: &'static JNIStr,
        input: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeyWrapError> {
        self.vm
            .attach_current_thread(|env| -> Result<_, CallError> {
                let arg = env.byte_array_from_slice(input)?;
                let returned = env.call_method(
                    &self.object,
                    method,
                    jni_sig!((input: jbyte[]) -> jbyte[]),
                    &[JValue::Object(&arg)],
                );
                // `from_call` takes any pending Java exception first: JNI refuses to touch the
                // array while one is pending, and the array must be wiped whatever happened.
                let returned = returned.map_err(|e| CallError::from_call(env, e));
                let _ = zero(env, &arg);
                let returned = returned?.l()?;
                if returned.is_null() {
                    return Err(CallError::Wrapper(KeyWrapError::Failed(format!(
                        "KeyWrapper.{} returned null",
                        method.to_str()
                    ))));
                }
                let returned = env.cast_local::<JByteArray>(returned)?;
                let bytes = Zeroizing::new(env.convert_byte_array(&returned)?);
                let _ = zero(env, &returned);
                Ok(bytes)
            })
            .map_err(CallError::into_key_wrap_error)
    }
}

impl KeyWrapper for JavaKeyWrapper {
    fn wrap(&self, data_key: &[u8]) -> Result<Vec<u8>, KeyWrapError> {
        self.call_bytes(jni_str!("wrap"), data_key)
            .map(|wrapped| wrapped.to_vec())
    }

    fn unwrap(&self, wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyWrapError> {
        self.call_bytes(jni_str!("unwrap"), wrapped)
    }

    fn delete(&self) -> Result<(), KeyWrapError> {
        self.vm
            .attach_current_thread(|env| -> Result<(), CallError> {
                env.call_method(&self.object, jni_str!("delete"), jni_sig!(() -> void), &[])
                    .map_err(|e| CallError::from_call(env, e))?;
                Ok(())
            })
            .map_err(CallError::into_key_wrap_error)
    }
}

fn zero(env: &mut Env<'_>, array: &JByteArray<'_>) -> jni::errors::Result<()> {
    let len = array.len(env)?;
    array.set_region(env, 0, &vec![0i8; len])
}

/// A failed call into Java: either the wrapper's own answer or a JNI failure.
enum CallError {
    Wrapper(KeyWrapError),
    Jni(jni::errors::Error),
}

impl From<jni::errors::Error> for CallError {
    fn from(e: jni::errors::Error) -> Self {
        Self::Jni(e)
    }
}

impl CallError {
    /// Takes (and so clears) the exception a Java method threw and classifies it by its class and
    /// message alone. Not `Env::exception_catch`: that also walks the whole stack trace, two local
    /// references per frame, which `-Xcheck:jni` reports as "local refs exceeds capacity" and ART
    /// does for nothing. Everything read here lives in one small local frame, popped on return.
    fn from_call(env: &mut Env<'_>, e: jni::errors::Error) -> Self {
        if !matches!(e, jni::errors::Error::JavaException) {
            return Self::Jni(e);
        }
        let read = env.with_local_frame(
            EXCEPTION_FRAME,
            |env| -> jni::errors::Result<Option<(String, bool)>> {
                let Some(exception) = env.exception_occurred() else {
                    return Ok(None);
                };
                env.exception_clear();
                let text = exception_text(env, &exception)?;
                let unavailable = is_unavailable(env, &exception).unwrap_or(false);
                Ok(Some((text, unavailable)))
            },
        );
        match read {
            Ok(Some((text, true))) => Self::Wrapper(KeyWrapError::Unavailable(text)),
            Ok(Some((text, false))) => Self::Wrapper(KeyWrapError::Failed(text)),
            Ok(None) => Self::Jni(e),
            Err(other) => {
                // Whatever failed while reading, nothing may stay pending.
                env.exception_clear();
                Self::Jni(other)
            }
        }
    }

    fn into_key_wrap_error(self) -> KeyWrapError {
        match self {
            Self::Wrapper(e) => e,
            // The attach guard has already caught and cleared any exception left behind.
            Self::Jni(e) => KeyWrapError::Failed(format!(
                "JNI failure calling KeyWrapper: {}",
                e.to_string().lines().next().unwrap_or("")
            )),
        }
    }
}

/// Local references `from_call` needs: the exception, its class and name, the message, and the
/// superclasses `is_unavailable` walks (each one's class and name; Java exceptions nest a handful
/// deep). The frame grows if a hierarchy is deeper; this only sizes the first allocation.
const EXCEPTION_FRAME: usize = 24;

/// "SimpleClassName: message" (the message may be null). No stack trace.
fn exception_text(env: &mut Env<'_>, exception: &JThrowable<'_>) -> jni::errors::Result<String> {
    let name = env
        .get_object_class(exception)?
        .get_name(env)?
        .try_to_string(env)?;
    let message = exception.get_message(env)?;
    let message = if message.is_null() {
        String::new()
    } else {
        message.try_to_string(env)?
    };
    Ok(format!("{}: {}", simple_name(&name), message))
}

/// Whether the exception's class or one of its superclasses is in `UNAVAILABLE`. Walking names
/// needs no class loading, so an Android-only class name costs nothing on a host JVM.
fn is_unavailable(env: &mut Env<'_>, exception: &JThrowable<'_>) -> jni::errors::Result<bool> {
    let mut class = Some(env.get_object_class(exception)?);
    while let Some(c) = class {
        let name = c.get_name(env)?.try_to_string(env)?;
        if UNAVAILABLE.contains(&name.as_str()) {
            return Ok(true);
        }
        class = env.get_superclass(&c)?;
    }
    Ok(false)
}

fn simple_name(name: &str) -> &str {
    name.rsplit(['.', '$']).next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_name_drops_package_and_outer_class() {
        assert_eq!(
            simple_name("com.timesafari.dailynotification.KeyWrapper$KeyUnavailableException"),
            "KeyUnavailableException"
        );
        assert_eq!(simple_name("Plain"), "Plain");
    }
}
