//! What the schedule means on iOS: notification requests for the coming days within the app's
//! share of the 64 pending requests, one repeating request per reminder, and the background fetch.
//!
//! Nothing of the app runs at the notification time on iOS, and refresh tasks run when iOS
//! chooses (never after a force-quit, with Background App Refresh off or in Low Power Mode). So
//! the default is armed for every coming day whatever `fallbackBehavior` says, and the prefetch
//! replaces a day's request with fetched content or removes it: with `no_changes` always, and with
//! `skip` also after a prefetch that ended without content. `skip` therefore means "nothing when a
//! prefetch for that day ran and had nothing to show", never "nothing when no prefetch ran".

use super::daily::Millis;
use super::plan::*;
use crate::error::Result;

impl Planner {
    /// iOS: the next background fetch request and the notification requests of the coming days.
    pub(super) fn rearm_ios(&mut self, with_fetch: bool, full: bool) -> Result<()> {
        let Some(config) = self.state.dual.clone() else {
            self.remove_orphans(IOS_DUAL_ID_PREFIX, |_, _| false);
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
        // The default for every coming day (see the module note), within the budget.
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
        let content_id = self
            .state
            .armed_content
            .as_ref()
            .map(|c| ios_dual_id(c.occurrence));
        for action in wanted {
            let id = request_id(&action);
            // New content replaces the default armed under the same id.
            let replaces = self.content_changed && content_id.as_ref() == Some(&id);
            if full || replaces || !self.state.armed_ids.contains(&id) {
                self.actions.push(action);
            }
        }
        self.state.armed_ids = wanted_ids;
        self.remove_orphans(IOS_DUAL_ID_PREFIX, |s, id| {
            s.armed_ids.iter().any(|a| a == id)
        });
        Ok(())
    }

    /// Pending requests with `prefix` that the state does not account for (`known`): left by a
    /// state that was reset or not written. Removed, or they would fire beside the ones armed now.
    /// Needs `pendingIds`.
    pub(super) fn remove_orphans(&mut self, prefix: &str, known: impl Fn(&State, &str) -> bool) {
        let orphans: Vec<String> = self
            .pending_ids
            .iter()
            .flatten()
            .filter(|id| id.starts_with(prefix) && !known(&self.state, id))
            .filter(|id| !self.actions.iter().any(|a| removes(a, id)))
            .cloned()
            .collect();
        if !orphans.is_empty() {
            self.actions.push(Action::RemovePending { ids: orphans });
        }
    }

    pub(super) fn remove_armed_requests(&mut self) {
        if !self.state.armed_ids.is_empty() {
            let ids = std::mem::take(&mut self.state.armed_ids);
            self.actions.push(Action::RemovePending { ids });
        }
    }

    /// iOS: one repeating request per reminder.
    pub(super) fn add_reminder_request(&mut self, i: usize) -> Result<()> {
        let r = self.state.reminders[i].reminder.clone();
        let at = r.time.0.next_after(self.now, &self.zone)?;
        self.state.reminders[i].armed_at = at;
        let time = r.time.0;
        self.actions.push(Action::AddRequest {
            id: ios_reminder_id(&r.id),
            at,
            title: r.title,
            body: r.body,
            sound: r.sound,
            source: Source::Reminder,
            repeats_daily: true,
            daily_at: Some(HourMinute {
                hour: time.hour,
                minute: time.minute,
            }),
        });
        Ok(())
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
        daily_at: None,
    }
}

fn removes(a: &Action, id: &str) -> bool {
    matches!(a, Action::RemovePending { ids } if ids.iter().any(|i| i == id))
}

fn request_id(a: &Action) -> String {
    match a {
        Action::AddRequest { id, .. } => id.clone(),
        _ => String::new(),
    }
}
