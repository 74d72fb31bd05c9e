//! The headless prefetch: ask Endorser what changed in the starred plans since the cursor, with
//! the pool's token for today, and turn the answer into the notification's text.
//!
//! The vault lock is never held across the network: the token is selected and its use recorded
//! first (so a crash cannot lead to the same token on another day), each request runs unlocked,
//! and the result is applied afterwards, only to the configuration it was made for, and only to
//! a store that still exists (a `clear` meanwhile wins).
//!
//! Bounds (docs/core-contract.md, "Prefetch"):
//! - tokens: at most `MAX_TOKENS_PER_RUN` distinct tokens per run, rotations included, whatever
//!   the number of pages. After a rotation paging goes on from the current `beforeId` and keeps
//!   the rows it has (a one-time-use server takes one token per page);
//! - time: the caller's deadline; every request's timeout shrinks to what is left of it;
//! - pages: none of their own. When the tokens or the time run out before the last page, the
//!   notification says "or more" (`complete: false`), never a lower count as if it were exact.
//!
//! The cursor does not move here. The notification carries the newest `jwtId` it covers, and the
//! platform acknowledges its delivery (`acknowledge_delivery`); until then the next prefetch
//! starts from the same cursor, so a change never shown is carried into the next notification.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::clock::UnixSeconds;
use crate::endorser::{self, HttpSettings, Reply, ReportRow};
use crate::error::Result;
use crate::fetcher::{Fetcher, NOT_CONFIGURED};
use crate::notification::{self, Notification};
use crate::outcome::Outcome;
use crate::pool::Refusal;
use crate::redact;
use crate::secret::Secret;
use crate::state::{PrefetchRecord, State, StoredNotification};

/// Distinct tokens one prefetch may send, rotations included (100 tokens cover about 90 days).
pub const MAX_TOKENS_PER_RUN: usize = 3;
/// The deadline of `prefetch` when the caller gives none: an iOS refresh task has about 30 s.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(25);
/// No request is started with less time than this left.
pub const MIN_REQUEST_TIME: Duration = Duration::from_millis(500);
/// Rejections of distinct tokens for the same pool-wide reason that make the run stop and the
/// pool refused until the app configures new tokens.
pub const SAME_REASON_LIMIT: usize = 2;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrefetchResult {
    pub outcome: Outcome,
    pub http_status: Option<u16>,
    /// Changed plans fetched. With `complete` false there are more (at least this many).
    pub changed_plans: usize,
    /// With a notification: the handle ids of the plans it names, each once, in the report's
    /// order (the app's tap event carries them, to open those plans).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed_plan_ids: Vec<String>,
    pub complete: bool,
    pub notification: Option<Notification>,
    /// With a notification: the newest `jwtId` it covers, to pass to `acknowledgeDelivery` once
    /// it was shown. Otherwise the stored cursor.
    pub cursor: Option<String>,
    pub retry_after_seconds: Option<u64>,
    /// Why the server refused the run's last token, when it did.
    pub token_refusal: Option<Refusal>,
    /// The first run (no cursor yet): the cursor was established, nothing is notified.
    pub baseline: bool,
    /// Report requests sent and distinct tokens they carried.
    pub requests: usize,
    pub tokens_sent: usize,
    /// Report rows that did not parse: skipped, and counted in the text as changes that cannot
    /// be named (review m6).
    pub malformed_rows: usize,
    pub message: Option<String>,
}

impl PrefetchResult {
    fn new(outcome: Outcome, http_status: Option<u16>, message: Option<String>) -> Self {
        Self {
            outcome,
            http_status,
            changed_plans: 0,
            changed_plan_ids: Vec::new(),
            complete: true,
            notification: None,
            cursor: None,
            retry_after_seconds: None,
            token_refusal: None,
            baseline: false,
            requests: 0,
            tokens_sent: 0,
            malformed_rows: 0,
            message,
        }
    }
}

/// What the requests are made with, copied out of the vault.
struct Ticket {
    generation: u64,
    /// The identity the configuration was for: a run whose identity is gone is cancelled.
    active_did: String,
    api_base_url: String,
    plan_ids: Vec<String>,
    /// The stored cursor, `"0"` when there is none.
    after_id: String,
    token: Secret,
    /// The token had never been sent before this request (nor accepted earlier in this run).
    fresh: bool,
    /// The server answered a request with this token (in this run, or in an earlier one).
    accepted: bool,
}

impl Ticket {
    fn baseline(&self) -> bool {
        self.after_id == "0"
    }

    fn same_query(&self, other: &Ticket) -> bool {
        self.plan_ids == other.plan_ids && self.after_id == other.after_id
    }

    /// How a refusal of this ticket's token is read. A token the server already accepted from
    /// this device (earlier in this run, or in an earlier run) is spent, whatever the server's
    /// words: a one-time-use server may word reuse any way it likes. Otherwise the words say why.
    /// Only a refusal on the token's first use counts toward the pool (`after_rejection`).
    fn refusal(&self, words: Refusal) -> Refusal {
        if self.accepted && words != Refusal::NotYetValid {
            Refusal::AlreadyUsed
        } else {
            words
        }
    }
}

/// Progress of one run.
#[derive(Default)]
struct Run {
    rows: Vec<ReportRow>,
    before: Option<String>,
    requests: usize,
    tokens_sent: usize,
    /// Pool-wide reasons counted so far (one per rejected token), for the configuration of the
    /// current ticket only: a configure during the run starts the count again.
    reasons: Vec<Refusal>,
    status: Option<u16>,
    /// Rows that did not parse, kept in `rows` as changes that cannot be named.
    malformed: usize,
}

impl Run {
    fn result(&self, outcome: Outcome, message: impl Into<String>) -> PrefetchResult {
        let mut r = PrefetchResult::new(outcome, self.status, Some(message.into()));
        r.requests = self.requests;
        r.tokens_sent = self.tokens_sent;
        r.malformed_rows = self.malformed;
        r
    }

    /// The newest jwtId among the rows, when any row carries one.
    fn newest(&self) -> Option<String> {
        self.rows.iter().filter_map(|r| r.jwt_id.clone()).max()
    }
}

/// What the vault says after a rejection.
enum AfterRejection {
    Next(Ticket),
    Stop(Outcome, &'static str),
}

/// What a finished run writes besides `lastPrefetch`.
enum Apply {
    Nothing,
    /// The first run: the newest `jwtId` becomes the cursor.
    Baseline(Option<String>),
    /// Nothing changed since the query's cursor.
    NoChanges,
    Pending(Notification, String, bool),
}

/// How a run begins: with a ticket, or done at once (not configured, no plans, no token).
enum Begin {
    Run(Ticket),
    Done(PrefetchResult),
}

/// How one run ended (`Fetcher::end` maps it to the result and what it writes).
enum RunEnd {
    /// The first run's page: its newest jwtId becomes the cursor, nothing is notified.
    Baseline,
    /// Paging ended: at the last page (`complete`), or where going on would loop.
    Rows { complete: bool },
    /// Stopped before the last page (deadline, transient failure, token refusal).
    Early(Stop),
    /// A permanent failure: nothing is kept.
    Failed(String),
}

/// Why a run stopped early.
struct Stop {
    outcome: Outcome,
    message: String,
    refusal: Option<Refusal>,
    retry_after: Option<u64>,
}

impl Stop {
    fn new(outcome: Outcome, message: impl Into<String>) -> Self {
        Self {
            outcome,
            message: message.into(),
            refusal: None,
            retry_after: None,
        }
    }

    fn result(&self, run: &Run) -> PrefetchResult {
        let mut r = run.result(self.outcome, self.message.clone());
        r.token_refusal = self.refusal;
        r.retry_after_seconds = self.retry_after;
        r
    }
}

/// The notification for the rows fetched, and its cursor: the newest jwtId among them.
fn compose(run: &Run, complete: bool) -> (PrefetchResult, Apply) {
    let names: Vec<Option<&str>> = run.rows.iter().map(|r| r.name.as_deref()).collect();
    let Some(newest) = run.newest() else {
        // Not one row could be placed: nothing to acknowledge, so nothing to show.
        return (run.result(Outcome::Failed, MALFORMED), Apply::Nothing);
    };
    let mut r = run.result(Outcome::Ok, "");
    r.message = None;
    r.changed_plans = run.rows.len();
    for id in run.rows.iter().filter_map(|row| row.handle_id.as_ref()) {
        if !r.changed_plan_ids.contains(id) {
            r.changed_plan_ids.push(id.clone());
        }
    }
    r.complete = complete;
    r.notification = notification::compose_counted(&names, complete);
    r.cursor = Some(newest.clone());
    let apply = match &r.notification {
        Some(n) => Apply::Pending(n.clone(), newest, complete),
        None => Apply::Nothing,
    };
    (r, apply)
}

impl Fetcher {
    /// One prefetch at `now` with the default deadline (`DEFAULT_DEADLINE`).
    pub fn prefetch(&self, now: UnixSeconds) -> Result<PrefetchResult> {
        self.prefetch_within(now, DEFAULT_DEADLINE)
    }

    /// One prefetch at `now` that ends within `deadline` (plus the store's own write). Every
    /// outcome is recorded as `lastPrefetch` in an existing store; with no store (never
    /// configured, or cleared meanwhile) nothing is written. `Err` only when the store cannot be
    /// written (an unreadable store is the `not_configured` outcome).
    pub fn prefetch_within(&self, now: UnixSeconds, deadline: Duration) -> Result<PrefetchResult> {
        let started = Instant::now();
        if deadline < MIN_REQUEST_TIME {
            // Too short for any request: do not even select (and so mark) a token.
            return Ok(PrefetchResult::new(
                Outcome::Retry,
                None,
                Some("the deadline leaves no time for a request".into()),
            ));
        }
        let elapsed = self.elapsed();
        let begun = self.vault.update_existing(|s| {
            let early = |s: &mut State, outcome, message: &str| {
                let r = PrefetchResult::new(outcome, None, Some(message.to_string()));
                record(s, now, &r);
                Ok(Begin::Done(r))
            };
            if s.fetcher.is_none() {
                return early(s, Outcome::NotConfigured, NOT_CONFIGURED);
            }
            if s.starred_plan_ids.is_empty() {
                return early(s, Outcome::NoPlans, "no starred plans");
            }
            match ticket(s, now, elapsed) {
                Some(t) => Ok(Begin::Run(t)),
                None => {
                    let refused = s.fetcher.as_ref().and_then(|f| f.pool.refused);
                    let mut r = PrefetchResult::new(
                        Outcome::NoToken,
                        None,
                        Some(match refused {
                            Some(_) => "the server refused this pool; mint a new pool".into(),
                            None => "no usable token is left; mint a new pool".into(),
                        }),
                    );
                    r.token_refusal = refused;
                    record(s, now, &r);
                    Ok(Begin::Done(r))
                }
            }
        });
        let mut ticket = match begun {
            Ok(Some(Begin::Run(t))) => t,
            Ok(Some(Begin::Done(done))) => return Ok(done),
            Ok(None) => {
                return Ok(PrefetchResult::new(
                    Outcome::NotConfigured,
                    None,
                    Some(NOT_CONFIGURED.into()),
                ));
            }
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
        let mut run = Run {
            tokens_sent: 1,
            ..Run::default()
        };
        loop {
            let left = deadline.saturating_sub(started.elapsed());
            if left < MIN_REQUEST_TIME {
                let stop = Stop::new(Outcome::Retry, "the prefetch's deadline passed");
                return self.end(&ticket, now, run, RunEnd::Early(stop));
            }
            log::info!(
                "prefetch with {} (request {})",
                redact::fingerprint(ticket.token.expose()),
                run.requests + 1
            );
            let (status, reply) = request(&settings, &ticket, run.before.as_deref(), left, now);
            run.requests += 1;
            run.status = status;
            match reply {
                Reply::Page(page) => {
                    // Accepted once: from now on a refusal of it as already used is expected.
                    ticket.fresh = false;
                    ticket.accepted = true;
                    let smallest = page.data.iter().filter_map(|r| r.jwt_id.clone()).min();
                    let more = page.hit_limit;
                    if page.malformed > 0 {
                        log::warn!("{} report rows did not parse", page.malformed);
                    }
                    run.malformed += page.malformed;
                    run.rows.extend(page.data);
                    if ticket.baseline() {
                        return self.end(&ticket, now, run, RunEnd::Baseline);
                    }
                    let complete = match smallest {
                        Some(s) if more && run.before.as_ref().is_none_or(|b| s < *b) => {
                            run.before = Some(s);
                            continue;
                        }
                        // Also when there is more but the page did not move backwards (asking
                        // again would loop): then the list is incomplete.
                        _ => !more,
                    };
                    return self.end(&ticket, now, run, RunEnd::Rows { complete });
                }
                Reply::TokenRejected(words) => {
                    let reason = ticket.refusal(words);
                    // The run's own pair of clocks (wall `now`, boot `elapsed`, both read at its
                    // start): a boot clock read later would disagree with `now` by the request's
                    // duration, and the next run that day would take a fresh token.
                    let next = self.vault.update_existing(|s| {
                        Ok(after_rejection(
                            s,
                            &ticket,
                            (now, elapsed),
                            reason,
                            &mut run,
                        ))
                    })?;
                    match next {
                        Some(AfterRejection::Next(t)) => {
                            if !t.same_query(&ticket) {
                                // Plans or cursor changed meanwhile: the rows answer another
                                // question, so paging starts over for the current one.
                                run.rows.clear();
                                run.before = None;
                            }
                            run.tokens_sent += 1;
                            ticket = t;
                        }
                        Some(AfterRejection::Stop(outcome, message)) => {
                            let mut stop = Stop::new(outcome, message);
                            stop.refusal = Some(reason);
                            if outcome == Outcome::Retry {
                                stop.retry_after = Some(endorser::DEFAULT_RETRY_SECONDS);
                            }
                            return self.end(&ticket, now, run, RunEnd::Early(stop));
                        }
                        None => return Ok(cancelled(&run)),
                    }
                }
                Reply::Transient {
                    retry_after,
                    message,
                    reached,
                } => {
                    if !reached && ticket.fresh {
                        // The token never left the device: it goes back to the unused ones, so
                        // a phone whose clock gets a fresh token every run (stuck behind the
                        // pool's high-water mark) does not drain the pool at the retry rate.
                        self.give_back(&ticket)?;
                        run.tokens_sent -= 1;
                    }
                    let mut stop = Stop::new(Outcome::Retry, message);
                    stop.retry_after = Some(retry_after);
                    return self.end(&ticket, now, run, RunEnd::Early(stop));
                }
                Reply::Failed { message } => {
                    return self.end(&ticket, now, run, RunEnd::Failed(message));
                }
            }
        }
    }

    /// The ticket's token was never sent: it is unused again (in the configuration it came from;
    /// a pool that no longer holds it is left alone).
    fn give_back(&self, ticket: &Ticket) -> Result<()> {
        let id = redact::token_id(ticket.token.expose());
        self.vault.update_existing(|s| {
            if let Some(f) = s.fetcher.as_mut() {
                f.pool.unsend(&id);
            }
            Ok(())
        })?;
        Ok(())
    }

    /// The one place where a run's ending becomes its result and what it writes.
    fn end(
        &self,
        ticket: &Ticket,
        now: UnixSeconds,
        run: Run,
        how: RunEnd,
    ) -> Result<PrefetchResult> {
        let (result, apply) = match how {
            RunEnd::Baseline => {
                let newest = run.newest();
                let mut r = run.result(
                    Outcome::NoChanges,
                    "first run: the cursor was established and nothing is notified",
                );
                r.baseline = true;
                r.cursor = newest.clone();
                (r, Apply::Baseline(newest))
            }
            RunEnd::Rows { .. } if run.rows.is_empty() => {
                let mut r = run.result(Outcome::NoChanges, "");
                r.message = None;
                r.cursor = (!ticket.baseline()).then(|| ticket.after_id.clone());
                (r, Apply::NoChanges)
            }
            RunEnd::Rows { complete } => compose(&run, complete),
            RunEnd::Early(stop) if run.rows.is_empty() || ticket.baseline() => {
                (stop.result(&run), Apply::Nothing)
            }
            RunEnd::Early(stop) => {
                // Rows already fetched are kept as a notification that says "or more", under
                // the run's own outcome.
                let (mut r, apply) = compose(&run, false);
                let why = stop.result(&run);
                r.outcome = why.outcome;
                r.message = why.message;
                r.token_refusal = why.token_refusal;
                r.retry_after_seconds = why.retry_after_seconds;
                (r, apply)
            }
            RunEnd::Failed(message) => (run.result(Outcome::Failed, message), Apply::Nothing),
        };
        self.finish(ticket, now, result, apply)
    }

    /// Records the outcome; applies content and cursor only if the configuration is the one the
    /// request was made for (the app may have re-configured meanwhile), and only to a store that
    /// still exists.
    fn finish(
        &self,
        ticket: &Ticket,
        now: UnixSeconds,
        result: PrefetchResult,
        apply: Apply,
    ) -> Result<PrefetchResult> {
        let written = self.vault.update_existing(|s| {
            let Some(f) = s.fetcher.as_ref() else {
                return Ok(Ending::Cancelled);
            };
            if f.active_did != ticket.active_did {
                return Ok(Ending::Cancelled);
            }
            if f.generation != ticket.generation {
                // Re-configured for the same identity meanwhile (the app does so on every
                // resume): the result stands, but the newer configuration's record and content
                // are not overwritten by this run.
                return Ok(Ending::Stale);
            }
            record(s, now, &result);
            if ticket.accepted {
                let id = redact::token_id(ticket.token.expose());
                s.fetcher.as_mut().map(|f| f.pool.mark_accepted(&id));
            }
            match apply {
                Apply::Nothing => {}
                Apply::Baseline(newest) => {
                    if let Some(n) = newest {
                        s.cursor = Some(crate::fetcher::larger(s.cursor.take(), n));
                    }
                }
                Apply::NoChanges => {
                    let stale = s.notification.as_ref().is_some_and(|n| {
                        n.cursor
                            .as_deref()
                            .is_none_or(|c| c <= ticket.after_id.as_str())
                    });
                    if stale {
                        s.notification = None;
                    }
                }
                Apply::Pending(n, newest, complete) => {
                    let delivered = s.cursor.as_deref().is_some_and(|c| newest.as_str() <= c);
                    let newer = s.notification.as_ref().is_none_or(|old| {
                        old.cursor.as_deref().is_none_or(|c| c <= newest.as_str())
                    });
                    if !delivered && newer {
                        s.notification = Some(StoredNotification {
                            title: n.title,
                            body: n.body,
                            created_at: now,
                            cursor: Some(newest),
                            complete,
                        });
                    }
                }
            }
            Ok(Ending::Applied)
        })?;
        let result = match written {
            None | Some(Ending::Cancelled) => {
                let mut r = cancelled_result(result.requests, result.tokens_sent);
                r.http_status = result.http_status;
                r
            }
            Some(Ending::Stale | Ending::Applied) => result,
        };
        log::info!(
            "prefetch outcome {:?} (HTTP {:?}, {} changed, complete {}, {} requests, {} tokens)",
            result.outcome,
            result.http_status,
            result.changed_plans,
            result.complete,
            result.requests,
            result.tokens_sent
        );
        Ok(result)
    }
}

const MALFORMED: &str = "no report row carries a readable jwtId";

/// How `finish` found the store.
enum Ending {
    Applied,
    /// Same identity, newer configuration: nothing written.
    Stale,
    /// Cleared, or configured for another identity: nothing written, nothing returned.
    Cancelled,
}

const CANCELLED: &str =
    "the configuration changed during the run (clear or another identity); its result is dropped";

fn cancelled(run: &Run) -> PrefetchResult {
    cancelled_result(run.requests, run.tokens_sent)
}

fn cancelled_result(requests: usize, tokens_sent: usize) -> PrefetchResult {
    let mut r = PrefetchResult::new(Outcome::Cancelled, None, Some(CANCELLED.into()));
    r.requests = requests;
    r.tokens_sent = tokens_sent;
    r
}

fn record(s: &mut State, now: UnixSeconds, r: &PrefetchResult) {
    s.last_prefetch = Some(PrefetchRecord {
        at: now,
        outcome: r.outcome,
        http_status: r.http_status,
        changed_plans: r.changed_plans,
        complete: r.complete,
        token_refusal: r.token_refusal,
    });
}

/// Selects a token and copies the current plans and cursor: the first ticket and every one
/// after a rotation are made the same way.
fn ticket(s: &mut State, now: UnixSeconds, elapsed: Option<i64>) -> Option<Ticket> {
    let f = s.fetcher.as_mut()?;
    let (i, fresh) = f.pool.select_at(now, elapsed)?;
    Some(Ticket {
        generation: f.generation,
        active_did: f.active_did.clone(),
        api_base_url: f.api_base_url.clone(),
        plan_ids: s.starred_plan_ids.clone(),
        after_id: s.cursor.clone().unwrap_or_else(|| "0".to_string()),
        token: f.pool.entries[i].token.clone(),
        fresh,
        accepted: f.pool.entries[i].accepted,
    })
}

/// Marks the rejected token by its reason and decides whether the run goes on with another.
fn after_rejection(
    s: &mut State,
    t: &Ticket,
    (now, elapsed): (UnixSeconds, Option<i64>),
    reason: Refusal,
    run: &mut Run,
) -> AfterRejection {
    let Some(f) = s.fetcher.as_mut() else {
        return AfterRejection::Stop(Outcome::Cancelled, CANCELLED);
    };
    if f.active_did != t.active_did {
        return AfterRejection::Stop(Outcome::Cancelled, CANCELLED);
    }
    // The refusal says nothing about a newer configuration's pool: its count starts again.
    let counts = f.generation == t.generation;
    if !counts {
        run.reasons.clear();
    }
    let id = redact::token_id(t.token.expose());
    match reason {
        Refusal::NotYetValid => {
            // Every token of a pool has the same `iat`: rotating cannot help, and the token was
            // never accepted, so it is not spent.
            if t.fresh {
                f.pool.unsend(&id);
            }
            return AfterRejection::Stop(
                Outcome::Retry,
                "the server says the token is not valid yet (clock skew); retry later",
            );
        }
        Refusal::AlreadyUsed => {
            f.pool.mark_spent(&id);
            // Expected for a token this run or this day already sent; suspicious for a fresh one
            // (the pool was used elsewhere).
            if t.fresh && counts {
                run.reasons.push(reason);
            }
        }
        Refusal::Expired | Refusal::InvalidSignature | Refusal::Invalid => {
            f.pool.mark_rejected(&id);
            // A token sent before (by the host's own fetcher, or earlier today) may have been
            // used up in ways this device cannot see: only a first use speaks for the pool.
            if t.fresh && counts {
                run.reasons.push(reason);
            }
        }
    }
    if run.reasons.iter().filter(|r| **r == reason).count() >= SAME_REASON_LIMIT {
        f.pool.refused = Some(reason);
        log::warn!("the server refused {SAME_REASON_LIMIT} tokens for the same reason: {reason:?}");
        return AfterRejection::Stop(
            Outcome::NoToken,
            "the server refused several tokens for the same reason; mint a new pool",
        );
    }
    if run.tokens_sent >= MAX_TOKENS_PER_RUN {
        return AfterRejection::Stop(
            if run.rows.is_empty() {
                Outcome::Failed
            } else {
                Outcome::Ok
            },
            "this run's token budget is spent",
        );
    }
    match ticket(s, now, elapsed) {
        Some(next) => AfterRejection::Next(next),
        None => AfterRejection::Stop(
            if run.rows.is_empty() {
                Outcome::NoToken
            } else {
                Outcome::Ok
            },
            "the server rejected the token and none is left",
        ),
    }
}

fn request(
    settings: &HttpSettings,
    t: &Ticket,
    before: Option<&str>,
    left: Duration,
    now: UnixSeconds,
) -> (Option<u16>, Reply) {
    endorser::plans_last_updated_between(
        settings,
        &t.api_base_url,
        &t.token,
        &t.plan_ids,
        &t.after_id,
        before,
        left,
        now,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(fresh: bool, accepted: bool) -> Ticket {
        Ticket {
            generation: 1,
            active_did: "did:example:a".into(),
            api_base_url: "https://example.org".into(),
            plan_ids: vec![],
            after_id: "0".into(),
            token: Secret::new("t".to_string()),
            fresh,
            accepted,
        }
    }

    /// Review M1: only the device's own record says a token was used; the words only say why a
    /// token the server never accepted is refused. "Not valid yet" stays what it says (clock
    /// skew: the run is retried and nothing is spent).
    #[test]
    fn a_refusal_of_an_accepted_token_is_reuse_whatever_the_words() {
        for words in [
            Refusal::Invalid,
            Refusal::Expired,
            Refusal::InvalidSignature,
        ] {
            assert_eq!(ticket(false, true).refusal(words), Refusal::AlreadyUsed);
            assert_eq!(ticket(true, false).refusal(words), words);
            assert_eq!(ticket(false, false).refusal(words), words);
        }
        let skew = Refusal::NotYetValid;
        assert_eq!(ticket(false, true).refusal(skew), skew);
        assert_eq!(ticket(true, false).refusal(skew), skew);
    }
}
