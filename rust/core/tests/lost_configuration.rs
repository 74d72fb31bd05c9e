//! A configure or a `clear` while a prefetch runs (review 2026-12-06, M1, m1, m2): the run's
//! refusals count only for its own configuration, a stale run writes nothing over a newer one, and
//! a run that lost its configuration returns no content and no cursor. A configure for another
//! identity does not inherit the previous account's starred plans (n6).

mod support;

use std::sync::Arc;
use std::time::Duration;

use daily_notification_core::Outcome;
use support::*;

/// A second pool for the same identity, distinct from `live_pool`'s tokens.
fn other_pool(n: usize, tag: &str) -> Vec<String> {
    (0..n)
        .map(|i| jwt(DID, now(), now() + 90 * DAY, &format!("{DID}#{tag}#{i}")))
        .collect()
}

/// Configures `tokens` (and `did`) over the double's plans from another handle on the store,
/// `after` the double answered `answered` requests (it records a request once answered).
fn configure_later(
    store: &Store,
    double: &Arc<endorser_double::EndorserDouble>,
    did: &str,
    tokens: Vec<String>,
    answered: usize,
    after: Duration,
) -> std::thread::JoinHandle<()> {
    let double = Arc::clone(double);
    let other = store.open();
    trust(&other, &double);
    let mut opts = options(&tokens);
    opts.api_base_url = double.base_url();
    opts.active_did = did.to_string();
    opts.starred_plan_ids = Some(double.plans().into_iter().map(|p| p.handle_id).collect());
    opts.after_id = Some(BEFORE_ALL.into());
    std::thread::spawn(move || {
        while double.requests().len() < answered {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(after);
        other.configure(&opts, now()).unwrap();
    })
}

#[test]
fn a_configure_during_a_run_starts_the_refusal_count_again() {
    let p1 = live_pool(5, 90);
    let (double, store, f) = served(2, &p1);
    let double = Arc::new(double);
    for t in &p1 {
        double.reject_token(t);
    }
    double.set_delay(Duration::from_millis(500));
    // During the second request: the first was answered and its refusal counted.
    let p2 = other_pool(5, "p2");
    let configuring = configure_later(&store, &double, DID, p2, 1, Duration::from_millis(150));
    let r = f.prefetch(now()).unwrap();
    configuring.join().unwrap();
    assert_eq!(r.outcome, Outcome::Ok, "{:?}", r.message);
    assert_eq!(
        r.requests, 3,
        "P1, P1 (refused after the configure), then P2"
    );
    let s = f.status(now());
    assert!(
        s.pool.usable > 0,
        "the new pool is not refused: {:?}",
        s.pool
    );
    double.set_delay(Duration::ZERO);
    assert_ne!(f.prefetch(now()).unwrap().outcome, Outcome::NoToken);
}

#[test]
fn a_stale_run_never_writes_its_last_prefetch_over_a_newer_configuration() {
    let (double, store, f) = served(2, &live_pool(5, 90));
    let double = Arc::new(double);
    let first = f.prefetch(now()).unwrap();
    assert_eq!(first.outcome, Outcome::Ok);
    let before = f.status(now()).last_prefetch.unwrap();
    double.set_delay(Duration::from_millis(500));
    let configuring = configure_later(
        &store,
        &double,
        DID,
        other_pool(5, "p2"),
        0,
        Duration::from_millis(150),
    );
    let r = f.prefetch(now() + 7).unwrap();
    configuring.join().unwrap();
    assert_ne!(
        r.outcome,
        Outcome::Cancelled,
        "same identity: the result stands"
    );
    assert_eq!(f.status(now()).last_prefetch.unwrap(), before);
}

#[test]
fn a_clear_during_a_run_returns_no_content_and_no_cursor() {
    let (double, store, f) = served(2, &live_pool(5, 90));
    let double = Arc::new(double);
    double.set_delay(Duration::from_millis(500));
    let clearing = std::thread::spawn({
        let other = store.open();
        move || {
            std::thread::sleep(Duration::from_millis(150));
            other.clear().unwrap();
        }
    });
    let r = f.prefetch(now()).unwrap();
    clearing.join().unwrap();
    assert_eq!(r.outcome, Outcome::Cancelled, "{:?}", r.message);
    assert_eq!((&r.notification, &r.cursor), (&None, &None));
    assert_eq!(r.changed_plans, 0);
    assert!(r.outcome.is_success(), "nothing to retry");
    assert!(!store.state_file().exists(), "the store stays deleted");
    assert!(!store.key_file().exists(), "no new key was made");
    assert!(!f.status(now()).configured);
}

#[test]
fn a_configure_for_another_identity_during_a_run_returns_no_content() {
    let (double, store, f) = served(2, &live_pool(5, 90));
    let double = Arc::new(double);
    double.set_delay(Duration::from_millis(500));
    let other_did = "did:ethr:0x1111111111111111111111111111111111111111";
    let tokens: Vec<String> = (0..3)
        .map(|i| jwt(other_did, now(), now() + 90 * DAY, &format!("other#{i}")))
        .collect();
    let configuring = configure_later(
        &store,
        &double,
        other_did,
        tokens,
        0,
        Duration::from_millis(150),
    );
    let r = f.prefetch(now()).unwrap();
    configuring.join().unwrap();
    assert_eq!(r.outcome, Outcome::Cancelled, "{:?}", r.message);
    assert_eq!((&r.notification, &r.cursor), (&None, &None));
    let s = f.status(now());
    assert_eq!(s.active_did.as_deref(), Some(other_did));
    assert_eq!(s.last_prefetch, None, "the old run writes nothing");
    assert_eq!(f.last_notification().unwrap(), None);
}

/// Review m5: a run whose request never left the device (connection refused, TLS handshake
/// refused) gives its fresh token back, so a clock stuck behind the pool's high-water mark does
/// not drain the pool at the retry rate.
#[test]
fn no_token_is_spent_on_a_run_that_never_reached_the_server() {
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let store = Store::new();
    let f = store.open();
    let mut opts = options(&pool(10, T0, 90));
    opts.api_base_url = format!("https://127.0.0.1:{closed}");
    f.configure(&opts, T0).unwrap();
    f.acquire_token(T0).unwrap();
    for _ in 0..10 {
        let r = f.prefetch(T0 - DAY).unwrap();
        assert_eq!(
            (r.outcome, r.tokens_sent),
            (Outcome::Retry, 0),
            "{:?}",
            r.message
        );
    }
    assert_eq!(f.status(T0).pool.used, 1, "only the acquired token");

    // A TLS handshake the client refuses (the double's CA is not trusted): nothing was written.
    let (double, _store2, g) = served(1, &live_pool(5, 90));
    g.set_http_settings(daily_notification_core::HttpSettings::default());
    for _ in 0..3 {
        assert_eq!(g.prefetch(now() - DAY).unwrap().outcome, Outcome::Retry);
    }
    assert_eq!(g.status(now()).pool.used, 0);
    assert!(double.requests().is_empty());
}

/// Review m3: cursors are ULIDs. Lower case is normalised (it would otherwise sort above every
/// real ULID and silence the identity for good); anything else is INVALID_AFTER_ID.
#[test]
fn cursors_are_ulids_and_lower_case_is_normalised() {
    let store = Store::new();
    let f = store.open();
    let mut opts = options(&pool(3, T0, 90));
    opts.after_id = Some("01jzzzzzzzzzzzzzzzzzzzzzzz".into());
    f.configure(&opts, T0).unwrap();
    assert_eq!(
        f.status(T0).cursor.as_deref(),
        Some("01JZZZZZZZZZZZZZZZZZZZZZZZ")
    );
    let newer = "01KZZZZZZZZZZZZZZZZZZZZZZZ";
    f.acknowledge_delivery(newer).unwrap();
    assert_eq!(f.status(T0).cursor.as_deref(), Some(newer));
    for bad in [
        "zzzz",
        "01M80V4R0S68JZJ7E8FY5D8DVU",
        "8ZZZZZZZZZZZZZZZZZZZZZZZZZ",
    ] {
        opts.after_id = Some(bad.into());
        let e = f.configure(&opts, T0).unwrap_err();
        assert_eq!(e.code, daily_notification_core::ErrorCode::InvalidAfterId);
        assert!(
            !e.message.contains(bad),
            "the message never echoes the value"
        );
        let e = f.acknowledge_delivery(bad).unwrap_err();
        assert_eq!(e.code, daily_notification_core::ErrorCode::InvalidAfterId);
    }
    assert_eq!(f.status(T0).cursor.as_deref(), Some(newer));
}

/// Starred plans belong to an account (review n6): another identity's configure without its own
/// list starts with none (its prefetch asks the server nothing about the previous account's
/// projects), its own list replaces them, and a list stored before any configure is kept.
#[test]
fn another_identity_never_inherits_the_starred_plans() {
    let (double, store, f) = served(2, &live_pool(5, 90));
    let first = f.status(now()).starred_plan_ids;
    assert!(first > 0, "served() stars the double's plans");

    let other = "did:ethr:0x00000000000000000000000000000000000000b2";
    let tokens: Vec<String> = (0..5)
        .map(|i| jwt(other, now(), now() + 90 * DAY, &format!("{other}#{i}")))
        .collect();
    let mut opts = options(&tokens);
    opts.api_base_url = double.base_url();
    opts.active_did = other.to_string();
    opts.starred_plan_ids = None;
    f.configure(&opts, now()).unwrap();
    assert_eq!(f.status(now()).starred_plan_ids, 0);
    let asked = double.requests().len();
    assert_eq!(f.prefetch(now()).unwrap().outcome, Outcome::NoPlans);
    assert_eq!(
        double.requests().len(),
        asked,
        "no request for the old account's plans"
    );

    // The same identity again keeps what it has; its own list replaces it.
    opts.starred_plan_ids = Some(vec!["https://endorser.ch/entity/B".into()]);
    f.configure(&opts, now()).unwrap();
    opts.starred_plan_ids = None;
    f.configure(&opts, now()).unwrap();
    assert_eq!(
        store.open().starred_plans().unwrap(),
        ["https://endorser.ch/entity/B"]
    );

    // A list stored before the first configure (no account yet) is the first account's.
    f.clear().unwrap();
    f.update_starred_plans(&["https://endorser.ch/entity/C".into()])
        .unwrap();
    f.configure(&opts, now()).unwrap();
    assert_eq!(
        store.open().starred_plans().unwrap(),
        ["https://endorser.ch/entity/C"]
    );
}
