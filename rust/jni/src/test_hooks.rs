//! Natives of the test-only class `com.timesafari.dailynotification.NativeCoreTestHooks`
//! (tests/android), compiled only with the `test-hooks` feature. They reach the two paths no
//! public native can trigger on demand: a panic at the boundary, and a Java `KeyWrapper` called
//! from a thread that Rust started (not attached to the JVM until the call).

use daily_notification_core::{CoreError, ErrorCode, KeyWrapError, KeyWrapper};
use jni::objects::{JByteArray, JClass, JObject, JString};
use jni::sys::jboolean;
use jni::{EnvUnowned, jni_mangle};

use crate::boundary::{BridgeError, read_string, require_object, run};
use crate::java_key_wrapper::JavaKeyWrapper;

/// `static native void panic(String message)`: panics inside a native.
#[jni_mangle("com.timesafari.dailynotification.NativeCoreTestHooks")]
pub fn panic<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    message: JString<'local>,
) {
    run(&mut env, |env| -> Result<(), BridgeError> {
        let message = read_string(env, &message, "message")?;
        panic!("{message}");
    })
}

/// `static native byte[] wrapThenUnwrap(KeyWrapper w, byte[] key, boolean onRustThread)`: the
/// bridge's `KeyWrapper` over `w`, wrap then unwrap, on this thread or on a new Rust thread. Key
/// wrapper errors come back as `KEY_UNAVAILABLE` / `KEY_WRAPPER_FAILED`, as from the vault.
#[jni_mangle("com.timesafari.dailynotification.NativeCoreTestHooks")]
pub fn wrap_then_unwrap<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    wrapper: JObject<'local>,
    key: JByteArray<'local>,
    on_rust_thread: jboolean,
) -> JByteArray<'local> {
    run(&mut env, |env| {
        require_object(&wrapper, "wrapper")?;
        require_object(&key, "key")?;
        let key = env.convert_byte_array(&key)?;
        let wrapper = JavaKeyWrapper::new(env, &wrapper)?;
        let round_trip = move || -> Result<Vec<u8>, KeyWrapError> {
            let wrapped = wrapper.wrap(&key)?;
            Ok(wrapper.unwrap(&wrapped)?.to_vec())
        };
        let result = if on_rust_thread {
            std::thread::spawn(round_trip)
                .join()
                .map_err(|_| CoreError::new(ErrorCode::Internal, "the Rust thread panicked"))?
        } else {
            round_trip()
        };
        let plain = result.map_err(CoreError::from)?;
        Ok(env.byte_array_from_slice(&plain)?)
    })
}
