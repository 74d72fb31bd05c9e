//! Paging against a server that takes each token once, the run's token and time budget, and the
//! cursor's rules: first run, delivery acknowledgement, carry-over, never backwards.

mod support;

use std::collections::HashSet;
use std::time::Duration;

use daily_notification_core::{Outcome, prefetch::MAX_TOKENS_PER_RUN};
use endorser_double::{EndorserDouble, Fault, Options};
use support::*;

/// A strict one-time-use double (each token good for one request) with `n` plans, and a store
/// configured for them from `BEFORE_ALL`.
fn strict(n: usize, tokens: usize) -> (EndorserDouble, Store, daily_notification_core::Fetcher) {
    let (double, store, f) = served(n, &live_pool(tokens, 90));
    double.set_strict_one_time_use(true);
    (double, store, f)
}

fn sent_tokens(double: &EndorserDouble) -> Vec<String> {
    double
        .requests()
        .iter()
        .filter_map(|r| r.bearer_token().map(str::to_string))
        .collect()
}

#[test]
fn sixty_changes_on_a_one_time_use_server_take_two_tokens_and_lose_no_row() {
    let (double, _store, f) = strict(60, 10);
    let r = f.prefetch(now()).unwrap();
    assert_eq!(r.outcome, Outcome::Ok, "{:?}", r.message);
    assert_eq!((r.changed_plans, r.complete), (60, true));
    assert_eq!(r.tokens_sent, 2);
    let reqs = double.requests();
    // Page 1, page 2 refused with the spent token, page 2 again with the next token.
    assert_eq!(reqs.len(), 3);
    let before = |i: usize| reqs[i].body.as_ref().unwrap().get("beforeId").cloned();
    assert_eq!(before(0), None);
    assert!(before(1).is_some());
    assert_eq!(before(2), before(1), "continued from the same beforeId");
    assert_eq!(HashSet::<String>::from_iter(sent_tokens(&double)).len(), 2);
    assert!(
        r.notification
            .unwrap()
            .body
            .ends_with("+ 57 more have been updated.")
    );
}

#[test]
fn two_hundred_and_a_thousand_changes_spend_at_most_three_tokens_and_say_or_more() {
    for n in [200, 1000] {
        let (double, store, f) = strict(n, 20);
        let r = f.prefetch(now()).unwrap();
        assert_eq!(r.outcome, Outcome::Ok, "{n}: {:?}", r.message);
        assert_eq!(r.tokens_sent, MAX_TOKENS_PER_RUN, "{n}");
        assert_eq!(
            HashSet::<String>::from_iter(sent_tokens(&double)).len(),
            MAX_TOKENS_PER_RUN
        );
        assert_eq!((r.changed_plans, r.complete), (150, false), "{n}: 3 pages");
        let n_body = r.notification.clone().unwrap().body;
        assert!(
            n_body.ends_with("+ 147 or more have been updated."),
            "{n}: {n_body}"
        );
        assert_eq!(f.status(now()).pool.used, 3);
        let last = f.status(now()).last_prefetch.unwrap();
        assert!(!last.complete);
        // The cursor is the newest change: acknowledging it covers the rows never fetched,
        // which the text announced as "or more".
        let newest = double.plans().iter().map(|p| p.jwt_id.clone()).max();
        assert_eq!(r.cursor, newest);
        f.acknowledge_delivery(r.cursor.as_deref().unwrap())
            .unwrap();
        assert_eq!(f.status(now()).cursor, newest);
        drop(store);
    }
}

/// A one-time-use server whose reuse message no rule here knows (review M1): a token this device
/// already sent is spent whatever the words, and only first-use refusals count toward the pool.
#[test]
fn reuse_refusals_in_unknown_words_never_refuse_the_pool() {
    let (double, _store, f) = strict(200, 20);
    double.set_reuse_message(Some("JWT jti was seen before"));
    let r = f.prefetch(now()).unwrap();
    assert_eq!(r.outcome, Outcome::Ok, "{:?}", r.message);
    assert_eq!((r.changed_plans, r.tokens_sent), (150, MAX_TOKENS_PER_RUN));
    assert_eq!(
        r.token_refusal,
        Some(daily_notification_core::Refusal::AlreadyUsed)
    );
    // Earlier the same day: the day's token is refused in the same unknown words.
    let again = f.prefetch(now()).unwrap();
    assert_eq!(again.outcome, Outcome::Ok, "{:?}", again.message);
    let s = f.status(now());
    assert_eq!(s.pool.rejected, 0, "{:?}", s.pool);
    assert!(s.pool.usable > 0, "{:?}", s.pool);
}

#[test]
fn the_first_run_establishes_the_cursor_silently() {
    let double = EndorserDouble::start(Options::default()).unwrap();
    let plans: Vec<String> = (0..120)
        .map(|i| double.add_plan(&format!("Plan {i}"), "").handle_id)
        .collect();
    let store = Store::new();
    let f = store.open();
    let mut opts = options(&live_pool(5, 90));
    opts.api_base_url = double.base_url();
    opts.starred_plan_ids = Some(plans.clone());
    opts.after_id = Some("0".into()); // the app's default for "no cursor"
    f.configure(&opts, now()).unwrap();
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.outcome, r.baseline), (Outcome::NoChanges, true));
    assert_eq!(r.notification, None);
    assert_eq!(
        double.requests().len(),
        1,
        "one page is enough for the newest id"
    );
    let newest = double.plans().iter().map(|p| p.jwt_id.clone()).max();
    assert_eq!(f.status(now()).cursor, newest);
    assert_eq!(store.open().last_notification().unwrap(), None);
    // From then on, only real changes.
    double.update_plan(&plans[7], Some("Seven"), None).unwrap();
    let r = f.prefetch(now()).unwrap();
    assert_eq!(
        (r.outcome, r.changed_plans, r.baseline),
        (Outcome::Ok, 1, false)
    );
}

#[test]
fn an_undelivered_notification_is_carried_into_the_next_one() {
    let (double, store, f) = served(3, &live_pool(10, 90));
    let plans = double.plans();
    let r = f.prefetch(now()).unwrap();
    f.acknowledge_delivery(r.cursor.as_deref().unwrap())
        .unwrap();
    double
        .update_plan(&plans[0].handle_id, Some("A"), None)
        .unwrap();
    let first = f.prefetch(now()).unwrap();
    assert_eq!(first.changed_plans, 1);
    // Not shown (too late, permission off, skip): no acknowledgement. The next day brings
    // another change, and the notification names both.
    double
        .update_plan(&plans[1].handle_id, Some("B"), None)
        .unwrap();
    let second = f.prefetch(now() + DAY).unwrap();
    assert_eq!(second.changed_plans, 2);
    assert_eq!(
        second.notification.unwrap().body,
        "\"B\" and \"A\" have been updated."
    );
    // An acknowledgement of the first (older) notification arriving late never moves the
    // cursor back nor drops the newer content.
    f.acknowledge_delivery(second.cursor.as_deref().unwrap())
        .unwrap();
    let late = f
        .acknowledge_delivery(first.cursor.as_deref().unwrap())
        .unwrap();
    assert_eq!(late.cursor, second.cursor, "the larger cursor is kept");
    assert_eq!(store.open().last_notification().unwrap(), None);
    assert_eq!(f.prefetch(now() + DAY).unwrap().outcome, Outcome::NoChanges);
}

#[test]
fn configure_never_rolls_the_cursor_back_for_the_same_identity() {
    let (double, _store, f) = served(2, &live_pool(10, 90));
    let r = f.prefetch(now()).unwrap();
    f.acknowledge_delivery(r.cursor.as_deref().unwrap())
        .unwrap();
    // The integration guide's app passes its old afterId on every configure.
    let mut opts = options(&live_pool(10, 90));
    opts.api_base_url = double.base_url();
    opts.after_id = Some(BEFORE_ALL.into());
    f.configure(&opts, now()).unwrap();
    assert_eq!(f.status(now()).cursor, r.cursor, "not rolled back");
    assert_eq!(f.prefetch(now()).unwrap().outcome, Outcome::NoChanges);
    // A larger afterId moves it forward.
    opts.after_id = Some("7ZZZZZZZZZZZZZZZZZZZZZZZZZ".into());
    f.configure(&opts, now()).unwrap();
    assert_eq!(
        f.status(now()).cursor.as_deref(),
        Some("7ZZZZZZZZZZZZZZZZZZZZZZZZZ")
    );
}

#[test]
fn the_deadline_ends_the_run_as_a_retry_and_keeps_what_it_fetched() {
    let (double, _store, f) = served(200, &live_pool(5, 90));
    double.set_delay(Duration::from_millis(700));
    let r = f
        .prefetch_within(now(), Duration::from_millis(1_800))
        .unwrap();
    assert_eq!(r.outcome, Outcome::Retry, "{:?}", r.message);
    // Ended by the deadline: before a request (too little time left), or inside one whose
    // timeout shrank to what was left (under load, the second request may start in time).
    let message = r.message.as_deref().unwrap();
    assert!(
        message.contains("deadline") || message.contains("timed out"),
        "{message}"
    );
    assert!(r.requests < 4, "{} requests", r.requests);
    // What was fetched is kept as a notification that says "or more"; the cursor waits.
    if r.changed_plans > 0 {
        assert!(!r.complete);
        let body = r.notification.unwrap().body;
        assert!(body.contains("or more"), "{body}");
    }
    assert_eq!(f.status(now()).cursor.as_deref(), Some(BEFORE_ALL));
    double.set_delay(Duration::ZERO);
    let r = f.prefetch(now()).unwrap();
    assert_eq!(
        (r.outcome, r.changed_plans, r.complete),
        (Outcome::Ok, 200, true)
    );
}

/// The request's own timeout shrinks to what is left of the deadline: with its 20 s setting the
/// answer, 2.5 s later, would have been a page.
#[test]
fn a_request_slower_than_the_deadline_is_cut_at_the_deadline() {
    let (double, _store, f) = served(2, &live_pool(5, 90));
    double.set_delay(Duration::from_millis(2_500));
    let r = f
        .prefetch_within(now(), Duration::from_millis(1_000))
        .unwrap();
    assert_eq!(
        (r.outcome, r.requests, r.changed_plans),
        (Outcome::Retry, 1, 0),
        "{:?}",
        r.message
    );
    assert!(r.message.unwrap().contains("timed out"));
}

#[test]
fn a_deadline_too_short_for_any_request_spends_nothing() {
    let (double, _store, f) = served(2, &live_pool(5, 90));
    let r = f
        .prefetch_within(now(), Duration::from_millis(100))
        .unwrap();
    assert_eq!((r.outcome, r.requests), (Outcome::Retry, 0));
    assert_eq!(f.status(now()).pool.used, 0, "no token marked");
    assert!(double.requests().is_empty());
}

#[test]
fn a_body_cut_in_the_middle_is_a_retry() {
    let (double, _store, f) = served(2, &live_pool(5, 90));
    double.fail_next(1, Fault::Truncated);
    let r = f.prefetch(now()).unwrap();
    assert_eq!(
        (r.outcome, r.http_status),
        (Outcome::Retry, Some(200)),
        "{:?}",
        r.message
    );
    assert_eq!(f.prefetch(now()).unwrap().outcome, Outcome::Ok);
}

#[test]
fn after_a_rotation_the_request_carries_the_current_plans_and_cursor() {
    let tokens = live_pool(10, 90);
    let (double, store, f) = served(3, &tokens);
    let plans = double.plans();
    let first = f.acquire_token(now()).unwrap().token.expose().to_string();
    double.reject_token(&first);
    double.set_delay(Duration::from_millis(600));
    let changed = std::thread::spawn({
        let other = store.open();
        let one = plans[2].handle_id.clone();
        move || {
            std::thread::sleep(Duration::from_millis(150));
            other.update_starred_plans(&[one]).unwrap();
        }
    });
    let r = f.prefetch(now()).unwrap();
    changed.join().unwrap();
    assert_eq!(r.outcome, Outcome::Ok, "{:?}", r.message);
    let reqs = double.requests();
    assert_eq!(reqs.len(), 2);
    let ids = |i: usize| {
        reqs[i].body.as_ref().unwrap()["planIds"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(
        (ids(0), ids(1)),
        (3, 1),
        "the retried request uses the new plans"
    );
    assert_eq!(r.changed_plans, 1);
}

#[test]
fn prefetch_status_and_acknowledge_never_create_a_store() {
    let store = Store::new();
    let f = store.open();
    assert_eq!(f.prefetch(now()).unwrap().outcome, Outcome::NotConfigured);
    assert!(!f.status(now()).configured);
    assert!(
        f.acknowledge_delivery("01M80V4R0S68JZJ7E8FY5D8DV9")
            .is_err()
    );
    assert!(!store.state_file().exists());
    assert!(!store.key_file().exists());
}

/// Two fetchers on one store prefetch at the same time (threads, both requests in flight at
/// once), a plan changes between them, and the platform acknowledges both in either order: the
/// cursor only moves forward and ends at the larger one.
#[test]
fn overlapping_prefetches_never_move_the_cursor_back() {
    for larger_first in [true, false] {
        let (double, store, f) = served(4, &live_pool(10, 90));
        let plans = double.plans();
        // The baseline: the cursor is the newest id, so each run below reports what changed.
        f.acknowledge_delivery(&plans.iter().map(|p| p.jwt_id.clone()).max().unwrap())
            .unwrap();
        double
            .update_plan(&plans[0].handle_id, Some("first"), None)
            .unwrap();
        double.set_delay(Duration::from_millis(400));
        let in_flight = std::sync::Arc::new(std::sync::Barrier::new(2));
        let spawn = |pause: u64| {
            let g = store.open();
            trust(&g, &double);
            let in_flight = std::sync::Arc::clone(&in_flight);
            std::thread::spawn(move || {
                in_flight.wait();
                std::thread::sleep(Duration::from_millis(pause));
                let started = std::time::Instant::now();
                let r = g.prefetch(now()).unwrap();
                (r, started, std::time::Instant::now())
            })
        };
        let a = spawn(0);
        let b = spawn(150);
        std::thread::sleep(Duration::from_millis(80));
        double
            .update_plan(&plans[1].handle_id, Some("second"), None)
            .unwrap();
        let (ra, a_start, a_end) = a.join().unwrap();
        let (rb, b_start, b_end) = b.join().unwrap();
        assert!(
            b_start < a_end && a_start < b_end,
            "the two runs overlapped"
        );
        assert_eq!((ra.outcome, rb.outcome), (Outcome::Ok, Outcome::Ok));
        let mut cursors = [ra.cursor.unwrap(), rb.cursor.unwrap()];
        cursors.sort();
        if larger_first {
            cursors.reverse();
        }
        let mut seen = f.status(now()).cursor.unwrap();
        for c in &cursors {
            f.acknowledge_delivery(c).unwrap();
            let after = f.status(now()).cursor.unwrap();
            assert!(
                after >= seen,
                "the cursor moved back from {seen} to {after}"
            );
            seen = after;
        }
        assert_eq!(Some(seen), cursors.iter().max().cloned());
    }
}
