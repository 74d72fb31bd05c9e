//! The schedule's state machine: one event in (a plugin call, an alarm, a finished prefetch, a
//! boot, a clock or zone change...), the new state and the platform's actions out. The platform
//! persists `state` as given and runs `actions` in order; it decides nothing (docs/core-contract.md,
//! "Schedule").

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::config::{self, DualConfig, Reminder};
use super::daily::{DailyTime, Millis, Zone, occurrence_key, rfc3339};
use crate::error::{CoreError, ErrorCode, Result};

/// An occurrence missed while its alarm could not fire (device off, clock changed) is still shown
/// this long after its time when the schedule is re-armed; older ones are skipped.
pub const MISSED_GRACE_MILLIS: Millis = 60 * 60 * 1000;
/// iOS keeps at most 64 pending notification requests per app, shared with the app's other
/// notifications; the plugin uses at most this many of them (reminders first, one each).
pub const IOS_PLUGIN_PENDING_BUDGET: usize = 48;
/// The Android alarm target of the dual schedule; reminders are `reminder/<id>`.
pub const DUAL_TARGET: &str = "dualSchedule";
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
    /// The occurrence the last finished prefetch served (iOS: the next request is for a later one).
    pub fetched_for: Millis,
    /// Set once the replaced plugin's prefetch work has been cancelled (Android).
    pub legacy_work_cancelled: bool,
    /// iOS: the dual requests pending as the core listed them, and fetched content armed for one.
    pub armed_ids: Vec<String>,
    pub armed_content: Option<ArmedContent>,
    /// iOS: future occurrences a `no_changes` prefetch removed; re-arming must not restore them.
    pub skipped: Vec<Millis>,
    pub reminders: Vec<ReminderState>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmedContent {
    pub occurrence: Millis,
    pub title: String,
    pub body: String,
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
    /// An Android alarm fired, with the stored content if any.
    #[serde(rename_all = "camelCase")]
    Fired {
        target: String,
        occurrence: Millis,
        content: Option<Content>,
    },
    /// A prefetch finished with this outcome; `content` is what it fetched (or what is stored).
    #[serde(rename_all = "camelCase")]
    Prefetched {
        outcome: String,
        content: Option<Content>,
    },
    /// A `post` action was shown (the platform reports it after a successful post).
    #[serde(rename_all = "camelCase")]
    Shown {
        occurrence: Millis,
        source: Source,
    },
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
    },
    /// iOS: add (or replace, same id) a calendar request at `at`; `repeatsDaily` on the hour and
    /// minute of `at` in the device's calendar.
    #[serde(rename_all = "camelCase")]
    AddRequest {
        id: String,
        at: Millis,
        title: String,
        body: String,
        sound: bool,
        source: Source,
        repeats_daily: bool,
    },
    /// iOS: pending requests to remove.
    #[serde(rename_all = "camelCase")]
    RemovePending { ids: Vec<String> },
    /// iOS: delivered notifications to remove.
    #[serde(rename_all = "camelCase")]
    RemoveDelivered { ids: Vec<String> },
    /// Remove every shown notification of the plugin.
    ClearShown,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    pub platform: Platform,
    /// The device's IANA time zone.
    pub zone: String,
    pub now: Millis,
    /// The state the core returned last time, or null. An unreadable one is replaced by an empty
    /// state and reported with `stateReset` (the schedules must then be set again).
    #[serde(default)]
    pub state: Option<Value>,
    pub event: Event,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub state_reset: bool,
    pub state: State,
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

pub const STATE_VERSION: u32 = 1;

/// Applies one event. Invalid options leave the state untouched (the caller keeps the old one).
pub fn apply(request: Request) -> Result<Response> {
    let zone = Zone::named(&request.zone)?;
    let (mut state, state_reset) = match request.state {
        None | Some(Value::Null) => (State::default(), false),
        Some(v) => match serde_json::from_value::<State>(v) {
            Ok(s) => (s, false),
            Err(_) => {
                log::warn!("schedule state unreadable: starting empty");
                (State::default(), true)
            }
        },
    };
    if state.version > STATE_VERSION {
        return Err(CoreError::new(
            ErrorCode::StoreUnsupportedVersion,
            "schedule state written by a newer version",
        ));
    }
    state.version = STATE_VERSION;
    let mut p = Planner {
        platform: request.platform,
        zone,
        now: request.now,
        state,
        actions: Vec::new(),
    };
    p.handle(request.event)?;
    let status = p.status()?;
    Ok(Response {
        state_reset,
        state: p.state,
        actions: p.actions,
        status,
    })
}

struct Planner {
    platform: Platform,
    zone: Zone,
    now: Millis,
    state: State,
    actions: Vec<Action>,
}

impl Planner {
    fn handle(&mut self, event: Event) -> Result<()> {
        match event {
            Event::ScheduleDualNotification { options } => {
                self.replace_dual(config::dual_config_of_schedule(&options)?)
            }
            Event::UpdateDualScheduleConfig { options } => {
                self.replace_dual(config::dual_config_of_update(&options)?)
            }
            Event::CancelDualSchedule => {
                self.cancel_dual();
                Ok(())
            }
            Event::ScheduleDailyNotification { options } => {
                self.schedule_reminder(config::reminder(&options)?)
            }
            Event::CancelDailyReminder { options } => {
                let id = config::reminder_id(&options)?;
                self.cancel_reminder(&id);
                Ok(())
            }
            Event::CancelAllNotifications => {
                self.cancel_dual();
                let ids: Vec<String> = self
                    .state
                    .reminders
                    .iter()
                    .map(|r| r.reminder.id.clone())
                    .collect();
                for id in ids {
                    self.cancel_reminder(&id);
                }
                self.actions.push(Action::ClearShown);
                Ok(())
            }
            Event::Status => Ok(()),
            // WorkManager keeps its work across app starts: only the alarms go.
            Event::Load => self.rearm_all(self.platform == Platform::Ios, false),
            Event::PermissionChange => self.rearm_all(false, true),
            Event::Boot | Event::TimeChange => self.rearm_all(true, true),
            Event::Fired {
                target,
                occurrence,
                content,
            } => self.fired(&target, occurrence, content),
            Event::Prefetched { outcome, content } => self.prefetched(&outcome, content),
            Event::Shown { occurrence, source } => {
                if source == Source::Content {
                    self.state.content_shown_for = occurrence;
                    self.state.handled = self.state.handled.max(occurrence);
                }
                Ok(())
            }
        }
    }

    // ---- the dual schedule

    fn replace_dual(&mut self, config: DualConfig) -> Result<()> {
        if self.platform == Platform::Ios {
            self.remove_armed_requests();
            self.state.armed_content = None;
            self.state.skipped.clear();
        }
        self.state.dual = Some(config);
        self.state.armed_at = 0;
        self.state.next_fetch_at = 0;
        self.rearm_dual(true, true)
    }

    fn cancel_dual(&mut self) {
        match self.platform {
            Platform::Android => self.actions.push(Action::CancelAlarm {
                target: DUAL_TARGET.into(),
            }),
            Platform::Ios => self.remove_armed_requests(),
        }
        self.actions.push(Action::CancelAllFetches);
        let s = &mut self.state;
        s.dual = None;
        s.armed_at = 0;
        s.next_fetch_at = 0;
        s.queued_fetch_at = 0;
        s.queued_for = 0;
        s.armed_content = None;
        s.skipped.clear();
    }

    fn rearm_all(&mut self, with_fetch: bool, full: bool) -> Result<()> {
        self.rearm_dual(with_fetch, full)?;
        if self.platform == Platform::Android {
            for i in 0..self.state.reminders.len() {
                self.arm_reminder(i)?;
            }
        } else if full {
            for i in 0..self.state.reminders.len() {
                self.add_reminder_request(i)?;
            }
        }
        Ok(())
    }

    fn rearm_dual(&mut self, with_fetch: bool, full: bool) -> Result<()> {
        match self.platform {
            Platform::Android => self.rearm_android(with_fetch),
            Platform::Ios => self.rearm_ios(with_fetch, full),
        }
    }

    /// Android: one alarm for the next occurrence and, with `with_fetch`, its prefetch.
    fn rearm_android(&mut self, with_fetch: bool) -> Result<()> {
        let Some(config) = self.state.dual.clone() else {
            return Ok(());
        };
        let notify = config.notify_time();
        let handled = clamp_handled(notify, self.state.handled, self.now, &self.zone)?;
        let occurrence = to_arm(notify, self.state.armed_at, handled, self.now, &self.zone)?;
        self.actions.push(Action::ArmAlarm {
            target: DUAL_TARGET.into(),
            at: occurrence,
        });
        self.state.armed_at = occurrence;
        self.state.handled = handled;
        if with_fetch {
            if config.content_fetch.enabled {
                let fetch_at = config
                    .fetch_time()
                    .last_at_or_before(occurrence, &self.zone)?;
                self.queue_prefetch(&config, fetch_at);
                self.state.next_fetch_at = self.now.max(fetch_at);
                self.state.queued_fetch_at = fetch_at;
                self.state.queued_for = occurrence;
            } else {
                self.actions.push(Action::CancelAllFetches);
                self.state.next_fetch_at = 0;
                self.state.queued_fetch_at = 0;
                self.state.queued_for = 0;
            }
        }
        Ok(())
    }

    /// Queues the prefetch of `fetch_at` as its own unique work (KEEP). The previously queued
    /// instant's work is cancelled unless it is due and its occurrence is still within
    /// contentTimeout: day N's alarm queues day N+1 while day N's prefetch may still wait for the
    /// network, and its late content must still replace the fallback.
    fn queue_prefetch(&mut self, config: &DualConfig, fetch_at: Millis) {
        let (queued_at, queued_for, now) =
            (self.state.queued_fetch_at, self.state.queued_for, self.now);
        if queued_at == fetch_at && fetch_at <= now {
            return; // Due already: it has run or runs now; KEEP would start a finished one again.
        }
        if queued_at != 0
            && queued_at != fetch_at
            && !(queued_at <= now && now <= queued_for + config.timeout())
        {
            // Its instant no longer exists (configuration or time-zone change).
            self.actions.push(Action::CancelFetch {
                name: fetch_work_name(queued_at),
            });
        }
        if !self.state.legacy_work_cancelled {
            self.actions.push(Action::CancelLegacyFetches);
            self.state.legacy_work_cancelled = true;
        }
        self.actions.push(Action::EnqueueFetch {
            name: fetch_work_name(fetch_at),
            at: fetch_at,
            delay_millis: (fetch_at - now).max(0),
        });
    }

    /// iOS: the next background fetch request and the notification requests of the coming days.
    fn rearm_ios(&mut self, with_fetch: bool, full: bool) -> Result<()> {
        let Some(config) = self.state.dual.clone() else {
            return Ok(());
        };
        let (now, zone) = (self.now, self.zone.clone());
        let notify = config.notify_time();
        let next = notify.next_after(now, &zone)?;
        self.state.armed_at = next;
        if config.content_fetch.enabled && with_fetch {
            // The next occurrence no finished prefetch has served yet.
            let serve = notify.next_after(now.max(self.state.fetched_for), &zone)?;
            let at = now.max(config.fetch_time().last_at_or_before(serve, &zone)?);
            self.actions.push(Action::SubmitFetch { at });
            self.state.next_fetch_at = at;
        }
        self.state.skipped.retain(|o| *o > now);
        if self
            .state
            .armed_content
            .as_ref()
            .is_some_and(|c| c.occurrence <= now)
        {
            self.state.armed_content = None;
        }
        let mut wanted: Vec<Action> = Vec::new();
        if let Some(c) = &self.state.armed_content {
            wanted.push(request(
                ios_dual_id(c.occurrence),
                c.occurrence,
                &c.title,
                &c.body,
                config.user_notification.sound,
                Source::Content,
            ));
        }
        if config.show_default() || !config.content_fetch.enabled {
            let days = IOS_PLUGIN_PENDING_BUDGET
                .saturating_sub(self.state.reminders.len())
                .max(1);
            let mut occurrence = now;
            for _ in 0..days {
                occurrence = notify.next_after(occurrence, &zone)?;
                let taken = self
                    .state
                    .armed_content
                    .as_ref()
                    .is_some_and(|c| c.occurrence == occurrence);
                if !taken && !self.state.skipped.contains(&occurrence) {
                    let n = &config.user_notification;
                    wanted.push(request(
                        ios_dual_id(occurrence),
                        occurrence,
                        &n.title,
                        &n.body,
                        n.sound,
                        Source::Default,
                    ));
                }
            }
        }
        let wanted_ids: Vec<String> = wanted.iter().map(request_id).collect();
        let stale: Vec<String> = self
            .state
            .armed_ids
            .iter()
            .filter(|id| !wanted_ids.contains(id))
            .cloned()
            .collect();
        if !stale.is_empty() {
            self.actions.push(Action::RemovePending { ids: stale });
        }
        for action in wanted {
            if full || !self.state.armed_ids.contains(&request_id(&action)) {
                self.actions.push(action);
            }
        }
        self.state.armed_ids = wanted_ids;
        Ok(())
    }

    fn remove_armed_requests(&mut self) {
        if !self.state.armed_ids.is_empty() {
            let ids = std::mem::take(&mut self.state.armed_ids);
            self.actions.push(Action::RemovePending { ids });
        }
    }

    /// Android: the dual schedule's or a reminder's alarm fired.
    fn fired(&mut self, target: &str, occurrence: Millis, content: Option<Content>) -> Result<()> {
        if let Some(id) = target.strip_prefix(REMINDER_TARGET_PREFIX) {
            let Some(i) = self
                .state
                .reminders
                .iter()
                .position(|r| r.reminder.id == id)
            else {
                return Ok(()); // Cancelled after the alarm was armed.
            };
            if occurrence > self.state.reminders[i].handled {
                let r = &self.state.reminders[i].reminder;
                self.actions.push(Action::Post {
                    tag: r.id.clone(),
                    title: r.title.clone(),
                    body: r.body.clone(),
                    sound: r.sound,
                    source: Source::Reminder,
                    occurrence,
                });
                self.state.reminders[i].handled = occurrence;
            }
            return self.arm_reminder(i);
        }
        if target != DUAL_TARGET || self.state.dual.is_none() {
            return Ok(());
        }
        if occurrence > self.state.handled {
            self.show_occurrence(occurrence, content)?;
            self.state.handled = occurrence;
        }
        self.rearm_android(true)
    }

    /// What occurrence `occurrence` shows: content fetched for it (at or after its fetch time, at
    /// most contentTimeout after it), else nothing if a prefetch for it found no changes, else the
    /// default with show_default (or when fetching is off).
    fn show_occurrence(&mut self, occurrence: Millis, content: Option<Content>) -> Result<()> {
        let Some(config) = self.state.dual.clone() else {
            return Ok(());
        };
        if !config.content_fetch.enabled {
            self.post_default(&config, occurrence);
            return Ok(());
        }
        let fetch_at = config
            .fetch_time()
            .last_at_or_before(occurrence, &self.zone)?;
        let fresh = |t: Millis| t >= fetch_at && t <= occurrence + config.timeout();
        if let Some(c) = content {
            if fresh(c.fetched_at) {
                self.actions.push(Action::RemoveContent {
                    fetched_at: c.fetched_at,
                });
                self.post_content(&config, occurrence, c.title, c.body);
                return Ok(());
            }
            if c.fetched_at < fetch_at {
                // Fetched for an earlier occurrence: it can never become fresh again.
                self.actions.push(Action::RemoveContent {
                    fetched_at: c.fetched_at,
                });
            }
        }
        if fresh(self.state.no_changes_at) {
            return Ok(()); // The fetch ran and found nothing new: no "No updates" notification.
        }
        if config.show_default() {
            self.post_default(&config, occurrence);
        }
        Ok(())
    }

    fn post_default(&mut self, config: &DualConfig, occurrence: Millis) {
        let n = &config.user_notification;
        self.actions.push(Action::Post {
            tag: self.dual_tag(occurrence),
            title: n.title.clone(),
            body: n.body.clone(),
            sound: n.sound,
            source: Source::Default,
            occurrence,
        });
    }

    fn post_content(
        &mut self,
        config: &DualConfig,
        occurrence: Millis,
        title: String,
        body: String,
    ) {
        self.actions.push(Action::Post {
            tag: self.dual_tag(occurrence),
            title,
            body,
            sound: config.user_notification.sound,
            source: Source::Content,
            occurrence,
        });
    }

    fn dual_tag(&self, occurrence: Millis) -> String {
        match self.platform {
            Platform::Android => format!("{ANDROID_DUAL_TAG_PREFIX}{}", occurrence_key(occurrence)),
            Platform::Ios => ios_dual_id(occurrence),
        }
    }

    /// A prefetch finished. "no_changes" is remembered; content for a coming occurrence is armed
    /// for it (iOS; Android's alarm reads the stored content), and content that arrives after its
    /// occurrence's time, within contentTimeout, is shown at once, replacing that occurrence's
    /// fallback.
    fn prefetched(&mut self, outcome: &str, content: Option<Content>) -> Result<()> {
        let Some(config) = self.state.dual.clone() else {
            return Ok(());
        };
        if !config.content_fetch.enabled {
            return Ok(());
        }
        let now = self.now;
        let served = served_occurrence(&config, now, &self.zone)?;
        if self.platform == Platform::Ios && outcome != "retry" {
            self.state.fetched_for = self.state.fetched_for.max(served);
        }
        match (outcome, content) {
            ("no_changes", _) => {
                self.state.no_changes_at = now;
                if self.platform == Platform::Ios && served > now {
                    self.state.skipped.push(served);
                    if self
                        .state
                        .armed_content
                        .as_ref()
                        .is_some_and(|c| c.occurrence == served)
                    {
                        self.state.armed_content = None; // Content from an earlier run stays shown only if delivered.
                    }
                }
            }
            ("ok", Some(c)) => {
                let late = late_occurrence_for(&config, c.fetched_at, &self.zone)?;
                if late != 0 && late <= now {
                    let fetch_at = config.fetch_time().last_at_or_before(late, &self.zone)?;
                    let in_window =
                        c.fetched_at >= fetch_at && c.fetched_at <= late + config.timeout();
                    if late >= self.state.handled
                        && self.state.content_shown_for != late
                        && in_window
                    {
                        if self.platform == Platform::Android {
                            self.actions.push(Action::RemoveContent {
                                fetched_at: c.fetched_at,
                            });
                        } else {
                            self.actions.push(Action::RemoveDelivered {
                                ids: vec![ios_dual_id(late)],
                            });
                        }
                        self.post_content(&config, late, c.title, c.body);
                    }
                } else if self.platform == Platform::Ios && served > now {
                    self.state.skipped.retain(|o| *o != served);
                    self.state.armed_content = Some(ArmedContent {
                        occurrence: served,
                        title: c.title,
                        body: c.body,
                    });
                }
            }
            _ => {} // not_configured, no_plans, no_token, retry, failed: the fallback (if any) stands.
        }
        if self.platform == Platform::Ios {
            self.rearm_ios(true, false)?;
        }
        Ok(())
    }

    // ---- reminders

    fn schedule_reminder(&mut self, reminder: Reminder) -> Result<()> {
        let state = ReminderState {
            reminder,
            armed_at: 0,
            handled: 0,
        };
        let i = match self
            .state
            .reminders
            .iter()
            .position(|r| r.reminder.id == state.reminder.id)
        {
            Some(i) => {
                self.state.reminders[i] = state;
                i
            }
            None => {
                self.state.reminders.push(state);
                self.state.reminders.len() - 1
            }
        };
        match self.platform {
            Platform::Android => self.arm_reminder(i),
            Platform::Ios => {
                self.add_reminder_request(i)?;
                // One request fewer for the dual schedule's days ahead.
                self.rearm_ios(false, false)
            }
        }
    }

    fn cancel_reminder(&mut self, id: &str) {
        match self.platform {
            Platform::Android => self.actions.push(Action::CancelAlarm {
                target: format!("{REMINDER_TARGET_PREFIX}{id}"),
            }),
            Platform::Ios => self.actions.push(Action::RemovePending {
                ids: vec![format!("{IOS_REMINDER_ID_PREFIX}{id}")],
            }),
        }
        self.state.reminders.retain(|r| r.reminder.id != id);
    }

    /// Android: arms the reminder's next occurrence (or a just-missed one, which fires at once).
    fn arm_reminder(&mut self, i: usize) -> Result<()> {
        let r = &self.state.reminders[i];
        let time = r.reminder.time.0;
        let handled = clamp_handled(time, r.handled, self.now, &self.zone)?;
        let at = to_arm(time, r.armed_at, handled, self.now, &self.zone)?;
        let target = format!("{REMINDER_TARGET_PREFIX}{}", r.reminder.id);
        self.actions.push(Action::ArmAlarm { target, at });
        let r = &mut self.state.reminders[i];
        r.armed_at = at;
        r.handled = handled;
        Ok(())
    }

    /// iOS: one repeating request per reminder.
    fn add_reminder_request(&mut self, i: usize) -> Result<()> {
        let r = self.state.reminders[i].reminder.clone();
        let at = r.time.0.next_after(self.now, &self.zone)?;
        self.state.reminders[i].armed_at = at;
        self.actions.push(Action::AddRequest {
            id: format!("{IOS_REMINDER_ID_PREFIX}{}", r.id),
            at,
            title: r.title,
            body: r.body,
            sound: r.sound,
            source: Source::Reminder,
            repeats_daily: true,
        });
        Ok(())
    }

    // ---- status

    fn status(&self) -> Result<Status> {
        let s = &self.state;
        let dual_next = s.dual.as_ref().map(|_| s.armed_at).filter(|t| *t > 0);
        let mut next = dual_next;
        for r in &s.reminders {
            let at = match self.platform {
                Platform::Android => r.armed_at,
                Platform::Ios => r.reminder.time.0.next_after(self.now, &self.zone)?,
            };
            if at > 0 && next.is_none_or(|n| at < n) {
                next = Some(at);
            }
        }
        let fetch_next = s
            .dual
            .as_ref()
            .filter(|c| c.content_fetch.enabled)
            .map(|_| s.next_fetch_at)
            .filter(|t| *t > 0);
        let pending = usize::from(s.dual.is_some()) + s.reminders.len();
        Ok(Status {
            dual: DualStatus {
                scheduled: s.dual.is_some(),
                config: s.dual.clone(),
                next_fetch_at: fetch_next.map(rfc3339),
                next_notification_at: dual_next.map(rfc3339),
            },
            notifications: NotificationStatus {
                is_scheduled: pending > 0,
                next_notification_at: next.map(rfc3339),
                pending,
            },
            reminders: s.reminders.iter().map(|r| r.reminder.clone()).collect(),
        })
    }
}

fn request(id: String, at: Millis, title: &str, body: &str, sound: bool, source: Source) -> Action {
    Action::AddRequest {
        id,
        at,
        title: title.into(),
        body: body.into(),
        sound,
        source,
        repeats_daily: false,
    }
}

fn request_id(a: &Action) -> String {
    match a {
        Action::AddRequest { id, .. } => id.clone(),
        _ => String::new(),
    }
}

pub fn ios_dual_id(occurrence: Millis) -> String {
    format!("{IOS_DUAL_ID_PREFIX}{}", occurrence_key(occurrence))
}

pub fn fetch_work_name(fetch_at: Millis) -> String {
    format!("{FETCH_WORK_PREFIX}{fetch_at}")
}

/// The last handled occurrence as seen from `now`. Handled may lie in the future after the clock
/// went back: up to the next occurrence it still means "this one was shown" (a correction of
/// seconds must not show it twice); beyond it, it would skip every day until then, so it is
/// forgotten.
fn clamp_handled(t: DailyTime, handled: Millis, now: Millis, zone: &Zone) -> Result<Millis> {
    Ok(if handled > t.next_after(now, zone)? {
        0
    } else {
        handled
    })
}

/// The occurrence to arm: the armed one if it was missed by at most MISSED_GRACE_MILLIS and not
/// handled (it fires at once), otherwise the next one after both now and the last handled one.
fn to_arm(
    t: DailyTime,
    armed: Millis,
    handled: Millis,
    now: Millis,
    zone: &Zone,
) -> Result<Millis> {
    if armed > handled && armed <= now && now - armed <= MISSED_GRACE_MILLIS {
        return Ok(armed);
    }
    t.next_after(now.max(handled), zone)
}

/// The occurrence that content fetched at `fetched_at` serves late, or 0: the last one at or
/// before it, if within contentTimeout, unless the fetch was already in time for the next one.
fn late_occurrence_for(config: &DualConfig, fetched_at: Millis, zone: &Zone) -> Result<Millis> {
    let notify = config.notify_time();
    let last = notify.last_at_or_before(fetched_at, zone)?;
    let next_fetch = config
        .fetch_time()
        .last_at_or_before(notify.next_after(fetched_at, zone)?, zone)?;
    if fetched_at - last > config.timeout() || next_fetch <= fetched_at {
        return Ok(0);
    }
    Ok(last)
}

/// The occurrence a prefetch finishing at `now` serves: a late one within contentTimeout, else
/// the next.
fn served_occurrence(config: &DualConfig, now: Millis, zone: &Zone) -> Result<Millis> {
    match late_occurrence_for(config, now, zone)? {
        0 => config.notify_time().next_after(now, zone),
        late => Ok(late),
    }
}
