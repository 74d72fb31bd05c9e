//! Property tests of the selection invariants over random pools and random event sequences.

mod support;

use std::collections::HashMap;

use daily_notification_core::pool::{PoolEntry, TokenPool};
use daily_notification_core::{Secret, TokenPolicy, clock, redact};
use proptest::prelude::*;
use support::{DAY, T0};

#[derive(Debug, Clone)]
enum Event {
    /// Move the clock forward by this many seconds, then select.
    Select(i64),
    /// The server rejects the last selected token.
    Reject,
}

fn events() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec(
        prop_oneof![
            6 => (0i64..(2 * DAY)).prop_map(Event::Select),
            1 => Just(Event::Reject),
        ],
        1..120,
    )
}

fn make_pool(expiries_days: &[i64], policy: TokenPolicy, offset: u32) -> TokenPool {
    let entries = expiries_days
        .iter()
        .enumerate()
        .map(|(i, d)| PoolEntry {
            token: Secret::new(format!("token-{i}")),
            exp: T0 + d * DAY / 2,
            first_used_day: None,
            uses: 0,
            rejected: false,
        })
        .collect();
    TokenPool::new(entries, policy, 600, offset)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn selection_invariants_hold(
        expiries in prop::collection::vec(1i64..200, 1..40),
        per_request in any::<bool>(),
        offset in any::<u32>(),
        events in events(),
    ) {
        let policy = if per_request { TokenPolicy::PerRequest } else { TokenPolicy::PerDay };
        let mut pool = make_pool(&expiries, policy, offset);
        let mut now = T0;
        let mut first_day: HashMap<usize, i64> = HashMap::new();
        let mut rejected: Vec<usize> = Vec::new();
        let mut last: Option<usize> = None;
        let mut last_day_token: Option<(i64, usize)> = None;
        for e in events {
            match e {
                Event::Reject => {
                    if let Some(i) = last.take() {
                        let id = redact::token_id(pool.entries[i].token.expose());
                        prop_assert!(pool.mark_rejected(&id));
                        rejected.push(i);
                    }
                }
                Event::Select(dt) => {
                    now += dt;
                    let day = clock::epoch_day(now);
                    let eligible_unused = pool.entries.iter().any(|e| {
                        !e.rejected && e.first_used_day.is_none() && now < e.exp - 600
                    });
                    let current_ok = last_day_token.is_some_and(|(d, i)| {
                        d == day && !pool.entries[i].rejected && now < pool.entries[i].exp - 600
                    });
                    match pool.select(now) {
                        Some(i) => {
                            let e = &pool.entries[i];
                            prop_assert!(!rejected.contains(&i), "sent a rejected token");
                            prop_assert!(now < e.exp - 600, "sent an expired token");
                            let d0 = *first_day.entry(i).or_insert(day);
                            prop_assert_eq!(d0, day, "token first used on day {} sent on day {}", d0, day);
                            if policy == TokenPolicy::PerRequest {
                                prop_assert_eq!(e.uses, 1, "per request: a fresh token each time");
                            }
                            if policy == TokenPolicy::PerDay && current_ok {
                                prop_assert_eq!(Some(i), last_day_token.map(|(_, i)| i), "stable within the day");
                            }
                            last = Some(i);
                            last_day_token = Some((day, i));
                        }
                        None => {
                            prop_assert!(!eligible_unused, "refused although an unused token was sendable");
                            prop_assert!(policy == TokenPolicy::PerRequest || !current_ok);
                            last = None;
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn per_day_coverage_is_exactly_what_daily_selection_achieves(
        expiries in prop::collection::vec(1i64..60, 1..25),
        offset in any::<u32>(),
        start in 0i64..DAY,
    ) {
        let pool = make_pool(&expiries, TokenPolicy::PerDay, offset);
        let now = T0 + start;
        let coverage = pool.coverage_until(now);
        let mut sim = pool.clone();
        let mut last_ok = None;
        for day in 0..80 {
            let t = if day == 0 { now } else { (clock::epoch_day(now) + day) * DAY };
            if sim.select(t).is_some() {
                last_ok = Some(t);
            }
        }
        match (coverage, last_ok) {
            (None, None) => {}
            (Some(c), Some(t)) => {
                prop_assert!(c >= t, "coverage ends before a served instant");
                prop_assert!(clock::epoch_day(c) >= clock::epoch_day(t));
            }
            (c, t) => prop_assert!(false, "coverage {:?} but last served {:?}", c, t),
        }
    }
}
