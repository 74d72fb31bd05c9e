//! `Fetcher`: the native fetcher's operations over one vault. Every platform layer (the host
//! program, JNI, the C ABI) drives the core through this type or its JSON mirror in `json`.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use ring::rand::{SecureRandom, SystemRandom};

use crate::clock::{self, UnixSeconds};
use crate::config::{self, ConfigureOptions, MAX_POOL_TOKENS};
use crate::endorser::HttpSettings;
use crate::error::{CoreError, ErrorCode, Result};
use crate::key_wrapper::KeyWrapper;
use crate::pool::{PoolEntry, TokenPool};
use crate::redact;
use crate::results::{
    Acknowledged, AcquiredToken, ConfigureResult, LastPrefetch, Rejection, Status, StoreError,
};
use crate::secret::Secret;
use crate::state::{FetcherState, MAX_RETIRED, State};
use crate::token::{self, RejectionReason};
use crate::vault::Vault;

pub struct Fetcher {
    pub(crate) vault: Vault,
    pub(crate) http: Mutex<HttpSettings>,
    boot_clock: AtomicBool,
}

impl Fetcher {
    pub fn open(store_dir: impl Into<PathBuf>, wrapper: Box<dyn KeyWrapper>) -> Result<Self> {
        Ok(Self {
            vault: Vault::open(store_dir, wrapper)?,
            http: Mutex::new(HttpSettings::default()),
            boot_clock: AtomicBool::new(true),
        })
    }

    /// Whether token selection also checks the platform's time since boot (on by default; see
    /// `pool`). Tests that simulate the wall clock turn it off.
    pub fn use_boot_clock(&self, on: bool) {
        self.boot_clock.store(on, Ordering::Relaxed);
    }

    pub(crate) fn elapsed(&self) -> Option<i64> {
        if self.boot_clock.load(Ordering::Relaxed) {
            clock::elapsed_since_boot()
        } else {
            None
        }
    }

    /// Timeouts and extra trusted roots for the Endorser client.
    pub fn set_http_settings(&self, settings: HttpSettings) {
        *self.http.lock().unwrap_or_else(|p| p.into_inner()) = settings;
    }

    pub fn http_settings(&self) -> HttpSettings {
        self.http.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Validates the options and the tokens, then replaces the stored configuration and pool.
    /// On any error nothing is written. An unreadable store is replaced.
    pub fn configure(&self, opts: &ConfigureOptions, now: UnixSeconds) -> Result<ConfigureResult> {
        let checked = opts.check()?;
        let tokens = opts.tokens();
        if tokens.len() > MAX_POOL_TOKENS {
            return Err(CoreError::new(
                ErrorCode::PoolTooLarge,
                format!("at most {MAX_POOL_TOKENS} tokens, got {}", tokens.len()),
            ));
        }
        let (entries, rejected) =
            check_tokens(&tokens, &checked.active_did, now, checked.margin_seconds);
        if entries.is_empty() {
            return Err(no_usable_tokens(tokens.len(), &rejected));
        }
        let mut offset = [0u8; 4];
        let mut generation = [0u8; 8];
        let rng = SystemRandom::new();
        rng.fill(&mut offset)
            .and_then(|_| rng.fill(&mut generation))
            .map_err(|_| CoreError::new(ErrorCode::Internal, "no randomness"))?;

        self.vault.update_or_reset(|state| {
            let same_identity = state
                .fetcher
                .as_ref()
                .is_some_and(|f| f.active_did == checked.active_did);
            // Starred plans belong to the account that starred them: another account's configure
            // without its own list starts with none, so its notification never names the previous
            // account's projects. A list stored before any configure (updateStarredPlans, the old
            // plugin's list) has no account yet and is kept.
            if state.fetcher.is_some() && !same_identity {
                state.starred_plan_ids.clear();
            }
            let mut pool = TokenPool::new(
                entries,
                checked.policy,
                checked.margin_seconds,
                u32::from_le_bytes(offset),
            );
            // For any identity: the old pool's sent tokens stay retired, so an app that switches
            // accounts and back never sends one of them on another day.
            carry_over_marks(state, &mut pool);
            if !same_identity {
                state.cursor = None;
                state.notification = None;
                state.last_prefetch = None;
            }
            let health = pool.health(now);
            if health.usable == 0 {
                return Err(CoreError::new(
                    ErrorCode::NoUsableTokens,
                    format!(
                        "all {} accepted tokens were already used or rejected",
                        health.size
                    ),
                ));
            }
            if let Some(ids) = &checked.starred_plan_ids {
                state.starred_plan_ids = ids.clone();
            }
            // The cursor never moves back for the same identity: the app may pass its old
            // `afterId` on every configure (docs/core-contract.md, "The cursor").
            if let Some(after) = checked.after_id.as_ref().filter(|a| *a != "0") {
                state.cursor = Some(larger(state.cursor.take(), after.clone()));
                drop_delivered(state);
            }
            let result = ConfigureResult {
                accepted: pool.entries.len(),
                rejected: rejected.clone(),
                coverage_until: pool.coverage_until(now),
                low_water: pool.low_water(now, checked.low_water_days),
            };
            log::info!(
                "configured {} tokens ({} rejected), policy {:?}",
                result.accepted,
                result.rejected.len(),
                checked.policy
            );
            state.fetcher = Some(FetcherState {
                api_base_url: checked.api_base_url.clone(),
                active_did: checked.active_did.clone(),
                low_water_days: checked.low_water_days,
                pool,
                generation: u64::from_le_bytes(generation),
            });
            Ok(result)
        })
    }

    pub fn status(&self, now: UnixSeconds) -> Status {
        match self.vault.load() {
            Ok(state) => status_of(&state, now, self.elapsed()),
            Err(e) => Status {
                configured: false,
                needs_configure: true,
                store_error: Some(StoreError {
                    code: e.code,
                    message: e.message,
                }),
                ..status_of(&State::default(), now, None)
            },
        }
    }

    /// Selects the token for one request at `now`, records its use, and returns it.
    pub fn acquire_token(&self, now: UnixSeconds) -> Result<AcquiredToken> {
        let elapsed = self.elapsed();
        self.vault.update(|state| {
            let f = state.fetcher.as_mut().ok_or_else(not_configured)?;
            let (i, _) = f.pool.select_at(now, elapsed).ok_or_else(|| {
                CoreError::new(
                    ErrorCode::NoToken,
                    "no usable token is left; configure a new pool",
                )
            })?;
            let e = &f.pool.entries[i];
            Ok(AcquiredToken {
                token: e.token.clone(),
                expires_at: e.exp,
            })
        })
    }

    /// The platform showed (or handed to the OS to show) the notification whose `cursor` this
    /// is: the cursor moves forward to it (never back) and the stored content it covers is
    /// dropped. Until then, each prefetch starts from the old cursor and carries the undelivered
    /// changes into its notification. Never creates a store.
    pub fn acknowledge_delivery(&self, cursor: &str) -> Result<Acknowledged> {
        let cursor = config::check_after_id(cursor)?;
        self.vault
            .update_existing(|state| {
                if state.fetcher.is_none() {
                    return Err(not_configured());
                }
                if cursor != "0" {
                    state.cursor = Some(larger(state.cursor.take(), cursor.clone()));
                }
                drop_delivered(state);
                Ok(Acknowledged {
                    cursor: state.cursor.clone(),
                })
            })?
            .ok_or_else(not_configured)
    }

    pub fn update_starred_plans(&self, plan_ids: &[String]) -> Result<Vec<String>> {
        let ids = config::check_plan_ids(plan_ids)?;
        self.vault.update(|state| {
            state.starred_plan_ids = ids.clone();
            Ok(ids)
        })
    }

    /// Stores `ids` as the starred plans only if none are stored, in one locked update (the old
    /// plugin's list never overwrites one the app set meanwhile). True when they were stored.
    pub fn adopt_starred_plans(&self, ids: &[String]) -> Result<bool> {
        self.vault.update(|state| {
            if !state.starred_plan_ids.is_empty() {
                return Ok(false);
            }
            state.starred_plan_ids = ids.to_vec();
            Ok(true)
        })
    }

    pub fn starred_plans(&self) -> Result<Vec<String>> {
        Ok(self.vault.load()?.starred_plan_ids)
    }

    /// The notification content of the last successful prefetch, if any.
    pub fn last_notification(&self) -> Result<Option<crate::state::StoredNotification>> {
        Ok(self.vault.load()?.notification)
    }

    /// Deletes everything, including the platform's wrapping key (logout).
    pub fn clear(&self) -> Result<()> {
        self.vault.clear()
    }
}

/// The larger of two cursors (upper-case ULIDs order as strings); `None`, and a stored cursor that
/// is not a ULID (written before cursors were checked), are below everything, so one bad cursor
/// never silences an identity for good.
pub(crate) fn larger(current: Option<String>, candidate: String) -> String {
    match current {
        Some(c) if c > candidate && config::ulid(&c).is_some_and(|u| u == c) => c,
        _ => candidate,
    }
}

/// Drops stored content the cursor already covers: it was delivered.
fn drop_delivered(state: &mut State) {
    let covered = match (&state.notification, &state.cursor) {
        (Some(n), Some(c)) => n.cursor.as_ref().is_none_or(|nc| nc <= c),
        _ => false,
    };
    if covered {
        state.notification = None;
    }
}

/// The one text for "no configuration" (errors and the prefetch outcome alike).
pub(crate) const NOT_CONFIGURED: &str = "configureNativeFetcher has not been called";

pub(crate) fn not_configured() -> CoreError {
    CoreError::new(ErrorCode::NotConfigured, NOT_CONFIGURED)
}

fn check_tokens(
    tokens: &[&Secret],
    did: &str,
    now: UnixSeconds,
    margin: i64,
) -> (Vec<PoolEntry>, Vec<Rejection>) {
    let mut seen = HashSet::new();
    let mut entries = Vec::with_capacity(tokens.len());
    let mut rejected = Vec::new();
    for (index, t) in tokens.iter().enumerate() {
        let verdict = token::check(t.expose(), did, now, margin).and_then(|exp| {
            if seen.insert(t.expose()) {
                Ok(exp)
            } else {
                Err(RejectionReason::Duplicate)
            }
        });
        match verdict {
            Ok(exp) => entries.push(PoolEntry::new((*t).clone(), exp)),
            Err(reason) => rejected.push(Rejection { index, reason }),
        }
    }
    (entries, rejected)
}

fn no_usable_tokens(given: usize, rejected: &[Rejection]) -> CoreError {
    if given == 0 {
        return CoreError::new(
            ErrorCode::NoUsableTokens,
            "no token given: pass jwtToken or jwtTokens",
        );
    }
    let mut counts: Vec<(RejectionReason, usize)> = Vec::new();
    for r in rejected {
        match counts.iter_mut().find(|(reason, _)| *reason == r.reason) {
            Some((_, n)) => *n += 1,
            None => counts.push((r.reason, 1)),
        }
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(reason, n)| format!("{n} {}", serde_json::to_string(reason).unwrap_or_default()))
        .collect();
    CoreError::new(
        ErrorCode::NoUsableTokens,
        format!(
            "none of the {given} tokens is usable: {}",
            summary.join(", ")
        ),
    )
    .with_data(serde_json::json!({ "rejected": rejected }))
}

/// A re-configure (the app does so on every start-up and resume, and on an account switch): a
/// token passed again keeps its use and rejection marks, and a token that was sent or rejected and
/// leaves the pool is remembered in `retired`, so no token is ever sent on two different days.
fn carry_over_marks(state: &mut State, pool: &mut TokenPool) {
    let mut retired: HashSet<String> = state.retired.iter().cloned().collect();
    if let Some(old) = state.fetcher.take() {
        for o in &old.pool.entries {
            match pool.entries.iter_mut().find(|e| e.token == o.token) {
                Some(e) => {
                    e.first_used_day = o.first_used_day;
                    e.uses = o.uses;
                    e.rejected = o.rejected;
                    e.last_sent_at = o.last_sent_at;
                    e.spent = o.spent;
                    e.accepted = o.accepted;
                }
                None if o.first_used_day.is_some() || o.rejected => {
                    retired.insert(redact::hex(&redact::token_id(o.token.expose())));
                }
                None => {}
            }
        }
        pool.requests_served = old.pool.requests_served;
        pool.high_water = old.pool.high_water;
        pool.last_wall = old.pool.last_wall;
        pool.last_elapsed = old.pool.last_elapsed;
        // The same tokens again (the app configures on every resume): the server's refusal of
        // the pool stands. One new token is a new pool.
        let all_known = pool
            .entries
            .iter()
            .all(|e| old.pool.entries.iter().any(|o| o.token == e.token));
        if all_known {
            pool.refused = old.pool.refused;
        }
    }
    for e in &mut pool.entries {
        let id = redact::hex(&redact::token_id(e.token.expose()));
        if retired.remove(&id) && !e.sent() {
            // Sent under an earlier pool: marked sent (the day is unknown, 0 stands for it) and
            // with no `last_sent_at`, so it is never the day's token and never sent again.
            e.first_used_day = Some(0);
        }
    }
    state.retired.retain(|id| retired.contains(id));
    for id in retired {
        if !state.retired.contains(&id) {
            state.retired.push(id);
        }
    }
    if state.retired.len() > MAX_RETIRED {
        let excess = state.retired.len() - MAX_RETIRED;
        state.retired.drain(..excess);
    }
}

fn status_of(state: &State, now: UnixSeconds, elapsed: Option<i64>) -> Status {
    let f = state.fetcher.as_ref();
    Status {
        configured: f.is_some(),
        needs_configure: f.is_none(),
        store_error: None,
        active_did: f.map(|f| f.active_did.clone()),
        api_base_url: f.map(|f| f.api_base_url.clone()),
        token_policy: f.map(|f| f.pool.policy),
        starred_plan_ids: state.starred_plan_ids.len(),
        pool: f
            .map(|f| f.pool.health_at(now, elapsed))
            .unwrap_or_default(),
        coverage_until: f.and_then(|f| f.pool.coverage_until(now)),
        low_water: f.is_none_or(|f| f.pool.low_water(now, f.low_water_days)),
        cursor: state.cursor.clone(),
        last_prefetch: state.last_prefetch.as_ref().map(LastPrefetch::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_cursor_that_is_not_a_ulid_never_wins() {
        let real = "01KZZZZZZZZZZZZZZZZZZZZZZZ".to_string();
        assert_eq!(larger(Some("zz".into()), real.clone()), real);
        assert_eq!(
            larger(Some("01kzzzzzzzzzzzzzzzzzzzzzzz".into()), real.clone()),
            real
        );
        assert_eq!(
            larger(Some("7ZZZZZZZZZZZZZZZZZZZZZZZZZ".into()), real.clone()),
            "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"
        );
        assert_eq!(larger(None, real.clone()), real);
        assert_eq!(larger(Some(real.clone()), "01".into()), real);
    }
}
