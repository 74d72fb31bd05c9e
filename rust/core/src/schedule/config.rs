//! Validation of the scheduling methods' options, with the codes and messages every platform
//! shows (the web's copy, src-ts/schedule-validation.ts, is held to the same by
//! tests/vectors/schedule.json). A message names the field, never its value.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::daily::DailyTime;
use crate::error::{CoreError, ErrorCode, Result};

/// How late a prefetch may still deliver to its occurrence when `contentTimeout` is absent.
pub const DEFAULT_CONTENT_TIMEOUT_MILLIS: i64 = 30 * 60 * 1000;
/// A prefetch serves at most the day of its occurrence: beyond, it would be the next day's.
pub const MAX_CONTENT_TIMEOUT_MILLIS: i64 = 24 * 60 * 60 * 1000;
/// The reminder id when `scheduleDailyNotification` has none (the old plugin's).
pub const DEFAULT_REMINDER_ID: &str = "daily_timesafari_reminder";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FallbackBehavior {
    Skip,
    ShowDefault,
}

/// A daily time serialized as its canonical cron text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Cron(pub DailyTime);

impl From<Cron> for String {
    fn from(c: Cron) -> String {
        c.0.cron()
    }
}

impl TryFrom<String> for Cron {
    type Error = &'static str;
    fn try_from(s: String) -> std::result::Result<Self, Self::Error> {
        DailyTime::from_cron(&s)
            .map(Cron)
            .ok_or("not a daily cron expression")
    }
}

/// A daily time serialized as "HH:MM".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct HhMm(pub DailyTime);

impl From<HhMm> for String {
    fn from(t: HhMm) -> String {
        t.0.hhmm()
    }
}

impl TryFrom<String> for HhMm {
    type Error = &'static str;
    fn try_from(s: String) -> std::result::Result<Self, Self::Error> {
        DailyTime::from_hhmm(&s).map(HhMm).ok_or("not HH:MM")
    }
}

/// A validated `DualScheduleConfiguration`, every default filled in. Serialized in the
/// JavaScript shape: this is what `getDualScheduleStatus` reports as `config`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DualConfig {
    pub content_fetch: ContentFetch,
    pub user_notification: UserNotification,
    pub relationship: Relationship,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentFetch {
    pub enabled: bool,
    pub schedule: Cron,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserNotification {
    pub schedule: Cron,
    pub title: String,
    pub body: String,
    pub sound: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Relationship {
    pub content_timeout: i64,
    pub fallback_behavior: FallbackBehavior,
}

impl DualConfig {
    pub fn fetch_time(&self) -> DailyTime {
        self.content_fetch.schedule.0
    }
    pub fn notify_time(&self) -> DailyTime {
        self.user_notification.schedule.0
    }
    pub fn timeout(&self) -> i64 {
        self.relationship.content_timeout
    }
    pub fn show_default(&self) -> bool {
        self.relationship.fallback_behavior == FallbackBehavior::ShowDefault
    }
}

/// A validated `scheduleDailyNotification` reminder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub id: String,
    pub time: HhMm,
    pub title: String,
    pub body: String,
    pub sound: bool,
}

fn invalid(message: impl Into<String>) -> CoreError {
    CoreError::new(ErrorCode::InvalidArgument, message)
}

fn unsupported(message: impl Into<String>) -> CoreError {
    CoreError::new(ErrorCode::Unsupported, message)
}

fn present(o: &Map<String, Value>, key: &str) -> Option<Value> {
    o.get(key).filter(|v| !v.is_null()).cloned()
}

fn object<'a>(v: Option<&'a Value>, message: &str) -> Result<&'a Map<String, Value>> {
    v.and_then(Value::as_object).ok_or_else(|| invalid(message))
}

fn string(o: &Map<String, Value>, key: &str, message: &str) -> Result<String> {
    o.get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| invalid(message))
}

fn optional_bool(o: &Map<String, Value>, key: &str, path: &str) -> Result<bool> {
    match present(o, key) {
        None => Ok(true),
        Some(Value::Bool(b)) => Ok(b),
        Some(_) => Err(invalid(format!("{path} must be a boolean"))),
    }
}

/// A daily cron schedule: a string is required; any other form than "M H * * *" is UNSUPPORTED.
fn schedule(o: &Map<String, Value>, path: &str) -> Result<Cron> {
    let text = o
        .get("schedule")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(format!("{path} is required and must be a string")))?;
    DailyTime::from_cron(text).map(Cron).ok_or_else(|| {
        unsupported(format!(
            "{path} must be a daily cron expression \"M H * * *\" (minute 0-59, hour 0-23): other schedules are not supported"
        ))
    })
}

/// `updateDualScheduleConfig` takes the configuration itself or, like `scheduleDualNotification`,
/// `{ config }`: an object with `config` and neither half of a configuration is the wrapper.
pub fn dual_config_of_update(options: &Value) -> Result<DualConfig> {
    match options.as_object() {
        Some(o)
            if o.contains_key("config")
                && !o.contains_key("contentFetch")
                && !o.contains_key("userNotification") =>
        {
            dual_config(&o["config"])
        }
        _ => dual_config(options),
    }
}

/// `scheduleDualNotification({ config })`.
pub fn dual_config_of_schedule(options: &Value) -> Result<DualConfig> {
    let o = object(Some(options), "options must be an object with config")?;
    dual_config(o.get("config").unwrap_or(&Value::Null))
}

/// Validates a `DualScheduleConfiguration` (the path "config" in messages).
pub fn dual_config(config: &Value) -> Result<DualConfig> {
    let c = object(Some(config), "config is required and must be an object")?;
    let fetch = object(
        c.get("contentFetch"),
        "config.contentFetch is required and must be an object",
    )?;
    let enabled = fetch
        .get("enabled")
        .and_then(Value::as_bool)
        .ok_or_else(|| invalid("config.contentFetch.enabled must be a boolean"))?;
    let fetch_schedule = schedule(fetch, "config.contentFetch.schedule")?;
    if present(fetch, "url").is_some() {
        return Err(unsupported(
            "config.contentFetch.url is not supported: omit it, the native fetcher is used",
        ));
    }
    let n = object(
        c.get("userNotification"),
        "config.userNotification is required and must be an object",
    )?;
    let notify_schedule = schedule(n, "config.userNotification.schedule")?;
    let title = string(n, "title", "config.userNotification.title must be a string")?;
    let body = string(n, "body", "config.userNotification.body must be a string")?;
    let sound = optional_bool(n, "sound", "config.userNotification.sound")?;
    let mut relationship = Relationship {
        content_timeout: DEFAULT_CONTENT_TIMEOUT_MILLIS,
        fallback_behavior: FallbackBehavior::Skip,
    };
    if let Some(r) = present(c, "relationship") {
        let r = r
            .as_object()
            .ok_or_else(|| invalid("config.relationship must be an object"))?;
        if let Some(t) = present(r, "contentTimeout") {
            relationship.content_timeout = content_timeout(&t).ok_or_else(|| {
                invalid("config.relationship.contentTimeout must be an integer from 0 to 86400000 (milliseconds, at most a day)")
            })?;
        }
        if let Some(f) = present(r, "fallbackBehavior") {
            relationship.fallback_behavior = match f.as_str() {
                Some("skip") => FallbackBehavior::Skip,
                Some("show_default") => FallbackBehavior::ShowDefault,
                _ => {
                    return Err(invalid(
                        "config.relationship.fallbackBehavior must be \"skip\" or \"show_default\"",
                    ));
                }
            };
        }
    }
    Ok(DualConfig {
        content_fetch: ContentFetch {
            enabled,
            schedule: fetch_schedule,
        },
        user_notification: UserNotification {
            schedule: notify_schedule,
            title,
            body,
            sound,
        },
        relationship,
    })
}

/// An integer number of milliseconds in range; JavaScript numbers such as `1800000.0` count.
fn content_timeout(v: &Value) -> Option<i64> {
    let n = v.as_f64()?;
    let in_range = n.fract() == 0.0 && (0.0..=MAX_CONTENT_TIMEOUT_MILLIS as f64).contains(&n);
    in_range.then_some(n as i64)
}

/// Fields of the old plugin's `scheduleDailyNotification` that this plugin does not do (its own
/// fetch URL, retries, priority) and its `{ options: {...} }` wrapper. One rule on every layer:
/// refused with UNSUPPORTED, never silently ignored (src-ts/schedule-validation.ts does the same
/// on the web; docs/migrating-from-daily-notification-plugin.md, "Shapes the old plugin accepted").
pub const OLD_REMINDER_FIELDS: [&str; 4] = ["url", "retryConfig", "priority", "options"];

/// Validates `scheduleDailyNotification`'s options.
pub fn reminder(options: &Value) -> Result<Reminder> {
    let o = object(Some(options), "options must be an object")?;
    if let Some(old) = OLD_REMINDER_FIELDS.iter().find(|k| present(o, k).is_some()) {
        return Err(unsupported(format!(
            "{old} is a field of the old plugin, not supported: pass {{ time, title, body, sound?, id? }}"
        )));
    }
    let time = o
        .get("time")
        .and_then(Value::as_str)
        .and_then(DailyTime::from_hhmm)
        .ok_or_else(|| invalid("time must be \"HH:MM\" (00:00 to 23:59)"))?;
    let title = string(o, "title", "title is required and must be a string")?;
    let body = string(o, "body", "body is required and must be a string")?;
    let sound = optional_bool(o, "sound", "sound")?;
    let id = match present(o, "id") {
        None => DEFAULT_REMINDER_ID.to_string(),
        Some(Value::String(s)) if s.is_empty() => return Err(invalid("id must not be empty")),
        Some(Value::String(s)) => s,
        Some(_) => return Err(invalid("id must be a string")),
    };
    Ok(Reminder {
        id,
        time: HhMm(time),
        title,
        body,
        sound,
    })
}

/// `cancelDailyReminder`'s `{ reminderId }`, or `{ id }` (the name `scheduleDailyNotification`
/// takes); both naming different reminders is refused rather than guessed.
pub fn reminder_id(options: &Value) -> Result<String> {
    let named = |key: &str| {
        options
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    match (named("reminderId"), named("id")) {
        (Some(a), Some(b)) if a != b => Err(invalid("reminderId and id name different reminders")),
        (Some(a), _) | (None, Some(a)) => Ok(a),
        (None, None) => Err(invalid(
            "reminderId is required and must be a non-empty string (or give id)",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config() -> Value {
        json!({
            "contentFetch": { "enabled": true, "schedule": "25 18 * * *" },
            "userNotification": { "schedule": "30 18 * * *", "title": "T", "body": "B" },
        })
    }

    #[test]
    fn defaults_are_filled_in_and_schedules_normalized() {
        let mut c = config();
        c["contentFetch"]["schedule"] = json!(" 25   18 * * * ");
        let parsed = dual_config(&c).unwrap();
        assert_eq!(
            serde_json::to_value(&parsed).unwrap(),
            json!({
                "contentFetch": { "enabled": true, "schedule": "25 18 * * *" },
                "userNotification": { "schedule": "30 18 * * *", "title": "T", "body": "B", "sound": true },
                "relationship": { "contentTimeout": 1_800_000, "fallbackBehavior": "skip" },
            })
        );
    }

    #[test]
    fn messages_name_the_field_and_never_echo_the_value() {
        let secret = "eyJhbGciOiJFUzI1NksifQ.secret.value";
        let cases = [
            (
                "/contentFetch/schedule",
                json!(secret),
                ErrorCode::Unsupported,
            ),
            ("/contentFetch/url", json!(secret), ErrorCode::Unsupported),
            (
                "/userNotification/title",
                json!(7),
                ErrorCode::InvalidArgument,
            ),
            (
                "/relationship",
                json!({ "fallbackBehavior": secret }),
                ErrorCode::InvalidArgument,
            ),
            (
                "/relationship",
                json!({ "contentTimeout": 1.5 }),
                ErrorCode::InvalidArgument,
            ),
        ];
        for (pointer, value, code) in cases {
            let mut c = config();
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            c.pointer_mut(if parent.is_empty() { "" } else { parent })
                .unwrap()[key] = value;
            let e = dual_config(&c).unwrap_err();
            assert_eq!(e.code, code, "{pointer}");
            assert!(e.message.starts_with("config."), "{}", e.message);
            assert!(
                !e.message.contains("secret") && !e.message.contains("1.5"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn update_takes_the_bare_configuration_or_the_wrapper() {
        let bare = dual_config_of_update(&config()).unwrap();
        let wrapped = dual_config_of_update(&json!({ "config": config() })).unwrap();
        assert_eq!(bare, wrapped);
        assert_eq!(
            dual_config_of_update(&json!({ "config": 1 }))
                .unwrap_err()
                .message,
            "config is required and must be an object"
        );
    }

    #[test]
    fn reminders_get_the_default_id_and_sound() {
        let r = reminder(&json!({ "time": "08:05", "title": "T", "body": "B" })).unwrap();
        assert_eq!(r.id, DEFAULT_REMINDER_ID);
        assert!(r.sound);
        assert_eq!(serde_json::to_value(&r).unwrap()["time"], "08:05");
        assert_eq!(
            reminder(&json!({ "time": "08:05", "title": "T", "body": "B", "id": "" }))
                .unwrap_err()
                .message,
            "id must not be empty"
        );
        assert_eq!(
            reminder_id(&json!({ "reminderId": "" })).unwrap_err().code,
            ErrorCode::InvalidArgument
        );
    }

    #[test]
    fn cancel_takes_reminder_id_or_id_but_not_two_different_ones() {
        assert_eq!(reminder_id(&json!({ "reminderId": "a" })).unwrap(), "a");
        assert_eq!(reminder_id(&json!({ "id": "a" })).unwrap(), "a");
        assert_eq!(
            reminder_id(&json!({ "id": "a", "reminderId": "a" })).unwrap(),
            "a"
        );
        for bad in [
            json!({ "id": "a", "reminderId": "b" }),
            json!({}),
            json!({ "id": "" }),
        ] {
            assert_eq!(
                reminder_id(&bad).unwrap_err().code,
                ErrorCode::InvalidArgument,
                "{bad}"
            );
        }
    }

    #[test]
    fn the_old_plugins_reminder_fields_and_wrapper_are_unsupported_not_ignored() {
        let ok = json!({ "time": "08:05", "title": "T", "body": "B" });
        for field in OLD_REMINDER_FIELDS {
            let mut o = ok.clone();
            o[field] = json!({ "maxRetries": 3 });
            let e = reminder(&o).unwrap_err();
            assert_eq!(e.code, ErrorCode::Unsupported, "{field}");
            assert!(e.message.starts_with(field), "{}", e.message);
        }
        let wrapped = json!({ "options": ok });
        assert_eq!(reminder(&wrapped).unwrap_err().code, ErrorCode::Unsupported);
        // Present means non-null, as for every optional field.
        let mut with_null = ok.clone();
        with_null["priority"] = Value::Null;
        assert!(reminder(&with_null).is_ok());
    }
}
