//! The token pool: which token to send at a given instant, and how long the pool lasts.
//!
//! Guarantees, whatever the policy:
//! - a token that is expired (with the margin) or that the server rejected is never selected;
//! - a token first used on one UTC day is never selected on a later day, so a server that treats
//!   tokens as one-time-use sees a fresh string every day;
//! - after a rejection the next selection moves to an unused token.
//!
//! `PerDay` (the app team's plan): the token for a day starts at index `(epochDay + offset) % n`
//! and scans forward to the first unused, sendable token; it stays that day's token until it is
//! rejected or expires. `PerRequest`: every selection takes a token never sent before.

use serde::{Deserialize, Serialize};

use crate::clock::{self, SECONDS_PER_DAY, UnixSeconds};
use crate::redact;
use crate::secret::Secret;

/// How tokens are rotated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TokenPolicy {
    #[default]
    PerDay,
    PerRequest,
}

impl TokenPolicy {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "perDay" | "per-day" => Some(Self::PerDay),
            "perRequest" | "per-request" => Some(Self::PerRequest),
            _ => None,
        }
    }
}

/// One token and what has happened to it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolEntry {
    pub token: Secret,
    pub exp: UnixSeconds,
    /// The UTC epoch day on which the token was first handed out for a request.
    pub first_used_day: Option<i64>,
    pub uses: u32,
    pub rejected: bool,
}

/// Pool counters as reported by `status` (see docs/core-contract.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PoolHealth {
    pub size: usize,
    pub usable: usize,
    pub used: usize,
    pub rejected: usize,
    pub expired: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenPool {
    pub entries: Vec<PoolEntry>,
    pub policy: TokenPolicy,
    /// Seconds before `exp` after which a token is no longer sent.
    pub margin_seconds: i64,
    /// Random per pool, so that two pools do not walk their tokens in the same order.
    pub offset: u32,
    /// Selections made under `PerRequest`, where the next scan starts.
    pub requests_served: u64,
}

impl TokenPool {
    pub fn new(
        entries: Vec<PoolEntry>,
        policy: TokenPolicy,
        margin_seconds: i64,
        offset: u32,
    ) -> Self {
        Self {
            entries,
            policy,
            margin_seconds,
            offset,
            requests_served: 0,
        }
    }

    /// The first instant at which entry `e` may no longer be sent.
    fn deadline(&self, e: &PoolEntry) -> UnixSeconds {
        e.exp.saturating_sub(self.margin_seconds)
    }

    fn sendable(&self, e: &PoolEntry, now: UnixSeconds) -> bool {
        !e.rejected && now < self.deadline(e)
    }

    /// Picks the token for a request at `now` and records its use. `None`: nothing can be sent.
    pub fn select(&mut self, now: UnixSeconds) -> Option<usize> {
        let n = self.entries.len();
        if n == 0 {
            return None;
        }
        let day = clock::epoch_day(now);
        let todays = (0..n).find(|&i| {
            let e = &self.entries[i];
            e.first_used_day == Some(day) && self.sendable(e, now)
        });
        if let (TokenPolicy::PerDay, Some(i)) = (self.policy, todays) {
            self.entries[i].uses = self.entries[i].uses.saturating_add(1);
            return Some(i);
        }
        let start = match self.policy {
            TokenPolicy::PerDay => day.rem_euclid(n as i64) as usize + self.offset as usize,
            TokenPolicy::PerRequest => {
                (self.requests_served % n as u64) as usize + self.offset as usize
            }
        };
        let i = (0..n).map(|k| (start + k) % n).find(|&i| {
            let e = &self.entries[i];
            e.first_used_day.is_none() && self.sendable(e, now)
        })?;
        let e = &mut self.entries[i];
        e.first_used_day = Some(day);
        e.uses = 1;
        self.requests_served = self.requests_served.saturating_add(1);
        log::debug!(
            "selected {} for day {day}",
            redact::fingerprint(e.token.expose())
        );
        Some(i)
    }

    /// Marks the token with this id (see `redact::token_id`) as refused by the server.
    pub fn mark_rejected(&mut self, id: &[u8; 32]) -> bool {
        match self
            .entries
            .iter_mut()
            .find(|e| &redact::token_id(e.token.expose()) == id)
        {
            Some(e) => {
                e.rejected = true;
                log::info!("server rejected {}", redact::fingerprint(e.token.expose()));
                true
            }
            None => false,
        }
    }

    pub fn health(&self, now: UnixSeconds) -> PoolHealth {
        let today = clock::epoch_day(now);
        let mut h = PoolHealth {
            size: self.entries.len(),
            ..PoolHealth::default()
        };
        for e in &self.entries {
            h.used += usize::from(e.first_used_day.is_some());
            if e.rejected {
                h.rejected += 1;
            } else if !self.sendable(e, now) {
                h.expired += 1;
            } else if e.first_used_day.is_none()
                || (self.policy == TokenPolicy::PerDay && e.first_used_day == Some(today))
            {
                h.usable += 1;
            }
        }
        h
    }

    /// The last instant at which a token can still be sent under the policy, if any.
    ///
    /// `PerDay` is simulated on a copy with the real selection and one request per day (today
    /// at `now`, later days at their start), so the figure is what the daily prefetch will get
    /// if nothing is rejected.
    pub fn coverage_until(&self, now: UnixSeconds) -> Option<UnixSeconds> {
        match self.policy {
            TokenPolicy::PerRequest => self
                .entries
                .iter()
                .filter(|e| e.first_used_day.is_none() && self.sendable(e, now))
                .map(|e| self.deadline(e) - 1)
                .max(),
            TokenPolicy::PerDay => {
                let mut sim = self.clone();
                let mut t = now;
                let mut covered = None;
                // Each day takes a token or ends the run, so n + 1 rounds bound the loop.
                for _ in 0..=sim.entries.len() {
                    let Some(i) = sim.select(t) else { break };
                    let day_end = clock::end_of_day(clock::epoch_day(t));
                    covered = Some((sim.deadline(&sim.entries[i]) - 1).min(day_end));
                    t = day_end + 1;
                }
                covered
            }
        }
    }

    /// True when the pool covers less than `days` from `now`.
    pub fn low_water(&self, now: UnixSeconds, days: i64) -> bool {
        self.coverage_until(now)
            .is_none_or(|c| c < now.saturating_add(days.saturating_mul(SECONDS_PER_DAY)))
    }
}
