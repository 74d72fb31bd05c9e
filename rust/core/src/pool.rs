//! The token pool: which token to send at a given instant, and how long the pool lasts.
//!
//! Guarantees, whatever the policy and whatever the device clock does:
//! - a token that is expired (with the margin), that the server rejected or that the server says
//!   was already used is never selected;
//! - a token is sent again only as the day's token: the last token sent, on the same UTC day as
//!   its last sending, and only while the clock has not gone back behind the latest instant any
//!   selection saw (`high_water`), and, where the platform has a clock of time since boot, only
//!   while the wall clock moved exactly as that clock did since the last sending (same boot, no
//!   clock change in between). A clock set back, a jump forward and back, or a boot at 1970
//!   therefore always gets a never-sent token, so a token used on one day is never sent on
//!   another;
//! - after a rejection the next selection moves to an unused token;
//! - once the server refused tokens of the pool for a pool-wide reason (`refused`), nothing is
//!   selected until a configure brings new tokens.
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
    /// The UTC epoch day on which the token was first handed out for a request (`Some` = sent).
    pub first_used_day: Option<i64>,
    pub uses: u32,
    pub rejected: bool,
    /// When the token was last handed out (device clock). Only used to keep the day's token.
    #[serde(default)]
    pub last_sent_at: Option<UnixSeconds>,
    /// The server said this token was already used (one-time-use): never sent again.
    #[serde(default)]
    pub spent: bool,
    /// The server answered a request carrying this token with a page: a later refusal of it is
    /// reuse, whatever the server's words.
    #[serde(default)]
    pub accepted: bool,
}

impl PoolEntry {
    pub fn new(token: Secret, exp: UnixSeconds) -> Self {
        Self {
            token,
            exp,
            first_used_day: None,
            uses: 0,
            rejected: false,
            last_sent_at: None,
            spent: false,
            accepted: false,
        }
    }

    pub fn sent(&self) -> bool {
        self.first_used_day.is_some()
    }
}

/// Why the server refused a token (`JWT_VERIFY_FAILED`), read from its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Refusal {
    /// The token was seen before (a one-time-use server): that token is spent, the next one works.
    AlreadyUsed,
    /// `iat`/`nbf` ahead of the server's clock: the token becomes valid later, it is not spent.
    NotYetValid,
    /// `exp` behind the server's clock.
    Expired,
    /// Not signed by the issuer's key (wrong signer, rotated key).
    InvalidSignature,
    /// Anything else the server refuses (unparseable, no `iss`, an unknown message).
    Invalid,
}

impl Refusal {
    /// Reads the server's message (did-jwt wording, see shared/reference/endorser-api.md).
    pub fn from_message(message: &str) -> Self {
        let m = message.to_ascii_lowercase();
        if m.contains("already") || m.contains("replay") {
            Self::AlreadyUsed
        } else if m.contains("not valid yet")
            || m.contains("not valid before")
            || m.contains("issued in the future")
        {
            Self::NotYetValid
        } else if m.contains("expired") {
            Self::Expired
        } else if m.contains("invalid_signature") || m.contains("signature") {
            Self::InvalidSignature
        } else {
            Self::Invalid
        }
    }
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
    /// The latest `now` any selection saw: a clock behind it never reuses a token.
    #[serde(default)]
    pub high_water: Option<UnixSeconds>,
    /// Set when the server refused several tokens of this pool for the same pool-wide reason:
    /// nothing is sent until the app configures new tokens.
    #[serde(default)]
    pub refused: Option<Refusal>,
    /// Seconds since boot (a clock no one sets) at the last sending, when the platform has it.
    #[serde(default)]
    pub last_elapsed: Option<i64>,
    /// The wall clock at the last selection: only a token sent then can be the day's token.
    #[serde(default)]
    pub last_wall: Option<UnixSeconds>,
}

/// Wall and boot clocks may be read a moment apart and round differently.
const CLOCK_AGREEMENT_SECONDS: i64 = 2;

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
            high_water: None,
            refused: None,
            last_elapsed: None,
            last_wall: None,
        }
    }

    /// The first instant at which entry `e` may no longer be sent.
    fn deadline(&self, e: &PoolEntry) -> UnixSeconds {
        e.exp.saturating_sub(self.margin_seconds)
    }

    fn sendable(&self, e: &PoolEntry, now: UnixSeconds) -> bool {
        !e.rejected && !e.spent && now < self.deadline(e)
    }

    /// The day's token under `PerDay`: the token sent last, if that was today by a clock that
    /// has not gone back since (see the module's guarantees).
    fn todays(&self, now: UnixSeconds, elapsed: Option<i64>) -> Option<usize> {
        if self.policy != TokenPolicy::PerDay || self.high_water.is_some_and(|h| now < h) {
            return None;
        }
        let at = self.last_wall?;
        let i = self
            .entries
            .iter()
            .position(|e| e.last_sent_at == Some(at) && self.sendable(e, now))?;
        if let (Some(e_now), Some(e_last)) = (elapsed, self.last_elapsed) {
            let since_boot_clock = e_now - e_last;
            let since_wall = now - at;
            // A reboot, or a wall clock changed since that sending: its day cannot be trusted.
            if since_boot_clock < 0
                || (since_wall - since_boot_clock).abs() > CLOCK_AGREEMENT_SECONDS
            {
                return None;
            }
        }
        (clock::epoch_day(at) == clock::epoch_day(now) && self.sendable(&self.entries[i], now))
            .then_some(i)
    }

    /// Picks the token for a request at `now` and records its use. `None`: nothing can be sent.
    pub fn select(&mut self, now: UnixSeconds) -> Option<usize> {
        self.select_at(now, None).map(|(i, _)| i)
    }

    /// Like `select`, with the platform's seconds since boot when it has them (see the module's
    /// guarantees); also says whether the token had never been sent before.
    pub fn select_at(&mut self, now: UnixSeconds, elapsed: Option<i64>) -> Option<(usize, bool)> {
        let n = self.entries.len();
        if n == 0 || self.refused.is_some() {
            return None;
        }
        let todays = self.todays(now, elapsed);
        self.high_water = Some(self.high_water.map_or(now, |h| h.max(now)));
        self.last_elapsed = elapsed;
        self.last_wall = Some(now);
        let day = clock::epoch_day(now);
        if let Some(i) = todays {
            let e = &mut self.entries[i];
            e.uses = e.uses.saturating_add(1);
            e.last_sent_at = Some(now);
            return Some((i, false));
        }
        // Remainders first, so that no sum can overflow a 32-bit usize.
        let offset = self.offset as usize % n;
        let start = offset
            + match self.policy {
                TokenPolicy::PerDay => day.rem_euclid(n as i64) as usize,
                TokenPolicy::PerRequest => (self.requests_served % n as u64) as usize,
            };
        let i = (0..n).map(|k| (start % n + k) % n).find(|&i| {
            let e = &self.entries[i];
            !e.sent() && self.sendable(e, now)
        })?;
        let e = &mut self.entries[i];
        e.first_used_day = Some(day);
        e.last_sent_at = Some(now);
        e.uses = 1;
        self.requests_served = self.requests_served.saturating_add(1);
        log::debug!(
            "selected {} for day {day}",
            redact::fingerprint(e.token.expose())
        );
        Some((i, true))
    }

    fn find(&mut self, id: &[u8; 32]) -> Option<&mut PoolEntry> {
        self.entries
            .iter_mut()
            .find(|e| &redact::token_id(e.token.expose()) == id)
    }

    /// The server answered a request with this token.
    pub fn mark_accepted(&mut self, id: &[u8; 32]) -> bool {
        self.find(id).map(|e| e.accepted = true).is_some()
    }

    /// The server said the token was already used: it is never sent again, but it is not a
    /// refusal of the pool.
    pub fn mark_spent(&mut self, id: &[u8; 32]) -> bool {
        self.find(id).map(|e| e.spent = true).is_some()
    }

    /// The server refused a token that was sent for the first time only because it is not valid
    /// yet: it was never accepted, so it goes back to the unused tokens.
    pub fn unsend(&mut self, id: &[u8; 32]) -> bool {
        self.find(id)
            .map(|e| {
                e.first_used_day = None;
                e.last_sent_at = None;
                e.uses = 0;
            })
            .is_some()
    }

    /// Marks the token with this id (see `redact::token_id`) as refused by the server.
    pub fn mark_rejected(&mut self, id: &[u8; 32]) -> bool {
        match self.find(id) {
            Some(e) => {
                e.rejected = true;
                log::info!("server rejected {}", redact::fingerprint(e.token.expose()));
                true
            }
            None => false,
        }
    }

    pub fn health(&self, now: UnixSeconds) -> PoolHealth {
        self.health_at(now, None)
    }

    /// `health` with the platform's seconds since boot, as `select_at` takes them: after a reboot
    /// or a clock change the day's token is not counted as usable, because it will not be sent
    /// (review n5).
    pub fn health_at(&self, now: UnixSeconds, elapsed: Option<i64>) -> PoolHealth {
        let mut h = PoolHealth {
            size: self.entries.len(),
            ..PoolHealth::default()
        };
        let todays = self.todays(now, elapsed);
        for (i, e) in self.entries.iter().enumerate() {
            h.used += usize::from(e.sent());
            if e.rejected {
                h.rejected += 1;
            } else if !e.spent && now >= self.deadline(e) {
                h.expired += 1;
            } else if self.refused.is_none()
                && self.sendable(e, now)
                && (!e.sent() || todays == Some(i))
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
            TokenPolicy::PerRequest if self.refused.is_some() => None,
            TokenPolicy::PerRequest => self
                .entries
                .iter()
                .filter(|e| !e.sent() && self.sendable(e, now))
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
