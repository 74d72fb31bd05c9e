//! What `Fetcher`'s operations return: the result shapes of docs/core-contract.md, which the JSON
//! facade (`json`, and through it the JNI and C bridges) serialises as they are.

use serde::Serialize;

use crate::clock::{self, UnixSeconds};
use crate::error::ErrorCode;
use crate::outcome::Outcome;
use crate::pool::{PoolHealth, Refusal, TokenPolicy};
use crate::secret::Secret;
use crate::state::PrefetchRecord;
use crate::token::RejectionReason;

/// One token left out of the pool: its index in the combined list and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rejection {
    pub index: usize,
    pub reason: RejectionReason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigureResult {
    pub accepted: usize,
    pub rejected: Vec<Rejection>,
    #[serde(with = "clock::rfc3339::option")]
    pub coverage_until: Option<UnixSeconds>,
    pub low_water: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoreError {
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastPrefetch {
    #[serde(with = "clock::rfc3339")]
    pub at: UnixSeconds,
    pub outcome: Outcome,
    pub http_status: Option<u16>,
    pub changed_plans: usize,
    /// False when paging ended early and `changedPlans` is a lower bound.
    pub complete: bool,
    /// Why the server refused the run's last token, when it did.
    pub token_refusal: Option<Refusal>,
}

impl From<&PrefetchRecord> for LastPrefetch {
    fn from(r: &PrefetchRecord) -> Self {
        Self {
            at: r.at,
            outcome: r.outcome,
            http_status: r.http_status,
            changed_plans: r.changed_plans,
            complete: r.complete,
            token_refusal: r.token_refusal,
        }
    }
}

/// `acknowledgeDelivery`: the cursor after the acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Acknowledged {
    pub cursor: Option<String>,
}

/// `status` (docs/core-contract.md). Never fails: an unreadable store shows in `storeError`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub configured: bool,
    pub needs_configure: bool,
    pub store_error: Option<StoreError>,
    pub active_did: Option<String>,
    pub api_base_url: Option<String>,
    pub token_policy: Option<TokenPolicy>,
    pub starred_plan_ids: usize,
    pub pool: PoolHealth,
    #[serde(with = "clock::rfc3339::option")]
    pub coverage_until: Option<UnixSeconds>,
    pub low_water: bool,
    pub cursor: Option<String>,
    pub last_prefetch: Option<LastPrefetch>,
}

/// A token handed to a host's own fetcher (`acquireToken`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcquiredToken {
    pub token: Secret,
    #[serde(with = "clock::rfc3339")]
    pub expires_at: UnixSeconds,
}
