//! The natives of `com.timesafari.dailynotification.NativeCore`. Each one decodes its arguments,
//! calls the core's JSON facade on the installed fetcher and encodes the answer; every failure
//! leaves through `boundary::run` as a `NativeCoreException`. The Java declarations are checked
//! against these exports by tests/android (NativeSymbolsTest).

use std::path::PathBuf;

use daily_notification_core::{CoreError, Fetcher, clock, json};
use jni::objects::{JClass, JObject, JString};
use jni::sys::jlong;
use jni::{EnvUnowned, jni_mangle};
use zeroize::Zeroizing;

use crate::boundary::{BridgeError, read_string, require_object, run};
use crate::installed;
use crate::java_key_wrapper::JavaKeyWrapper;

/// `static native void init(Context context, String storeDir, KeyWrapper keyWrapper)`.
/// Again with the same directory: nothing happens. With another: the new fetcher replaces the old.
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn init<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    context: JObject<'local>,
    store_dir: JString<'local>,
    key_wrapper: JObject<'local>,
) {
    run(&mut env, |env| {
        let dir = read_string(env, &store_dir, "storeDir")?;
        if dir.is_empty() {
            return Err(BridgeError::invalid("storeDir must not be empty"));
        }
        require_object(&key_wrapper, "keyWrapper")?;
        crate::platform::init_with_context(env, &context)?;
        let dir = PathBuf::from(dir);
        let wrapper = JavaKeyWrapper::new(env, &key_wrapper)?;
        if installed::install(&dir, || Fetcher::open(&dir, Box::new(wrapper)))? {
            log::info!("native fetcher opened over {}", dir.display());
        }
        Ok(())
    })
}

/// Runs `op` on the installed fetcher with `input` (a Java string, `what` in errors; `None` for
/// natives without one) and hands its JSON answer to Java. The Rust copies of both are wiped
/// afterwards: `configure`'s input and `acquireToken`'s answer hold tokens.
fn answer<'local>(
    env: &mut EnvUnowned<'local>,
    input: Option<(&JString<'local>, &str)>,
    op: impl FnOnce(&Fetcher, &str) -> Result<String, CoreError>,
) -> JString<'local> {
    run(env, |env| {
        let input = Zeroizing::new(match input {
            Some((value, what)) => read_string(env, value, what)?,
            None => String::new(),
        });
        let fetcher = installed::current()?;
        let out = Zeroizing::new(op(&fetcher, &input)?);
        Ok(JString::from_str(env, out.as_str())?)
    })
}

/// `static native String configure(String optionsJson)` → `ConfigureResult`.
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn configure<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    options: JString<'local>,
) -> JString<'local> {
    answer(&mut env, Some((&options, "options")), |f, options| {
        json::configure(f, options, clock::now())
    })
}

/// `static native String updateStarredPlans(String planIdsJson)` → `{"planIds": [...]}`.
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn update_starred_plans<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    plan_ids: JString<'local>,
) -> JString<'local> {
    answer(
        &mut env,
        Some((&plan_ids, "planIds")),
        json::update_starred_plans,
    )
}

/// `static native String getStarredPlans()` → `{"planIds": [...]}`.
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn get_starred_plans<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
) -> JString<'local> {
    answer(&mut env, None, |f, _| json::starred_plans(f))
}

/// `static native String importLegacyStarredPlans(String legacyJson)` → `LegacyImport`: the old
/// plugin's stored starred plan ids, imported when the plugin has none.
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn import_legacy_starred_plans<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    legacy: JString<'local>,
) -> JString<'local> {
    answer(
        &mut env,
        Some((&legacy, "legacy")),
        json::import_legacy_starred_plans,
    )
}

/// `static native String status()` → `Status`.
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn status<'local>(mut env: EnvUnowned<'local>, _class: JClass<'local>) -> JString<'local> {
    answer(&mut env, None, |f, _| json::status(f, clock::now()))
}

/// `static native String diagnose(String factsJson)` → the verdict of `getDiagnostics` with the
/// core's status (`json::diagnose`): the platform's facts in, "will it come, why not" out.
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn diagnose<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    facts: JString<'local>,
) -> JString<'local> {
    answer(&mut env, Some((&facts, "facts")), |f, input| {
        json::diagnose(f, input, clock::now())
    })
}

/// `static native String prefetch(long nowMillis)` → `PrefetchResult`.
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn prefetch<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    now_millis: jlong,
) -> JString<'local> {
    answer(&mut env, None, |f, _| {
        json::prefetch(f, json::seconds_from_millis(now_millis))
    })
}

/// `static native String prefetchWithin(long nowMillis, long deadlineMillis)` → `PrefetchResult`:
/// a prefetch that ends within the caller's deadline (an alarm-started run has seconds, a job
/// minutes).
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn prefetch_within<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    now_millis: jlong,
    deadline_millis: jlong,
) -> JString<'local> {
    answer(&mut env, None, |f, _| {
        json::prefetch_within(f, json::seconds_from_millis(now_millis), deadline_millis)
    })
}

/// `static native String acknowledgeDelivery(String deliveryJson)`: `{"cursor"}` of the
/// notification that was shown → `{"cursor"}` now stored.
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn acknowledge_delivery<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    delivery: JString<'local>,
) -> JString<'local> {
    answer(
        &mut env,
        Some((&delivery, "delivery")),
        json::acknowledge_delivery,
    )
}

/// `static native String acquireToken(long nowMillis)` → `{"token", "expiresAt"}`: the token for
/// one request made by the host's own fetcher, under the same policy as `prefetch`.
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn acquire_token<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    now_millis: jlong,
) -> JString<'local> {
    answer(&mut env, None, |f, _| {
        json::acquire_token(f, json::seconds_from_millis(now_millis))
    })
}

/// `static native void clear()`: deletes the store and the wrapping key (logout).
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn clear<'local>(mut env: EnvUnowned<'local>, _class: JClass<'local>) {
    run(&mut env, |_env| {
        let fetcher = installed::current()?;
        json::clear(&fetcher)?;
        Ok(())
    })
}

/// `static native void setHttpSettings(String settingsJson)` (advanced: timeouts and extra trusted
/// PEM roots, e.g. a test server's CA). Kept for fetchers that a later `init` installs.
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn set_http_settings<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    settings: JString<'local>,
) {
    run(&mut env, |env| {
        let settings = read_string(env, &settings, "settings")?;
        installed::set_http_settings(&settings)?;
        Ok(())
    })
}

/// `static native String schedule(String requestJson)` → `{state, actions, status}` (the
/// schedule's state machine, docs/core-contract.md "Schedule"). Pure: needs no `init`.
#[jni_mangle("com.timesafari.dailynotification.NativeCore")]
pub fn schedule<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    request: JString<'local>,
) -> JString<'local> {
    run(&mut env, |env| {
        let request = read_string(env, &request, "request")?;
        let out = json::schedule(&request)?;
        Ok(JString::from_str(env, out.as_str())?)
    })
}
