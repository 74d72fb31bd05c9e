//! Everything the vault keeps, as one value sealed and written at once.

use serde::{Deserialize, Serialize};

use crate::clock::UnixSeconds;
use crate::outcome::Outcome;
use crate::pool::{Refusal, TokenPool};

/// Most token ids of retired tokens remembered, across identities (see `State::retired`).
pub const MAX_RETIRED: usize = 4096;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct State {
    pub fetcher: Option<FetcherState>,
    #[serde(default)]
    pub starred_plan_ids: Vec<String>,
    /// The largest `plan.jwtId` the user was told about (acknowledged delivery, the first run's
    /// baseline, or the app's `afterId`): the next request's `afterId`. It only moves forward.
    #[serde(default)]
    pub cursor: Option<String>,
    #[serde(default)]
    pub last_prefetch: Option<PrefetchRecord>,
    /// The content the last successful prefetch produced, for the notification step.
    #[serde(default)]
    pub notification: Option<StoredNotification>,
    /// Hex SHA-256 ids of tokens sent or rejected that have left the pool, so that a later
    /// configure bringing one back cannot send it again.
    #[serde(default)]
    pub retired: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FetcherState {
    pub api_base_url: String,
    pub active_did: String,
    pub low_water_days: i64,
    pub pool: TokenPool,
    /// Changes at every configure; a prefetch that started under another pool drops its result.
    pub generation: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrefetchRecord {
    pub at: UnixSeconds,
    pub outcome: Outcome,
    pub http_status: Option<u16>,
    pub changed_plans: usize,
    #[serde(default = "yes")]
    pub complete: bool,
    #[serde(default)]
    pub token_refusal: Option<Refusal>,
}

fn yes() -> bool {
    true
}

/// Composed by a prefetch and not yet acknowledged as delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredNotification {
    pub title: String,
    pub body: String,
    pub created_at: UnixSeconds,
    /// The newest `plan.jwtId` it covers: what acknowledging its delivery moves the cursor to.
    #[serde(default)]
    pub cursor: Option<String>,
    /// False when the text says "or more" (paging ended early).
    #[serde(default = "yes")]
    pub complete: bool,
}
