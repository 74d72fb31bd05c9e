//! The schedule's JSON shapes (docs/core-contract.md, "Schedule"): the request, the state the
//! platform persists, the events it reports, the actions it runs, and the status it reads.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::config::{DualConfig, Reminder};
use super::daily::Millis;

/// An occurrence missed while its alarm could not fire (device off, clock changed) is still shown
/// this long after its time when the schedule is re-armed; older ones are skipped.
pub const MISSED_GRACE_MILLIS: Millis = 60 * 60 * 1000;
/// iOS keeps at most 64 pending notification requests per app, shared with the app's other
/// notifications; the plugin uses at most this many of them (reminders first, one each).
pub const IOS_PLUGIN_PENDING_BUDGET: usize = 48;
/// The Android alarm target of the dual schedule; reminders are `reminder/<id>`.
pub const DUAL_TARGET: &str = "dualSchedule";
/// The Android alarm target that starts the dual schedule's prefetch (exact alarms permitted).
pub const FETCH_TARGET: &str = "dualFetch";
/// Doze lets one app's while-idle alarms fire at most about once every 9 minutes: the fetch alarm
/// goes off at least this long before its notification alarm, so the two never collide.
pub const FETCH_ALARM_LEAD_MILLIS: Millis = 10 * 60 * 1000;
/// How long a prefetch started by an alarm may take: Doze's network allowance after a while-idle
/// alarm lasts about 10 seconds from the alarm's delivery (the Android executor counts from there).
pub const ALARM_FETCH_DEADLINE_MILLIS: Millis = 9_000;
/// How long a prefetch started by the WorkManager job may take (the core's default deadline).
pub const WORK_FETCH_DEADLINE_MILLIS: Millis = 25_000;
/// After a run's deadline, this long more before another run may start for the same occurrence
/// (the first one's process may still be writing its result).
pub const FETCH_LEASE_MARGIN_MILLIS: Millis = 15_000;
pub const REMINDER_TARGET_PREFIX: &str = "reminder/";
/// Android notification tag prefix (the old plugin's), then the occurrence key.
pub const ANDROID_DUAL_TAG_PREFIX: &str = "dual_notify_";
/// iOS request identifier prefixes.
pub const IOS_DUAL_ID_PREFIX: &str = "dnp.dual.";
pub const IOS_REMINDER_ID_PREFIX: &str = "dnp.reminder.";
/// Android unique work name prefix of a prefetch, then its fetch instant in ms.
pub const FETCH_WORK_PREFIX: &str = "daily_notification_prefetch@";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Android,
    Ios,
}

/// What the platform persists between calls, opaque to it. Every field has a default so that a
/// state written by an older version still loads.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct State {
    pub version: u32,
    pub dual: Option<DualConfig>,
    /// The occurrence the dual schedule is armed for (Android: its alarm; iOS: the first request).
    pub armed_at: Millis,
    pub next_fetch_at: Millis,
    /// The last occurrence dealt with (shown, skipped, or served late by the prefetch).
    pub handled: Millis,
    /// The fetch instant last queued and the occurrence it serves (Android work).
    pub queued_fetch_at: Millis,
    pub queued_for: Millis,
    /// The last occurrence whose fetched content was shown: content is shown once per occurrence.
    pub content_shown_for: Millis,
    /// When a prefetch last found nothing new: then nothing is shown, not even the default.
    pub no_changes_at: Millis,
    /// The occurrence the last finished prefetch served (iOS: the next request is for a later one;
    /// Android: the fetch alarm does not fetch it again). `retry` does not finish it.
    pub fetched_for: Millis,
    /// Android: the fetch alarm armed (0: none), and the occurrence an alarm-started prefetch
    /// finished for (the WorkManager fallback then does not spend a token on it again).
    pub fetch_alarm_at: Millis,
    pub alarm_fetched_for: Millis,
    /// Android: a prefetch running for `fetch_running_for` until `fetch_running_until` (its
    /// deadline and a margin): no second run starts for that occurrence meanwhile.
    pub fetch_running_for: Millis,
    pub fetch_running_until: Millis,
    /// Set once the replaced plugin's prefetch work has been cancelled (Android).
    pub legacy_work_cancelled: bool,
    /// iOS: the dual requests pending as the core listed them.
    pub armed_ids: Vec<String>,
    /// iOS: fetched content armed for one of them. It names the user's projects, so it travels in
    /// `privateState`, which the platform keeps out of backups, never in `state` (a state written
    /// by an older version may still hold it: it is read, and dropped on the next write).
    #[serde(skip_serializing)]
    pub armed_content: Option<ArmedContent>,
    /// iOS: future occurrences a `no_changes` prefetch removed; re-arming must not restore them.
    pub skipped: Vec<Millis>,
    pub reminders: Vec<ReminderState>,
}

/// What the platform persists apart from `State`, on the device only (excluded from backups):
/// the fetched text armed ahead on iOS.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PrivateState {
    pub armed_content: Option<ArmedContent>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmedContent {
    pub occurrence: Millis,
    pub title: String,
    pub body: String,
    /// The plans the content names (the tap event's `planIds`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan_ids: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderState {
    #[serde(flatten)]
    pub reminder: Reminder,
    #[serde(default)]
    pub armed_at: Millis,
    #[serde(default)]
    pub handled: Millis,
}

/// Prefetched content as the platform holds it (Android: NotificationContentStore).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Content {
    pub title: String,
    pub body: String,
    pub fetched_at: Millis,
    /// The prefetch's cursor for this content (`acknowledgeDelivery` once it is shown).
    #[serde(default)]
    pub cursor: Option<String>,
    /// The prefetch's `changedPlanIds`: the plans the content names (the tap event's `planIds`).
    #[serde(default)]
    pub plan_ids: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Event {
    ScheduleDualNotification {
        #[serde(default)]
        options: Value,
    },
    UpdateDualScheduleConfig {
        #[serde(default)]
        options: Value,
    },
    CancelDualSchedule,
    ScheduleDailyNotification {
        #[serde(default)]
        options: Value,
    },
    CancelDailyReminder {
        #[serde(default)]
        options: Value,
    },
    CancelAllNotifications,
    /// Status only: nothing changes.
    Status,
    /// The app started (Android: alarms only; WorkManager keeps its work).
    Load,
    Boot,
    /// The wall clock or the time zone changed.
    TimeChange,
    /// The exact-alarm grant or the notification permission changed.
    PermissionChange,
    /// Logout (`clearNativeFetcher`): fetched content armed ahead (iOS) is dropped and its day
    /// gets the default again; it names the old user's projects.
    FetcherCleared,
    /// An Android alarm fired, with the stored content if any.
    #[serde(rename_all = "camelCase")]
    Fired {
        target: String,
        occurrence: Millis,
        content: Option<Content>,
    },
    /// A prefetch finished with this outcome; `content` is what it fetched (or what is stored);
    /// `by` is what started it (Android).
    #[serde(rename_all = "camelCase")]
    Prefetched {
        /// The prefetch's own outcome, typed: an unknown string is refused (review n7).
        outcome: crate::outcome::Outcome,
        content: Option<Content>,
        #[serde(default)]
        by: FetchStarter,
    },
    /// Android: the fetch alarm fired, or the WorkManager job started: may it prefetch now? The
    /// answer is one `runFetch` or one `skipFetch` action.
    #[serde(rename_all = "camelCase")]
    FetchStart {
        by: FetchStarter,
    },
    /// A `post` action was shown (the platform reports it after a successful post).
    #[serde(rename_all = "camelCase")]
    Shown {
        occurrence: Millis,
        source: Source,
    },
}

/// What started a prefetch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FetchStarter {
    /// The exact while-idle fetch alarm (Android).
    Alarm,
    /// The WorkManager job (Android) or the BGAppRefreshTask (iOS).
    #[default]
    Work,
}

/// Why a prefetch start was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SkipReason {
    /// A prefetch already finished for this occurrence: no token is spent on it again.
    Done,
    /// Another prefetch for it is running: try again later (the job answers `retry`).
    Running,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Source {
    /// Fetched content.
    Content,
    /// The dual schedule's own title and body (fallbackBehavior show_default, or fetch disabled).
    Default,
    Reminder,
}

/// A local time of day, for a repeating calendar trigger's date components.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct HourMinute {
    pub hour: i8,
    pub minute: i8,
}

/// One thing for the platform to do, in order.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Action {
    /// Android: an exact (or, without the grant, inexact) while-idle alarm; same target replaces.
    #[serde(rename_all = "camelCase")]
    ArmAlarm { target: String, at: Millis },
    #[serde(rename_all = "camelCase")]
    CancelAlarm { target: String },
    /// Android: unique work `name` with policy KEEP, `delayMillis` from now.
    #[serde(rename_all = "camelCase")]
    EnqueueFetch {
        name: String,
        at: Millis,
        delay_millis: Millis,
    },
    #[serde(rename_all = "camelCase")]
    CancelFetch { name: String },
    /// Android: every prefetch work of the plugin; iOS: the background task request.
    CancelAllFetches,
    /// Android: the replaced plugin's work tag.
    CancelLegacyFetches,
    /// iOS: the BGAppRefreshTask request, not before `at`.
    #[serde(rename_all = "camelCase")]
    SubmitFetch { at: Millis },
    /// Remove stored content if it is still the one fetched at `fetchedAt` (Android).
    #[serde(rename_all = "camelCase")]
    RemoveContent { fetched_at: Millis },
    /// Show now (Android: notify with `tag`; iOS: a request without trigger, id `tag`), then
    /// report `shown` if it was shown.
    #[serde(rename_all = "camelCase")]
    Post {
        tag: String,
        title: String,
        body: String,
        sound: bool,
        source: Source,
        occurrence: Millis,
        /// Fetched content: the cursor to acknowledge once it is shown (the content store is
        /// cleared by a `removeContent` listed before this action).
        #[serde(skip_serializing_if = "Option::is_none")]
        cursor: Option<String>,
        /// Fetched content: the plans it names, for the tap event (Android: the tap's payload).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        plan_ids: Vec<String>,
    },
    /// iOS: add (or replace, same id) a calendar request at `at`; with `repeatsDaily`, it repeats
    /// every day at `dailyAt`, the configured local time, which differs from `at`'s when `at`
    /// falls in a spring-forward gap (02:30 fires at 03:30 that day, then at 02:30 again).
    #[serde(rename_all = "camelCase")]
    AddRequest {
        id: String,
        at: Millis,
        title: String,
        body: String,
        sound: bool,
        source: Source,
        repeats_daily: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        daily_at: Option<HourMinute>,
        /// Fetched content: the plans it names, for the tap event (iOS: the request's userInfo).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        plan_ids: Vec<String>,
    },
    /// iOS: pending requests to remove.
    #[serde(rename_all = "camelCase")]
    RemovePending { ids: Vec<String> },
    /// iOS: delivered notifications to remove.
    #[serde(rename_all = "camelCase")]
    RemoveDelivered { ids: Vec<String> },
    /// Remove every shown notification of the plugin.
    ClearShown,
    /// Android (answer to `fetchStart`): prefetch now within `deadlineMillis`
    /// (`NativeCore.prefetchWithin`), then report `prefetched` with the same `by`.
    #[serde(rename_all = "camelCase")]
    RunFetch { deadline_millis: Millis },
    /// Android (answer to `fetchStart`): do not prefetch now.
    #[serde(rename_all = "camelCase")]
    SkipFetch { reason: SkipReason },
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    pub platform: Platform,
    /// The device's IANA time zone.
    pub zone: String,
    pub now: Millis,
    /// Android: `AlarmManager.canScheduleExactAlarms()` (always true below Android 12). With it
    /// the prefetch is also started by an exact alarm; without it only by WorkManager.
    #[serde(default)]
    pub exact_alarms_permitted: bool,
    /// The state the core returned last time, or null. An unreadable one is replaced by an empty
    /// state and reported with `stateReset` (the schedules must then be set again).
    #[serde(default)]
    pub state: Option<Value>,
    /// iOS: the identifiers of the plugin's requests really pending in the notification center
    /// (`getPendingNotificationRequests`, those starting with `dnp.`). When given, re-arming adds
    /// back what the state says is armed but iOS no longer has (a backup restore, another
    /// plugin's `removeAllPendingNotificationRequests`, adds refused before permission).
    #[serde(default)]
    pub pending_ids: Option<Vec<String>>,
    /// The last `privateState` returned, or null; one the core cannot read counts as empty (the
    /// content armed ahead is lost, the default stands).
    #[serde(default)]
    pub private_state: Option<Value>,
    pub event: Event,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub state_reset: bool,
    pub state: State,
    /// Persisted apart, excluded from backups (see `PrivateState`).
    pub private_state: PrivateState,
    pub actions: Vec<Action>,
    pub status: Status,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    /// `getDualScheduleStatus` without `lastPrefetch` (the fetcher's, added by the platform).
    pub dual: DualStatus,
    /// `getNotificationStatus` without `isEnabled` (the platform's permission).
    pub notifications: NotificationStatus,
    pub reminders: Vec<Reminder>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DualStatus {
    pub scheduled: bool,
    pub config: Option<DualConfig>,
    pub next_fetch_at: Option<String>,
    pub next_notification_at: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationStatus {
    pub is_scheduled: bool,
    pub next_notification_at: Option<String>,
    /// Schedules, on every platform: the dual schedule counts one, each reminder one.
    pub pending: usize,
}
