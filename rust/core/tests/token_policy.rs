//! The selection guarantees of the token pool, through the public `Fetcher` API.

mod support;

use std::collections::{HashMap, HashSet};

use daily_notification_core::pool::{PoolEntry, TokenPool};
use daily_notification_core::{ErrorCode, Secret, TokenPolicy, redact};
use support::*;

fn acquire(store: &Store, now: i64) -> Result<String, ErrorCode> {
    store
        .open()
        .acquire_token(now)
        .map(|t| t.token.expose().to_string())
        .map_err(|e| e.code)
}

/// Days 2 to 6 get another token, or none: never `day0`'s (compared, never printed).
fn never_sent_on_days_2_to_6(store: &Store, day0: &str) {
    for day in 2..7 {
        match acquire(store, T0 + day * DAY) {
            Ok(t) => assert!(t != day0, "day {day} re-sent day 0's token"),
            Err(e) => assert_eq!(e, ErrorCode::NoToken),
        }
    }
}

#[test]
fn a_100_token_90_day_pool_serves_90_consecutive_days_with_distinct_tokens() {
    let store = Store::new();
    let f = store.open();
    let result = f.configure(&options(&pool(100, T0, 90)), T0).unwrap();
    assert_eq!(result.accepted, 100);
    assert!(!result.low_water);
    let mut by_day = Vec::new();
    for day in 0..90 {
        let t = acquire(&store, T0 + day * DAY).unwrap_or_else(|e| panic!("day {day}: {e}"));
        by_day.push(t);
    }
    let distinct: HashSet<_> = by_day.iter().collect();
    assert_eq!(distinct.len(), 90, "every day gets its own token");
    // Day 90 falls past exp - margin for tokens minted at T0: the pool is spent by expiry.
    assert_eq!(acquire(&store, T0 + 90 * DAY), Err(ErrorCode::NoToken));
}

#[test]
fn per_day_policy_is_stable_within_a_day_and_never_reuses_a_token_on_a_later_day() {
    let store = Store::new();
    store
        .open()
        .configure(&options(&pool(10, T0, 30)), T0)
        .unwrap();
    let morning = acquire(&store, T0).unwrap();
    assert_eq!(
        acquire(&store, T0 + 3600).unwrap(),
        morning,
        "same token all day"
    );
    let next_day = acquire(&store, T0 + DAY).unwrap();
    assert_ne!(next_day, morning);
    // Later the same day: still that day's token.
    assert_eq!(acquire(&store, T0 + DAY + 60).unwrap(), next_day);
}

#[test]
fn after_a_rejection_the_next_unused_token_is_used_and_retries_come_from_the_buffer() {
    let entries = pool(100, T0, 90)
        .into_iter()
        .map(|t| {
            let exp = T0 + 90 * DAY;
            PoolEntry::new(Secret::new(t), exp)
        })
        .collect();
    let mut p = TokenPool::new(entries, TokenPolicy::PerDay, 600, 12345);
    let mut sent_on: HashMap<String, i64> = HashMap::new();
    for day in 0..90 {
        let now = T0 + day * DAY;
        let i = p
            .select(now)
            .unwrap_or_else(|| panic!("day {day}: no token"));
        let mut token = p.entries[i].token.expose().to_string();
        if day % 9 == 0 {
            // The server refuses the day's first token (10 times in all): retry from the buffer.
            p.mark_rejected(&redact::token_id(&token));
            let j = p.select(now + 60).expect("a retry token");
            assert_ne!(i, j);
            assert_eq!(
                p.entries[j].uses, 1,
                "the retry takes a token never sent before"
            );
            token = p.entries[j].token.expose().to_string();
            assert_eq!(
                p.select(now + 120),
                Some(j),
                "the retry token is now the day's token"
            );
        }
        for (t, d) in &sent_on {
            assert!(
                *t != token || *d == day,
                "day {day} re-sent the token of day {d}"
            );
        }
        sent_on.insert(token, day);
    }
    let h = p.health(T0 + 89 * DAY);
    assert_eq!((h.rejected, h.used, h.usable), (10, 100, 1));
    assert_eq!(p.select(T0 + 90 * DAY), None, "all spent");
}

#[test]
fn per_request_policy_consumes_a_fresh_token_every_time() {
    let store = Store::new();
    let mut opts = options(&pool(5, T0, 30));
    opts.token_policy = Some("perRequest".into());
    store.open().configure(&opts, T0).unwrap();
    let got: Vec<_> = (0..5).map(|i| acquire(&store, T0 + i).unwrap()).collect();
    assert_eq!(got.iter().collect::<HashSet<_>>().len(), 5);
    assert_eq!(acquire(&store, T0 + 10), Err(ErrorCode::NoToken));
    assert_eq!(
        store.open().status(T0).token_policy,
        Some(TokenPolicy::PerRequest)
    );
}

#[test]
fn expired_tokens_are_never_selected_and_coverage_follows_the_expiries() {
    let store = Store::new();
    // Three tokens expiring after 1, 2 and 3 days.
    let tokens: Vec<String> = (1..=3)
        .map(|d| jwt(DID, T0, T0 + d * DAY, &format!("t{d}")))
        .collect();
    let f = store.open();
    let r = f.configure(&options(&tokens), T0).unwrap();
    // Day 0 takes some token; the pool then serves as many further days as expiries allow.
    let coverage = r.coverage_until.unwrap();
    assert!(
        coverage <= T0 + 3 * DAY - 600,
        "never past the last exp - margin"
    );
    assert!(r.low_water, "under 7 days of coverage");
    let mut served = HashMap::new();
    for day in 0..4 {
        let now = T0 + day * DAY;
        if let Ok(t) = acquire(&store, now) {
            let exp = daily_notification_core::token::read_claims(&t)
                .unwrap()
                .exp
                .unwrap();
            assert!(exp - 600 > now, "day {day}: sent an expired token");
            served.insert(day, t);
        }
    }
    let last_served = served.keys().max().copied().unwrap();
    assert!(
        T0 + last_served * DAY <= coverage,
        "coverage covers every day served"
    );
    assert!(
        served.len() >= 2,
        "the 2- and 3-day tokens serve days 1 and 2 at least"
    );
}

#[test]
fn reconfiguring_the_same_identity_keeps_use_marks_so_no_token_is_sent_on_two_days() {
    let store = Store::new();
    let tokens = pool(5, T0, 30);
    store.open().configure(&options(&tokens), T0).unwrap();
    let day0 = acquire(&store, T0).unwrap();
    // The app re-configures with the same pool on resume, then with a new pool missing day0's
    // token, then brings the old pool back.
    store.open().configure(&options(&tokens), T0 + 10).unwrap();
    assert_eq!(
        acquire(&store, T0 + 20).unwrap(),
        day0,
        "still today's token"
    );
    let fresh = pool(5, T0 + 1, 30);
    store.open().configure(&options(&fresh), T0 + DAY).unwrap();
    store
        .open()
        .configure(&options(&tokens), T0 + 2 * DAY)
        .unwrap();
    never_sent_on_days_2_to_6(&store, &day0);
}

#[test]
fn switching_identity_and_back_never_sends_a_token_on_two_days() {
    let store = Store::new();
    let tokens = pool(5, T0, 30);
    store.open().configure(&options(&tokens), T0).unwrap();
    let day0 = acquire(&store, T0).unwrap();
    // Another account on the same device for a day, then the first one again with its pool.
    let other = "did:ethr:0x1111111111111111111111111111111111111111";
    let mut opts = options(&[jwt(other, T0, T0 + 30 * DAY, "x")]);
    opts.active_did = other.into();
    store.open().configure(&opts, T0 + DAY).unwrap();
    store
        .open()
        .configure(&options(&tokens), T0 + 2 * DAY)
        .unwrap();
    never_sent_on_days_2_to_6(&store, &day0);
}

#[test]
fn a_new_identity_replaces_the_pool_and_resets_the_cursor() {
    let store = Store::new();
    let f = store.open();
    let mut opts = options(&pool(3, T0, 30));
    opts.after_id = Some("01M80V4R0S68JZJ7E8FY5D8DV9".into());
    f.configure(&opts, T0).unwrap();
    assert_eq!(
        f.status(T0).cursor.as_deref(),
        Some("01M80V4R0S68JZJ7E8FY5D8DV9")
    );
    let other = "did:ethr:0x1111111111111111111111111111111111111111";
    let mut opts2 = options(&[jwt(other, T0, T0 + 30 * DAY, "x")]);
    opts2.active_did = other.into();
    f.configure(&opts2, T0).unwrap();
    let s = f.status(T0);
    assert_eq!(s.active_did.as_deref(), Some(other));
    assert_eq!(s.cursor, None);
    assert_eq!(s.pool.size, 1);
}

#[test]
fn low_water_is_reported_when_coverage_drops_under_the_threshold() {
    let store = Store::new();
    let f = store.open();
    let r = f.configure(&options(&pool(10, T0, 90)), T0).unwrap();
    assert!(!r.low_water, "10 tokens cover 10 days");
    for day in 0..4 {
        acquire(&store, T0 + day * DAY).unwrap();
    }
    let s = f.status(T0 + 3 * DAY);
    assert_eq!(s.pool.usable, 7, "today's and 6 unused");
    assert!(
        s.low_water,
        "7 tokens left cover 7 days including today: under 7 full days"
    );
    let mut opts = options(&pool(10, T0, 90));
    opts.low_water_days = Some(3);
    let r = f.configure(&opts, T0 + 3 * DAY).unwrap();
    assert!(!r.low_water);
}

#[test]
fn a_device_booting_at_1970_never_gets_a_token_used_before() {
    // A token sent, retired by a pool without it, then brought back: on a device whose clock
    // says 1970 (epoch day 0, the day the old code used as its "spent earlier" mark).
    let store = Store::new();
    let old = pool(3, T0, 30);
    store.open().configure(&options(&old), T0).unwrap();
    let sent = acquire(&store, T0).unwrap();
    store
        .open()
        .configure(&options(&pool(3, T0 + 1, 30)), T0 + 60)
        .unwrap();
    store.open().configure(&options(&old), T0 + 120).unwrap();
    let boot = 5; // 1970-01-01T00:00:05Z
    for i in 0..3 {
        match acquire(&store, boot + i) {
            Ok(t) => assert_ne!(t, sent, "re-sent at 1970"),
            Err(e) => assert_eq!(e, ErrorCode::NoToken),
        }
    }
    // Nor after the clock is set right again.
    for day in 0..3 {
        if let Ok(t) = acquire(&store, T0 + day * DAY + 300) {
            assert_ne!(t, sent, "day {day}");
        }
    }
}
