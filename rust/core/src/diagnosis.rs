//! The verdict of `getDiagnostics()`: "will my notification come, and if not, why?". Android and
//! iOS pass what only they know (permissions, channel, exact alarms, standby bucket, Background
//! App Refresh, Low Power Mode, the background task's registration, the next instants); the core
//! adds what it knows itself (its store, pool and last prefetch) and decides here, once for both
//! platforms. A fact the platform does not report (`null`, absent) is never a reason.

use serde::{Deserialize, Serialize};

use crate::outcome::Outcome;
use crate::pool::Refusal;
use crate::results::Status;

/// What the platform knows, as `getDiagnostics` passes it to the core.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlatformFacts {
    /// The user lets the app show notifications (permission and app switch).
    pub notifications_permitted: Option<bool>,
    /// The plugin's channel is on (Android 8+; a channel not created yet is on).
    pub channel_enabled: Option<bool>,
    /// Exact alarms may be set (Android 12+ grant; always true below; absent on iOS).
    pub exact_alarms_permitted: Option<bool>,
    /// Android's App Standby bucket: `active`, `working_set`, `frequent`, `rare`, `restricted`.
    pub standby_bucket: Option<String>,
    /// iOS `backgroundRefreshStatus`: `available`, `denied`, `restricted`.
    pub background_refresh: Option<String>,
    /// iOS Low Power Mode (no background refresh while on).
    pub low_power_mode: Option<bool>,
    /// iOS: the app called `registerBackgroundTasks()` at launch, so the prefetch task can run.
    pub background_task_registered: Option<bool>,
    /// A notification is armed (the dual schedule's or a reminder's next instant is known).
    pub notification_scheduled: Option<bool>,
    /// The dual schedule fetches content before it notifies (`contentFetch.enabled`).
    pub fetch_scheduled: Option<bool>,
}

/// How a reason changes what the user sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// No notification at all.
    Blocks,
    /// The notification comes, possibly late.
    Late,
    /// The prefetch may not run in time: the default text (`fallbackBehavior: "show_default"`)
    /// or nothing instead of fresh content.
    Stale,
    /// Nothing is lost yet; act before it is (e.g. mint a new pool soon).
    Warns,
}

/// One reason, with a stable code the app can branch on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    pub code: &'static str,
    pub effect: Effect,
}

/// The verdict: `willNotify` is false when any reason blocks; `freshContentExpected` is false
/// when any reason blocks or makes the content stale (only meaningful with a content fetch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    pub will_notify: bool,
    pub fresh_content_expected: bool,
    pub reasons: Vec<Reason>,
}

/// Decides from the platform's facts and the core's own status.
pub fn diagnose(facts: &PlatformFacts, status: &Status) -> Verdict {
    let mut reasons = Vec::new();
    let mut add = |code, effect| reasons.push(Reason { code, effect });

    if facts.notification_scheduled == Some(false) {
        add("NOTHING_SCHEDULED", Effect::Blocks);
    }
    if facts.notifications_permitted == Some(false) {
        add("NOTIFICATIONS_DENIED", Effect::Blocks);
    }
    if facts.channel_enabled == Some(false) {
        add("CHANNEL_DISABLED", Effect::Blocks);
    }
    if facts.exact_alarms_permitted == Some(false) {
        // Inexact alarms: up to an hour late on Android 12+, later still in Doze.
        add("EXACT_ALARMS_DENIED", Effect::Late);
    }

    // The rest matters only when the notification waits for fetched content.
    if facts.fetch_scheduled != Some(false) {
        match facts.standby_bucket.as_deref() {
            // Jobs wait up to a day in `rare`, and run once a day at most in `restricted`.
            Some("rare") | Some("restricted") => add("STANDBY_BUCKET_RESTRICTED", Effect::Stale),
            _ => {}
        }
        match facts.background_refresh.as_deref() {
            Some("denied") | Some("restricted") => add("BACKGROUND_REFRESH_OFF", Effect::Stale),
            _ => {}
        }
        if facts.low_power_mode == Some(true) {
            add("LOW_POWER_MODE", Effect::Stale);
        }
        if facts.background_task_registered == Some(false) {
            add("BACKGROUND_TASK_NOT_REGISTERED", Effect::Stale);
        }
        if status.store_error.is_some() {
            add("STORE_UNREADABLE", Effect::Stale);
        } else if status.needs_configure {
            add("FETCHER_NOT_CONFIGURED", Effect::Stale);
        } else if status.pool.usable == 0 {
            // The server refused the pool for a reason every token shares (signer, expiry): a new
            // pool is needed, not just more tokens of the same kind.
            let refused = status.last_prefetch.as_ref().is_some_and(|l| {
                matches!(
                    l.token_refusal,
                    Some(Refusal::Expired | Refusal::InvalidSignature | Refusal::Invalid)
                )
            });
            add(
                if refused {
                    "TOKENS_REFUSED_BY_SERVER"
                } else {
                    "NO_USABLE_TOKENS"
                },
                Effect::Stale,
            );
        } else if status.low_water {
            add("POOL_LOW", Effect::Warns);
        }
        if status.configured && status.starred_plan_ids == 0 {
            add("NO_STARRED_PLANS", Effect::Stale);
        }
        if let Some(last) = &status.last_prefetch {
            match last.outcome {
                Outcome::Failed | Outcome::Retry => add("LAST_PREFETCH_FAILED", Effect::Warns),
                _ => {}
            }
        }
    }

    let will_notify = !reasons.iter().any(|r| r.effect == Effect::Blocks);
    let fresh_content_expected = will_notify && !reasons.iter().any(|r| r.effect == Effect::Stale);
    Verdict {
        will_notify,
        fresh_content_expected,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool::PoolHealth;
    use crate::results::{LastPrefetch, StoreError};

    fn healthy() -> Status {
        Status {
            configured: true,
            needs_configure: false,
            store_error: None,
            active_did: Some("did:ethr:0x0".into()),
            api_base_url: Some("https://api.example".into()),
            token_policy: None,
            starred_plan_ids: 2,
            pool: PoolHealth {
                size: 40,
                usable: 38,
                used: 2,
                rejected: 0,
                expired: 0,
            },
            coverage_until: Some(2_000_000_000),
            low_water: false,
            cursor: None,
            last_prefetch: None,
        }
    }

    fn all_well() -> PlatformFacts {
        PlatformFacts {
            notifications_permitted: Some(true),
            channel_enabled: Some(true),
            exact_alarms_permitted: Some(true),
            standby_bucket: Some("active".into()),
            notification_scheduled: Some(true),
            fetch_scheduled: Some(true),
            ..PlatformFacts::default()
        }
    }

    fn codes(v: &Verdict) -> Vec<&'static str> {
        v.reasons.iter().map(|r| r.code).collect()
    }

    #[test]
    fn all_well_means_a_fresh_notification_with_no_reasons() {
        let v = diagnose(&all_well(), &healthy());
        assert_eq!((v.will_notify, v.fresh_content_expected), (true, true));
        assert!(v.reasons.is_empty());
    }

    #[test]
    fn unknown_facts_are_never_reasons() {
        let v = diagnose(&PlatformFacts::default(), &healthy());
        assert!(v.will_notify && v.fresh_content_expected, "{v:?}");
    }

    #[test]
    fn a_denied_permission_a_disabled_channel_or_nothing_armed_blocks() {
        for (facts, code) in [
            (
                PlatformFacts {
                    notifications_permitted: Some(false),
                    ..all_well()
                },
                "NOTIFICATIONS_DENIED",
            ),
            (
                PlatformFacts {
                    channel_enabled: Some(false),
                    ..all_well()
                },
                "CHANNEL_DISABLED",
            ),
            (
                PlatformFacts {
                    notification_scheduled: Some(false),
                    ..all_well()
                },
                "NOTHING_SCHEDULED",
            ),
        ] {
            let v = diagnose(&facts, &healthy());
            assert_eq!(codes(&v), vec![code]);
            assert_eq!((v.will_notify, v.fresh_content_expected), (false, false));
        }
    }

    #[test]
    fn denied_exact_alarms_make_it_late_not_missing() {
        let v = diagnose(
            &PlatformFacts {
                exact_alarms_permitted: Some(false),
                ..all_well()
            },
            &healthy(),
        );
        assert_eq!(
            v.reasons,
            vec![Reason {
                code: "EXACT_ALARMS_DENIED",
                effect: Effect::Late
            }]
        );
        assert!(v.will_notify && v.fresh_content_expected);
    }

    #[test]
    fn background_limits_make_the_content_stale_but_the_notification_still_comes() {
        for (facts, code) in [
            (
                PlatformFacts {
                    standby_bucket: Some("rare".into()),
                    ..all_well()
                },
                "STANDBY_BUCKET_RESTRICTED",
            ),
            (
                PlatformFacts {
                    standby_bucket: Some("restricted".into()),
                    ..all_well()
                },
                "STANDBY_BUCKET_RESTRICTED",
            ),
            (
                PlatformFacts {
                    background_refresh: Some("denied".into()),
                    ..all_well()
                },
                "BACKGROUND_REFRESH_OFF",
            ),
            (
                PlatformFacts {
                    low_power_mode: Some(true),
                    ..all_well()
                },
                "LOW_POWER_MODE",
            ),
            (
                PlatformFacts {
                    background_task_registered: Some(false),
                    ..all_well()
                },
                "BACKGROUND_TASK_NOT_REGISTERED",
            ),
        ] {
            let v = diagnose(&facts, &healthy());
            assert_eq!(codes(&v), vec![code]);
            assert_eq!((v.will_notify, v.fresh_content_expected), (true, false));
        }
        let frequent = PlatformFacts {
            standby_bucket: Some("frequent".into()),
            ..all_well()
        };
        assert!(diagnose(&frequent, &healthy()).reasons.is_empty());
    }

    #[test]
    fn the_core_reports_its_own_store_pool_and_last_prefetch() {
        let cases: Vec<(Status, Vec<&str>)> = vec![
            (
                Status {
                    configured: false,
                    needs_configure: true,
                    ..healthy()
                },
                vec!["FETCHER_NOT_CONFIGURED"],
            ),
            (
                Status {
                    configured: false,
                    needs_configure: true,
                    store_error: Some(StoreError {
                        code: crate::ErrorCode::KeyUnavailable,
                        message: "lost".into(),
                    }),
                    ..healthy()
                },
                vec!["STORE_UNREADABLE"],
            ),
            (
                Status {
                    pool: PoolHealth {
                        usable: 0,
                        ..healthy().pool
                    },
                    ..healthy()
                },
                vec!["NO_USABLE_TOKENS"],
            ),
            (
                Status {
                    starred_plan_ids: 0,
                    ..healthy()
                },
                vec!["NO_STARRED_PLANS"],
            ),
        ];
        for (status, expected) in cases {
            let v = diagnose(&all_well(), &status);
            assert_eq!(codes(&v), expected);
            assert_eq!((v.will_notify, v.fresh_content_expected), (true, false));
        }
        let low = Status {
            low_water: true,
            last_prefetch: Some(LastPrefetch {
                at: 1_900_000_000,
                outcome: Outcome::Retry,
                http_status: Some(503),
                changed_plans: 0,
                complete: true,
                token_refusal: None,
            }),
            ..healthy()
        };
        let v = diagnose(&all_well(), &low);
        assert_eq!(codes(&v), vec!["POOL_LOW", "LAST_PREFETCH_FAILED"]);
        assert!(v.reasons.iter().all(|r| r.effect == Effect::Warns));
        assert!(v.will_notify && v.fresh_content_expected);
    }

    #[test]
    fn a_pool_the_server_refused_says_so_instead_of_no_usable_tokens() {
        let after = |refusal| Status {
            pool: PoolHealth {
                usable: 0,
                ..healthy().pool
            },
            last_prefetch: Some(LastPrefetch {
                at: 1_900_000_000,
                outcome: Outcome::NoToken,
                http_status: Some(400),
                changed_plans: 0,
                complete: true,
                token_refusal: refusal,
            }),
            ..healthy()
        };
        for refusal in [
            Refusal::InvalidSignature,
            Refusal::Expired,
            Refusal::Invalid,
        ] {
            let v = diagnose(&all_well(), &after(Some(refusal)));
            assert_eq!(codes(&v), vec!["TOKENS_REFUSED_BY_SERVER"], "{refusal:?}");
            assert!(v.will_notify && !v.fresh_content_expected);
        }
        for refusal in [None, Some(Refusal::AlreadyUsed), Some(Refusal::NotYetValid)] {
            let v = diagnose(&all_well(), &after(refusal));
            assert_eq!(codes(&v), vec!["NO_USABLE_TOKENS"], "{refusal:?}");
        }
    }

    #[test]
    fn without_a_content_fetch_only_the_notification_facts_count() {
        let facts = PlatformFacts {
            fetch_scheduled: Some(false),
            low_power_mode: Some(true),
            standby_bucket: Some("restricted".into()),
            ..all_well()
        };
        let unconfigured = Status {
            configured: false,
            needs_configure: true,
            ..healthy()
        };
        let v = diagnose(&facts, &unconfigured);
        assert!(v.reasons.is_empty(), "{v:?}");
    }
}
