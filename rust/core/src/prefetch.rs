//! The headless prefetch: ask Endorser what changed in the starred plans since the cursor, with
//! the pool's token for today, and turn the answer into the notification's text.
//!
//! The vault lock is never held across the network: the token is selected and its use recorded
//! first (so a crash cannot lead to the same token on another day), the request runs unlocked,
//! and the result is applied afterwards, only to the configuration it was made for.

use serde::Serialize;

use crate::clock::UnixSeconds;
use crate::endorser::{self, HttpSettings, Reply, ReportRow};
use crate::error::Result;
use crate::fetcher::Fetcher;
use crate::notification::{self, Notification};
use crate::outcome::Outcome;
use crate::redact;
use crate::secret::Secret;
use crate::state::{PrefetchRecord, State, StoredNotification};

/// Pages fetched backwards with `beforeId` when the server says `hitLimit`.
pub const MAX_PAGES: usize = 4;
/// Tokens tried in one prefetch when the server rejects them (the first and 2 more).
pub const MAX_TOKEN_ATTEMPTS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrefetchResult {
    pub outcome: Outcome,
    pub http_status: Option<u16>,
    pub changed_plans: usize,
    pub notification: Option<Notification>,
    pub cursor: Option<String>,
    pub retry_after_seconds: Option<u64>,
    pub message: Option<String>,
}

impl PrefetchResult {
    fn new(outcome: Outcome, http_status: Option<u16>, message: Option<String>) -> Self {
        Self {
            outcome,
            http_status,
            changed_plans: 0,
            notification: None,
            cursor: None,
            retry_after_seconds: None,
            message,
        }
    }
}

/// What the request is made with, copied out of the vault.
struct Ticket {
    generation: u64,
    api_base_url: String,
    plan_ids: Vec<String>,
    after_id: String,
    token: Secret,
}

enum Fetched {
    Rows(Vec<ReportRow>),
    TokenRejected,
    Stop(PrefetchResult),
}

impl Fetcher {
    /// One prefetch at `now`. Every outcome is recorded as `lastPrefetch`; `Err` only when the
    /// store cannot be written (an unreadable store is the `not_configured` outcome).
    pub fn prefetch(&self, now: UnixSeconds) -> Result<PrefetchResult> {
        let begun = self.vault.update(|s| {
            let early = |s: &mut State, outcome, message: &str| {
                let r = PrefetchResult::new(outcome, None, Some(message.to_string()));
                record(s, now, &r);
                Ok(Err(r))
            };
            let Some(f) = s.fetcher.as_mut() else {
                return early(
                    s,
                    Outcome::NotConfigured,
                    "configureNativeFetcher has not been called",
                );
            };
            if s.starred_plan_ids.is_empty() {
                return early(s, Outcome::NoPlans, "no starred plans");
            }
            let Some(i) = f.pool.select(now) else {
                return early(
                    s,
                    Outcome::NoToken,
                    "no usable token is left; mint a new pool",
                );
            };
            Ok(Ok(Ticket {
                generation: f.generation,
                api_base_url: f.api_base_url.clone(),
                plan_ids: s.starred_plan_ids.clone(),
                after_id: s.cursor.clone().unwrap_or_else(|| "0".to_string()),
                token: f.pool.entries[i].token.clone(),
            }))
        });
        let mut ticket = match begun {
            Ok(Ok(t)) => t,
            Ok(Err(done)) => return Ok(done),
            Err(e) if e.code.needs_configure() => {
                return Ok(PrefetchResult::new(
                    Outcome::NotConfigured,
                    None,
                    Some(format!("{}: configure again", e.code)),
                ));
            }
            Err(e) => return Err(e),
        };
        let settings = self.http_settings();
        for attempt in 1..=MAX_TOKEN_ATTEMPTS {
            log::info!(
                "prefetch with {} (attempt {attempt})",
                redact::fingerprint(ticket.token.expose())
            );
            match fetch_pages(&settings, &ticket) {
                (status, Fetched::Rows(rows)) => return self.finish_ok(&ticket, status, rows, now),
                (status, Fetched::Stop(r)) => return self.finish(&ticket, now, r, status, None),
                (status, Fetched::TokenRejected) => {
                    let retry = attempt < MAX_TOKEN_ATTEMPTS;
                    let next = self
                        .vault
                        .update(|s| Ok(reject_and_reselect(s, &ticket, now, retry)))?;
                    match next {
                        Some(t) => ticket = t,
                        None if retry => {
                            let r = PrefetchResult::new(
                                Outcome::NoToken,
                                status,
                                Some("the server rejected the token and none is left".into()),
                            );
                            return self.finish(&ticket, now, r, status, None);
                        }
                        None => break,
                    }
                }
            }
        }
        let r = PrefetchResult::new(
            Outcome::Failed,
            Some(400),
            Some(format!(
                "the server rejected {MAX_TOKEN_ATTEMPTS} tokens in a row"
            )),
        );
        self.finish(&ticket, now, r, Some(400), None)
    }

    fn finish_ok(
        &self,
        ticket: &Ticket,
        status: Option<u16>,
        rows: Vec<ReportRow>,
        now: UnixSeconds,
    ) -> Result<PrefetchResult> {
        let names: Vec<Option<&str>> = rows.iter().map(|r| r.plan.name.as_deref()).collect();
        let notification = notification::compose(&names);
        let newest = rows.iter().map(|r| r.plan.jwt_id.as_str()).max();
        let cursor = match newest {
            Some(n) if n > ticket.after_id.as_str() || ticket.after_id == "0" => n.to_string(),
            _ => ticket.after_id.clone(),
        };
        let outcome = if rows.is_empty() {
            Outcome::NoChanges
        } else {
            Outcome::Ok
        };
        let result = PrefetchResult {
            outcome,
            http_status: status,
            changed_plans: rows.len(),
            notification: notification.clone(),
            cursor: (cursor != "0").then(|| cursor.clone()),
            retry_after_seconds: None,
            message: None,
        };
        self.finish(ticket, now, result, status, Some((notification, cursor)))
    }

    /// Records the outcome; applies content and cursor only if the configuration is the one the
    /// request was made for (the app may have re-configured meanwhile).
    fn finish(
        &self,
        ticket: &Ticket,
        now: UnixSeconds,
        result: PrefetchResult,
        status: Option<u16>,
        apply: Option<(Option<Notification>, String)>,
    ) -> Result<PrefetchResult> {
        debug_assert_eq!(status, result.http_status);
        self.vault.update(|s| {
            record(s, now, &result);
            let current = s.fetcher.as_ref().map(|f| f.generation) == Some(ticket.generation);
            if let (true, Some((notification, cursor))) = (current, apply) {
                s.notification = notification.map(|n| StoredNotification {
                    title: n.title,
                    body: n.body,
                    created_at: now,
                });
                s.cursor = (cursor != "0").then_some(cursor);
            }
            Ok(())
        })?;
        log::info!(
            "prefetch outcome {:?} (HTTP {:?}, {} changed)",
            result.outcome,
            result.http_status,
            result.changed_plans
        );
        Ok(result)
    }
}

fn record(s: &mut State, now: UnixSeconds, r: &PrefetchResult) {
    s.last_prefetch = Some(PrefetchRecord {
        at: now,
        outcome: r.outcome,
        http_status: r.http_status,
        changed_plans: r.changed_plans,
    });
}

/// Marks the ticket's token rejected and, if allowed, selects the next one.
fn reject_and_reselect(
    s: &mut State,
    ticket: &Ticket,
    now: UnixSeconds,
    reselect: bool,
) -> Option<Ticket> {
    let f = s.fetcher.as_mut()?;
    f.pool
        .mark_rejected(&redact::token_id(ticket.token.expose()));
    if !reselect {
        return None;
    }
    let i = f.pool.select(now)?;
    Some(Ticket {
        generation: f.generation,
        api_base_url: f.api_base_url.clone(),
        plan_ids: ticket.plan_ids.clone(),
        after_id: ticket.after_id.clone(),
        token: f.pool.entries[i].token.clone(),
    })
}

/// The changed plans, newest first: the first page and, while the server reports `hitLimit`,
/// older pages with `beforeId`, up to `MAX_PAGES`.
fn fetch_pages(settings: &HttpSettings, t: &Ticket) -> (Option<u16>, Fetched) {
    let mut rows: Vec<ReportRow> = Vec::new();
    let mut before: Option<String> = None;
    let mut last_status = None;
    for _ in 0..MAX_PAGES {
        let (status, reply) = endorser::plans_last_updated_between(
            settings,
            &t.api_base_url,
            &t.token,
            &t.plan_ids,
            &t.after_id,
            before.as_deref(),
        );
        last_status = status;
        let page = match reply {
            Reply::Page(p) => p,
            Reply::TokenRejected => return (status, Fetched::TokenRejected),
            Reply::Transient {
                retry_after,
                message,
            } => {
                let mut r = PrefetchResult::new(Outcome::Retry, status, Some(message));
                r.retry_after_seconds = Some(retry_after);
                return (status, Fetched::Stop(r));
            }
            Reply::Failed { message } => {
                return (
                    status,
                    Fetched::Stop(PrefetchResult::new(Outcome::Failed, status, Some(message))),
                );
            }
        };
        let smallest = page.data.iter().map(|r| r.plan.jwt_id.clone()).min();
        let more = page.hit_limit;
        rows.extend(page.data);
        match smallest {
            Some(s) if more => before = Some(s),
            _ => break,
        }
    }
    (last_status, Fetched::Rows(rows))
}
