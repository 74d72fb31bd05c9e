//! The Java runtime as the bridge sees it: the JavaVM and the `NativeCoreException` class, cached as
//! global references by the first native call so that error paths never look a class up again.

use std::sync::OnceLock;

use jni::objects::{Global, JClass};
use jni::vm::JavaVM;
use jni::{Env, jni_str};

pub(crate) struct Runtime {
    pub(crate) vm: JavaVM,
    pub(crate) exception_class: Global<JClass<'static>>,
}

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// Called at the start of every native. `FindClass` from a native method resolves through the
/// class loader of the class declaring it, which is the app's loader (a class lookup from a thread
/// Rust attached itself would only see the system loader on Android).
pub(crate) fn ensure(env: &mut Env<'_>) -> jni::errors::Result<&'static Runtime> {
    if let Some(runtime) = RUNTIME.get() {
        return Ok(runtime);
    }
    crate::platform::init_logging();
    let class = env.find_class(jni_str!(
        "com/timesafari/dailynotification/NativeCoreException"
    ))?;
    let runtime = Runtime {
        vm: env.get_java_vm()?,
        exception_class: env.new_global_ref(class)?,
    };
    // Two first calls may race; the loser's references are simply dropped.
    Ok(RUNTIME.get_or_init(|| runtime))
}

pub(crate) fn get() -> Option<&'static Runtime> {
    RUNTIME.get()
}
