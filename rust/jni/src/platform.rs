//! Android-only start-up: logcat through `android_logger` (tag `DailyNotification`) and the
//! platform certificate verifier that reqwest's rustls uses, which must be handed the application
//! Context before the first HTTPS request. On other targets both are no-ops, so the host build
//! used by the Java tests runs the same natives.

use jni::Env;
use jni::objects::JObject;

/// Logcat for the `log` records of the bridge and the core. Every record is token-free by
/// construction (the core logs counts, codes and fingerprints only).
pub(crate) fn init_logging() {
    #[cfg(target_os = "android")]
    {
        android_logger::init_once(
            android_logger::Config::default()
                .with_tag("DailyNotification")
                .with_max_level(log::LevelFilter::Info),
        );
        // An app's stderr goes nowhere on Android: report panics (caught at the boundary and
        // thrown as INTERNAL) in logcat with their place in the source only. The payload is not
        // logged: a message formatted from arguments (str slicing quotes its input) could carry
        // a token, and logcat is readable by other tools.
        static PANIC_HOOK: std::sync::Once = std::sync::Once::new();
        PANIC_HOOK.call_once(|| {
            std::panic::set_hook(Box::new(|info| match info.location() {
                Some(at) => log::error!("panic at {}:{}", at.file(), at.line()),
                None => log::error!("panic"),
            }));
        });
    }
}

/// Initialises rustls-platform-verifier with the application Context (once per process; later
/// calls are no-ops inside the crate). The app must also ship the verifier's small Java part: see
/// docs/android-build.md.
#[cfg(target_os = "android")]
pub(crate) fn init_with_context(
    env: &mut Env<'_>,
    context: &JObject<'_>,
) -> Result<(), crate::boundary::BridgeError> {
    crate::boundary::require_object(context, "context")?;
    let context = env.new_local_ref(context)?;
    rustls_platform_verifier::android::init_with_env(env, context)?;
    Ok(())
}

/// Off Android the Context is not needed (and may be null): the verifier uses the OS trust store.
#[cfg(not(target_os = "android"))]
pub(crate) fn init_with_context(
    _env: &mut Env<'_>,
    _context: &JObject<'_>,
) -> Result<(), crate::boundary::BridgeError> {
    Ok(())
}
