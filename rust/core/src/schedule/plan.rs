//! The schedule's state machine: one event in (a plugin call, an alarm, a finished prefetch, a
//! boot, a clock or zone change...), the new state and the platform's actions out. The platform
//! persists `state` as given and runs `actions` in order; it decides nothing (docs/core-contract.md,
//! "Schedule").

use serde_json::Value;

use super::config::{self, DualConfig, Reminder};
use super::daily::{DailyTime, Millis, Zone, occurrence_key, rfc3339};
pub use super::shapes::*;
use crate::error::{CoreError, ErrorCode, Result};
use crate::outcome::Outcome;

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
    match request
        .private_state
        .map(serde_json::from_value::<PrivateState>)
    {
        Some(Ok(private)) if private.armed_content.is_some() => {
            state.armed_content = private.armed_content
        }
        Some(Err(_)) => {
            log::warn!("schedule private state unreadable: content armed ahead dropped")
        }
        _ => {}
    }
    // iOS: what the notification center lost is no longer armed, whatever the state says:
    // re-arming adds it back.
    let pending_ids = request
        .pending_ids
        .filter(|_| request.platform == Platform::Ios);
    if let Some(pending) = &pending_ids {
        state.armed_ids.retain(|id| pending.contains(id));
    }
    let mut p = Planner {
        platform: request.platform,
        zone,
        now: request.now,
        exact_alarms: request.exact_alarms_permitted,
        content_changed: false,
        state,
        actions: Vec::new(),
        pending_ids,
    };
    p.handle(request.event)?;
    let status = p.status()?;
    let private_state = PrivateState {
        armed_content: p.state.armed_content.clone(),
    };
    Ok(Response {
        state_reset,
        state: p.state,
        private_state,
        actions: p.actions,
        status,
    })
}

pub(super) struct Planner {
    pub(super) platform: Platform,
    pub(super) zone: Zone,
    pub(super) now: Millis,
    /// Android: exact alarms are permitted (the fetch alarm may be armed).
    pub(super) exact_alarms: bool,
    /// iOS: fetched content was armed by this event (it replaces the pending default of its day).
    pub(super) content_changed: bool,
    pub(super) state: State,
    pub(super) actions: Vec<Action>,
    /// iOS: the plugin's requests really pending (`pendingIds`), when the platform sent them.
    pub(super) pending_ids: Option<Vec<String>>,
}

impl Planner {
    pub(super) fn handle(&mut self, event: Event) -> Result<()> {
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
            // App start queues the next prefetch too (KEEP: a pending one stays): an alarm the
            // phone maker suppressed must not lose the next day's prefetch.
            Event::Load => self.rearm_all(true, false),
            Event::PermissionChange => self.rearm_all(false, true),
            Event::FetcherCleared => {
                self.state.armed_content = None;
                self.rearm_all(false, true)
            }
            Event::Boot | Event::TimeChange => self.rearm_all(true, true),
            Event::Fired {
                target,
                occurrence,
                content,
            } => {
                self.fired(&target, occurrence, content)?;
                self.rearm_other_android_alarms(&target)
            }
            // The job and the fetch alarm are entry points that survive what removes alarms
            // without a broadcast (an exact-alarm revoke, an OEM task killer, a force stop), so
            // on Android each of them re-arms the plan as well.
            Event::Prefetched {
                outcome,
                content,
                by,
            } => {
                self.prefetched(outcome, content, by)?;
                self.rearm_android_alarms()
            }
            Event::FetchStart { by } => {
                self.fetch_start(by)?;
                self.rearm_android_alarms()
            }
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

    pub(super) fn replace_dual(&mut self, config: DualConfig) -> Result<()> {
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

    pub(super) fn cancel_dual(&mut self) {
        match self.platform {
            Platform::Android => {
                self.actions.push(Action::CancelAlarm {
                    target: DUAL_TARGET.into(),
                });
                if self.state.fetch_alarm_at != 0 {
                    self.actions.push(Action::CancelAlarm {
                        target: FETCH_TARGET.into(),
                    });
                }
            }
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
        s.fetch_alarm_at = 0;
        s.alarm_fetched_for = 0;
        s.fetch_running_for = 0;
        s.fetch_running_until = 0;
    }

    pub(super) fn rearm_all(&mut self, with_fetch: bool, full: bool) -> Result<()> {
        self.rearm_dual(with_fetch, full)?;
        if self.platform == Platform::Android {
            for i in 0..self.state.reminders.len() {
                self.arm_reminder(i)?;
            }
        } else {
            for i in 0..self.state.reminders.len() {
                let id = ios_reminder_id(&self.state.reminders[i].reminder.id);
                let lost = self.pending_ids.as_ref().is_some_and(|p| !p.contains(&id));
                if full || lost {
                    self.add_reminder_request(i)?;
                }
            }
            self.remove_orphans(IOS_REMINDER_ID_PREFIX, |s, id| {
                s.reminders
                    .iter()
                    .any(|r| ios_reminder_id(&r.reminder.id) == id)
            });
        }
        Ok(())
    }

    /// Android: after an alarm of `fired` ran (which re-armed its own target), the plan's other
    /// alarms armed again, so that one alarm that still fires brings back the ones removed.
    fn rearm_other_android_alarms(&mut self, fired: &str) -> Result<()> {
        if self.platform != Platform::Android {
            return Ok(());
        }
        if fired != DUAL_TARGET && self.state.dual.is_some() {
            self.rearm_dual(false, false)?;
        }
        for i in 0..self.state.reminders.len() {
            let target = format!(
                "{REMINDER_TARGET_PREFIX}{}",
                self.state.reminders[i].reminder.id
            );
            if target != fired {
                self.arm_reminder(i)?;
            }
        }
        Ok(())
    }

    /// Android: every alarm of the plan armed again (the same PendingIntents: idempotent), without
    /// queueing a prefetch (the job asking is the prefetch).
    fn rearm_android_alarms(&mut self) -> Result<()> {
        if self.platform != Platform::Android {
            return Ok(());
        }
        self.rearm_all(false, false)
    }

    pub(super) fn rearm_dual(&mut self, with_fetch: bool, full: bool) -> Result<()> {
        match self.platform {
            Platform::Android => self.rearm_android(with_fetch),
            Platform::Ios => self.rearm_ios(with_fetch, full),
        }
    }

    pub(super) fn post_default(&mut self, config: &DualConfig, occurrence: Millis) {
        let n = &config.user_notification;
        self.actions.push(Action::Post {
            tag: self.dual_tag(occurrence),
            title: n.title.clone(),
            body: n.body.clone(),
            sound: n.sound,
            source: Source::Default,
            occurrence,
            cursor: None,
            plan_ids: Vec::new(),
        });
    }

    pub(super) fn post_content(&mut self, config: &DualConfig, occurrence: Millis, c: Content) {
        self.actions.push(Action::Post {
            tag: self.dual_tag(occurrence),
            title: c.title,
            body: c.body,
            sound: config.user_notification.sound,
            source: Source::Content,
            occurrence,
            cursor: c.cursor,
            plan_ids: c.plan_ids,
        });
    }

    pub(super) fn dual_tag(&self, occurrence: Millis) -> String {
        match self.platform {
            Platform::Android => format!("{ANDROID_DUAL_TAG_PREFIX}{}", occurrence_key(occurrence)),
            Platform::Ios => ios_dual_id(occurrence),
        }
    }

    /// A prefetch finished. "no_changes" is remembered; content for a coming occurrence is armed
    /// for it (iOS; Android's alarm reads the stored content), and content that arrives after its
    /// occurrence's time, within contentTimeout, is shown at once, replacing that occurrence's
    /// fallback.
    pub(super) fn prefetched(
        &mut self,
        outcome: Outcome,
        content: Option<Content>,
        by: FetchStarter,
    ) -> Result<()> {
        let Some(config) = self.state.dual.clone() else {
            return Ok(());
        };
        if !config.content_fetch.enabled {
            return Ok(());
        }
        let now = self.now;
        let served = served_occurrence(&config, now, &self.zone)?;
        if self.state.fetch_running_for == served {
            self.state.fetch_running_for = 0; // finished: the other starter may run (after a retry)
            self.state.fetch_running_until = 0;
        }
        if outcome != Outcome::Retry {
            self.state.fetched_for = self.state.fetched_for.max(served);
            if by == FetchStarter::Alarm {
                self.state.alarm_fetched_for = self.state.alarm_fetched_for.max(served);
            }
        }
        // iOS with skip: the default armed ahead stands only while no prefetch had its say; one
        // that ended without content for the day (a final failure, no token...) removes it, as
        // Android shows nothing then. `retry` may still be followed by another run.
        let skip_without_content = self.platform == Platform::Ios
            && !config.show_default()
            && !matches!(outcome, Outcome::Ok | Outcome::Retry | Outcome::NoChanges);
        if skip_without_content && served > now {
            self.skip_ios_occurrence(served);
        }
        match (outcome, content) {
            (Outcome::NoChanges, _) => {
                self.state.no_changes_at = now;
                if self.platform == Platform::Ios && served > now {
                    self.skip_ios_occurrence(served);
                }
            }
            (Outcome::Ok, Some(c)) => {
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
                        self.post_content(&config, late, c);
                    }
                } else if self.platform == Platform::Ios && served > now {
                    self.state.skipped.retain(|o| *o != served);
                    self.state.armed_content = Some(ArmedContent {
                        occurrence: served,
                        title: c.title,
                        body: c.body,
                        plan_ids: c.plan_ids,
                    });
                    self.content_changed = true;
                }
            }
            _ => {} // not_configured, no_plans, no_token, retry, failed: the fallback (if any) stands.
        }
        if self.platform == Platform::Ios {
            self.rearm_ios(true, false)?;
        }
        Ok(())
    }

    /// iOS: nothing is shown for `occurrence` (its pending default is removed when re-arming).
    fn skip_ios_occurrence(&mut self, occurrence: Millis) {
        if !self.state.skipped.contains(&occurrence) {
            self.state.skipped.push(occurrence);
        }
        if self
            .state
            .armed_content
            .as_ref()
            .is_some_and(|c| c.occurrence == occurrence)
        {
            self.state.armed_content = None; // Content from an earlier run stays shown only if delivered.
        }
    }

    // ---- reminders

    pub(super) fn schedule_reminder(&mut self, reminder: Reminder) -> Result<()> {
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

    pub(super) fn cancel_reminder(&mut self, id: &str) {
        match self.platform {
            Platform::Android => self.actions.push(Action::CancelAlarm {
                target: format!("{REMINDER_TARGET_PREFIX}{id}"),
            }),
            Platform::Ios => self.actions.push(Action::RemovePending {
                ids: vec![ios_reminder_id(id)],
            }),
        }
        self.state.reminders.retain(|r| r.reminder.id != id);
    }

    /// Android: arms the reminder's next occurrence (or a just-missed one, which fires at once).
    pub(super) fn arm_reminder(&mut self, i: usize) -> Result<()> {
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

    // ---- status

    pub(super) fn status(&self) -> Result<Status> {
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

pub fn ios_dual_id(occurrence: Millis) -> String {
    format!("{IOS_DUAL_ID_PREFIX}{}", occurrence_key(occurrence))
}

pub fn ios_reminder_id(reminder_id: &str) -> String {
    format!("{IOS_REMINDER_ID_PREFIX}{reminder_id}")
}

pub fn fetch_work_name(fetch_at: Millis) -> String {
    format!("{FETCH_WORK_PREFIX}{fetch_at}")
}

/// The last handled occurrence as seen from `now`. Handled may lie in the future after the clock
/// went back: up to the next occurrence it still means "this one was shown" (a correction of
/// seconds must not show it twice); beyond it, it would skip every day until then, so it is
/// forgotten.
pub(super) fn clamp_handled(
    t: DailyTime,
    handled: Millis,
    now: Millis,
    zone: &Zone,
) -> Result<Millis> {
    Ok(if handled > t.next_after(now, zone)? {
        0
    } else {
        handled
    })
}

/// The occurrence to arm: the armed one if it was missed by at most MISSED_GRACE_MILLIS and not
/// handled (it fires at once), otherwise the next one after both now and the last handled one.
pub(super) fn to_arm(
    t: DailyTime,
    armed: Millis,
    handled: Millis,
    now: Millis,
    zone: &Zone,
) -> Result<Millis> {
    // `armed` comes from the stored state, which the platform hands back: saturating, so a crafted
    // one cannot overflow (review n2).
    if armed > handled && armed <= now && now.saturating_sub(armed) <= MISSED_GRACE_MILLIS {
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

/// The first instant a prefetch for `occurrence` may run: its fetch time, or the fetch alarm's
/// (FETCH_ALARM_LEAD_MILLIS before it) when that is earlier. Content fetched from here on is fresh.
pub(super) fn fetch_window_start(
    config: &DualConfig,
    occurrence: Millis,
    zone: &Zone,
) -> Result<Millis> {
    let fetch_at = config.fetch_time().last_at_or_before(occurrence, zone)?;
    Ok(fetch_at.min(occurrence - FETCH_ALARM_LEAD_MILLIS))
}

/// The occurrence a prefetch finishing at `now` serves: a late one within contentTimeout, else
/// the next.
pub(super) fn served_occurrence(config: &DualConfig, now: Millis, zone: &Zone) -> Result<Millis> {
    match late_occurrence_for(config, now, zone)? {
        0 => config.notify_time().next_after(now, zone),
        late => Ok(late),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review n2: a stored `armed` far in the past (a crafted or corrupted state) once overflowed
    /// `now - armed`.
    #[test]
    fn a_crafted_armed_instant_does_not_overflow() {
        let zone = Zone::named("UTC").unwrap();
        let t = DailyTime::from_hhmm("07:30").unwrap();
        let now = 1_795_327_200_000;
        let next = to_arm(t, i64::MIN + 1, i64::MIN, now, &zone).unwrap();
        assert!(next > now);
    }
    /// Review n7: the prefetch outcome the platform reports is the core's own enum.
    #[test]
    fn a_prefetched_event_takes_only_the_cores_outcomes() {
        let event = |outcome: &str| {
            crate::json::schedule(
                &serde_json::json!({"platform": "ios", "zone": "UTC", "now": 1_795_327_200_000_i64,
                    "state": null, "event": {"type": "prefetched", "outcome": outcome}})
                .to_string(),
            )
        };
        assert!(event("cancelled").is_ok());
        assert!(event("no_token").is_ok());
        let e = event("nope").unwrap_err();
        assert_eq!(e.code, crate::error::ErrorCode::InvalidArgument);
        assert!(!e.message.contains("nope"), "{}", e.message);
    }
}
