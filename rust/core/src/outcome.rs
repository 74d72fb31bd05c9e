//! The outcome of one background prefetch, as the workers on each platform read it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// New activity: a notification was composed and stored.
    Ok,
    /// The server answered and nothing changed: no notification.
    NoChanges,
    NotConfigured,
    NoPlans,
    /// No token can be sent (all used, expired or rejected): the app must mint a new pool.
    NoToken,
    /// A transient failure (429, 5xx, timeout, connection, TLS): ask the OS to run again later.
    Retry,
    /// A permanent failure for this request (other 4xx, a malformed answer).
    Failed,
    /// The run lost its configuration (a `clear`, or a configure for another identity, while it
    /// ran): it carries no notification and no cursor, so no platform shows or acknowledges the
    /// old account's changes. Nothing to retry: the next run works for the new configuration.
    Cancelled,
}

impl Outcome {
    /// Whether a background worker should report success to its scheduler.
    pub fn is_success(self) -> bool {
        !matches!(self, Self::Retry | Self::Failed)
    }
}
