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
    /// Catches (and so clears) the exception a Java method threw and classifies it.
    fn from_call(env: &mut Env<'_>, e: jni::errors::Error) -> Self {
        if !matches!(e, jni::errors::Error::JavaException) {
            return Self::Jni(e);
        }
        match env.exception_catch() {
            Err(jni::errors::Error::CaughtJavaException {
                exception,
                name,
                msg,
                ..
            }) => {
                let text = format!("{}: {}", simple_name(&name), msg);
                let unavailable = is_unavailable(env, &exception).unwrap_or(false);
                Self::Wrapper(if unavailable {
                    KeyWrapError::Unavailable(text)
                } else {
                    KeyWrapError::Failed(text)
                })
            }
            Err(other) => Self::Jni(other),
            Ok(()) => Self::Jni(e),
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
