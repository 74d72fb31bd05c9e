//! What the schedule means on Android: one exact alarm per schedule (the next occurrence), its
//! prefetch as unique WorkManager work, and at the alarm what the occurrence shows.
//!
//! With exact alarms permitted the prefetch is also started by an exact while-idle alarm
//! ("dualFetch"), which Doze honours with a short network allowance where a WorkManager job waits
//! for a maintenance window. It goes off FETCH_ALARM_LEAD_MILLIS (10 min) before the notification
//! at the latest, so that Doze's one-while-idle-alarm-per-~9-minutes rule never defers the
//! notification alarm behind it. The job stays queued as the fallback: it runs the prefetch only
//! if the alarm's run did not finish for that occurrence (`fetchStart`), so no token is spent
//! twice for one occurrence.

use super::config::DualConfig;
use super::daily::Millis;
use super::plan::*;
use crate::error::Result;

impl Planner {
    /// Android: one alarm for the next occurrence and, with `with_fetch`, its prefetch.
    pub(super) fn rearm_android(&mut self, with_fetch: bool) -> Result<()> {
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
        self.arm_fetch_alarm(&config, occurrence)?;
        if with_fetch {
            if config.content_fetch.enabled {
                let fetch_at = config
                    .fetch_time()
                    .last_at_or_before(occurrence, &self.zone)?;
                self.queue_prefetch(&config, fetch_at);
                let first = match self.state.fetch_alarm_at {
                    0 => fetch_at,
                    alarm => alarm.min(fetch_at),
                };
                self.state.next_fetch_at = self.now.max(first);
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

    /// The fetch alarm of `occurrence`: armed when exact alarms are permitted, fetching is on, its
    /// instant is still ahead and no prefetch finished for the occurrence; otherwise cancelled.
    fn arm_fetch_alarm(&mut self, config: &DualConfig, occurrence: Millis) -> Result<()> {
        let at = fetch_window_start(config, occurrence, &self.zone)?;
        let wanted = self.exact_alarms
            && config.content_fetch.enabled
            && at > self.now
            && self.state.fetched_for < occurrence;
        if wanted {
            self.actions.push(Action::ArmAlarm {
                target: FETCH_TARGET.into(),
                at,
            });
            self.state.fetch_alarm_at = at;
        } else if self.state.fetch_alarm_at != 0 {
            self.actions.push(Action::CancelAlarm {
                target: FETCH_TARGET.into(),
            });
            self.state.fetch_alarm_at = 0;
        }
        Ok(())
    }

    /// The fetch alarm fired or the WorkManager job started: `runFetch` with the starter's
    /// deadline, or `skipFetch`. The alarm does not fetch an occurrence any prefetch finished for;
    /// the job does not fetch one the alarm's prefetch finished for (without the alarm the job
    /// behaves as before: each run prefetches); neither starts while the other runs for it.
    pub(super) fn fetch_start(&mut self, by: FetchStarter) -> Result<()> {
        if by == FetchStarter::Alarm {
            self.state.fetch_alarm_at = 0; // it fired
        }
        let Some(config) = self.state.dual.clone() else {
            if by == FetchStarter::Alarm {
                // A fetch alarm left from a schedule that is gone (cancelled, or a stateReset):
                // nothing to fetch for, and no 25 s run under goAsync.
                self.actions.push(Action::SkipFetch {
                    reason: SkipReason::Done,
                });
                return Ok(());
            }
            // No schedule (a job left from an older state, or a host's own use): as before.
            self.actions.push(Action::RunFetch {
                deadline_millis: WORK_FETCH_DEADLINE_MILLIS,
            });
            return Ok(());
        };
        let served = served_occurrence(&config, self.now, &self.zone)?;
        let done = match by {
            FetchStarter::Alarm => self.state.fetched_for,
            FetchStarter::Work => self.state.alarm_fetched_for,
        };
        let reason = if !config.content_fetch.enabled || done >= served {
            Some(SkipReason::Done)
        } else if self.state.fetch_running_for == served
            && self.now < self.state.fetch_running_until
        {
            Some(SkipReason::Running)
        } else {
            None
        };
        if let Some(reason) = reason {
            self.actions.push(Action::SkipFetch { reason });
            return Ok(());
        }
        let deadline = match by {
            FetchStarter::Alarm => ALARM_FETCH_DEADLINE_MILLIS,
            FetchStarter::Work => WORK_FETCH_DEADLINE_MILLIS,
        };
        self.state.fetch_running_for = served;
        self.state.fetch_running_until = self.now + deadline + FETCH_LEASE_MARGIN_MILLIS;
        self.actions.push(Action::RunFetch {
            deadline_millis: deadline,
        });
        Ok(())
    }

    /// Queues the prefetch of `fetch_at` as its own unique work (KEEP). The previously queued
    /// instant's work is cancelled unless it is due and its occurrence is still within
    /// contentTimeout: day N's alarm queues day N+1 while day N's prefetch may still wait for the
    /// network, and its late content must still replace the fallback.
    pub(super) fn queue_prefetch(&mut self, config: &DualConfig, fetch_at: Millis) {
        let (queued_at, queued_for, now) =
            (self.state.queued_fetch_at, self.state.queued_for, self.now);
        if queued_at == fetch_at && fetch_at <= now {
            return; // Due already: it has run or runs now; KEEP would start a finished one again.
        }
        if queued_at != 0
            && queued_at != fetch_at
            && !(queued_at <= now && now <= queued_for.saturating_add(config.timeout()))
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

    /// Android: the dual schedule's or a reminder's alarm fired.
    pub(super) fn fired(
        &mut self,
        target: &str,
        occurrence: Millis,
        content: Option<Content>,
    ) -> Result<()> {
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
                    cursor: None,
                    plan_ids: Vec::new(),
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
    pub(super) fn show_occurrence(
        &mut self,
        occurrence: Millis,
        content: Option<Content>,
    ) -> Result<()> {
        let Some(config) = self.state.dual.clone() else {
            return Ok(());
        };
        if !config.content_fetch.enabled {
            self.post_default(&config, occurrence);
            return Ok(());
        }
        let fetch_at = fetch_window_start(&config, occurrence, &self.zone)?;
        let fresh = |t: Millis| t >= fetch_at && t <= occurrence + config.timeout();
        if let Some(c) = content {
            if fresh(c.fetched_at) {
                self.actions.push(Action::RemoveContent {
                    fetched_at: c.fetched_at,
                });
                self.post_content(&config, occurrence, c);
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
}
