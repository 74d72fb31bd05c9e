//! The headless prefetch against the Endorser double over HTTPS: every outcome and fault.

mod support;

use std::collections::HashSet;
use std::time::Duration;

use daily_notification_core::{ErrorCode, HttpSettings, Outcome, Refusal, Secret};
use endorser_double::{EndorserDouble, Fault, Options};
use support::*;

#[test]
fn changed_plans_become_one_notification_and_advance_the_cursor() {
    let (double, store, f) = served(4, &live_pool(10, 90));
    let r = f.prefetch(now()).unwrap();
    assert_eq!(r.outcome, Outcome::Ok);
    assert_eq!((r.http_status, r.changed_plans), (Some(200), 4));
    let n = r.notification.clone().unwrap();
    assert_eq!(n.title, "Starred Project Updates");
    assert_eq!(
        n.body,
        "\"Plan 3\", \"Plan 2\", \"Plan 1\" + 1 more have been updated."
    );
    let newest = double
        .plans()
        .iter()
        .map(|p| p.jwt_id.clone())
        .max()
        .unwrap();
    assert_eq!(r.cursor.as_deref(), Some(newest.as_str()));
    let req = double.requests().pop().unwrap();
    assert_eq!(req.path, "/api/v2/report/plansLastUpdatedBetween");
    assert_eq!(req.body.as_ref().unwrap()["afterId"], BEFORE_ALL);
    assert_eq!(
        req.body.as_ref().unwrap()["planIds"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert!(req.bearer_token().is_some_and(|t| t.starts_with("eyJ")));

    // Persisted: content and lastPrefetch. The cursor waits for the delivery.
    let stored = store.open().last_notification().unwrap().unwrap();
    assert_eq!((stored.title, stored.body), (n.title, n.body));
    let s = store.open().status(now());
    assert_eq!(s.cursor.as_deref(), Some(BEFORE_ALL));
    let last = s.last_prefetch.unwrap();
    assert_eq!(
        (last.outcome, last.http_status, last.changed_plans),
        (Outcome::Ok, Some(200), 4)
    );
    let acked = f
        .acknowledge_delivery(r.cursor.as_deref().unwrap())
        .unwrap();
    assert_eq!(acked.cursor.as_deref(), Some(newest.as_str()));
    assert_eq!(
        store.open().last_notification().unwrap(),
        None,
        "delivered content is dropped"
    );

    // Nothing new: no notification, the cursor is sent as afterId.
    let r = f.prefetch(now()).unwrap();
    assert_eq!(
        (r.outcome, r.notification.clone()),
        (Outcome::NoChanges, None)
    );
    assert_eq!(
        double.requests().pop().unwrap().body.unwrap()["afterId"],
        newest.as_str()
    );

    // One plan edited: singular title.
    let handle = double.plans()[1].handle_id.clone();
    let edited = double
        .update_plan(&handle, Some("Plan 1 renamed"), None)
        .unwrap();
    let r = f.prefetch(now()).unwrap();
    assert_eq!(r.outcome, Outcome::Ok);
    let n = r.notification.unwrap();
    assert_eq!(
        (n.title.as_str(), n.body.as_str()),
        (
            "Starred Project Update",
            "\"Plan 1 renamed\" has been updated."
        )
    );
    assert_eq!(r.cursor.as_deref(), Some(edited.as_str()));
}

#[test]
fn outcomes_that_need_no_network_do_not_touch_it() {
    let double = EndorserDouble::start(Options::default()).unwrap();
    let store = Store::new();
    let f = store.open();
    assert_eq!(f.prefetch(now()).unwrap().outcome, Outcome::NotConfigured);
    let mut opts = options(&live_pool(1, 90));
    opts.api_base_url = double.base_url();
    opts.starred_plan_ids = Some(vec![]);
    f.configure(&opts, now()).unwrap();
    assert_eq!(f.prefetch(now()).unwrap().outcome, Outcome::NoPlans);
    f.update_starred_plans(&["https://endorser.ch/entity/X".into()])
        .unwrap();
    assert_eq!(
        f.prefetch(now()).unwrap().outcome,
        Outcome::NoChanges,
        "plain http on loopback"
    );
    let next_day = now() + DAY;
    let r = f.prefetch(next_day).unwrap();
    assert_eq!(
        r.outcome,
        Outcome::NoToken,
        "the only token was used yesterday"
    );
    assert_eq!(
        double.requests().len(),
        1,
        "only the one real request reached the server"
    );
    assert_eq!(
        f.status(next_day).last_prefetch.unwrap().outcome,
        Outcome::NoToken
    );
}

#[test]
fn a_rejected_token_is_marked_and_the_next_one_is_used() {
    let tokens = live_pool(10, 90);
    let (double, _store, f) = served(1, &tokens);
    let first = f.acquire_token(now()).unwrap().token.expose().to_string();
    double.reject_token(&first);
    let r = f.prefetch(now()).unwrap();
    assert_eq!(r.outcome, Outcome::Ok);
    let sent: Vec<String> = double
        .requests()
        .iter()
        .filter_map(|r| r.bearer_token().map(str::to_string))
        .collect();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0], first);
    assert_ne!(sent[1], first);
    let s = f.status(now());
    assert_eq!((s.pool.rejected, s.pool.used), (1, 2));
    // The replacement is now the day's token.
    f.prefetch(now()).unwrap();
    assert_eq!(
        double.requests().last().unwrap().bearer_token(),
        Some(sent[1].as_str())
    );
}

#[test]
fn tokens_refused_for_the_same_reason_stop_the_run_and_the_pool_until_a_new_one() {
    let tokens = live_pool(10, 90);
    let (double, store, f) = served(1, &tokens);
    for t in &tokens {
        double.reject_token(t); // a wrong signer: every token of the pool fails alike
    }
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.outcome, r.http_status), (Outcome::NoToken, Some(400)));
    assert_eq!(r.token_refusal, Some(Refusal::InvalidSignature));
    assert_eq!((r.requests, r.tokens_sent), (2, 2), "stopped at the second");
    let s = f.status(now());
    assert_eq!((s.pool.rejected, s.pool.usable), (2, 0));
    assert!(s.low_water, "the app's low-water check re-mints");
    assert_eq!(
        s.last_prefetch.unwrap().token_refusal,
        Some(Refusal::InvalidSignature)
    );
    // The next days send nothing: no three more tokens burned a day.
    for day in 1..4 {
        let r = f.prefetch(now() + day * DAY).unwrap();
        assert_eq!(r.outcome, Outcome::NoToken);
        assert_eq!(r.token_refusal, Some(Refusal::InvalidSignature));
    }
    assert_eq!(double.requests().len(), 2);
    // Configured again with the same tokens (every resume): still refused.
    let mut opts = options(&tokens);
    opts.api_base_url = double.base_url();
    opts.starred_plan_ids = Some(vec![double.plans()[0].handle_id.clone()]);
    f.configure(&opts, now()).unwrap_err();
    assert_eq!(double.requests().len(), 2);
    // A new pool (re-minted by the right signer) works at once.
    opts.jwt_tokens = Some(
        (0..5)
            .map(|i| Secret::new(jwt(DID, now(), now() + 90 * DAY, &format!("re-minted-{i}"))))
            .collect(),
    );
    f.configure(&opts, now()).unwrap();
    assert_eq!(f.prefetch(now()).unwrap().outcome, Outcome::Ok);
    drop(store);
}

#[test]
fn a_token_not_valid_yet_is_a_retry_and_is_not_spent() {
    let (double, _store, f) = served(1, &live_pool(5, 90));
    // The server's clock is an hour behind the minting clock: every `iat` is in its future.
    double.set_now(Some(
        std::time::SystemTime::now() - Duration::from_secs(3_600),
    ));
    let r = f.prefetch(now()).unwrap();
    assert_eq!(r.outcome, Outcome::Retry);
    assert_eq!(r.token_refusal, Some(Refusal::NotYetValid));
    assert_eq!(
        r.requests, 1,
        "rotating cannot help: the whole pool shares its iat"
    );
    let s = f.status(now());
    assert_eq!((s.pool.used, s.pool.rejected, s.pool.usable), (0, 0, 5));
    double.set_now(None);
    assert_eq!(f.prefetch(now()).unwrap().outcome, Outcome::Ok);
}

#[test]
fn transient_faults_ask_for_a_retry_and_permanent_ones_fail() {
    let (double, _store, f) = served(2, &live_pool(10, 90));
    double.fail_next(1, Fault::Status500);
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.outcome, r.http_status), (Outcome::Retry, Some(500)));
    assert!(r.retry_after_seconds.is_some());
    // An answer, even a 500, means the request (and the token) reached the server.
    assert_eq!((r.tokens_sent, f.status(now()).pool.used), (1, 1));
    double.set_retry_after(Some(120));
    double.fail_next(1, Fault::Status429);
    let r = f.prefetch(now()).unwrap();
    assert_eq!(
        (r.outcome, r.http_status, r.retry_after_seconds),
        (Outcome::Retry, Some(429), Some(120))
    );
    double.fail_next(1, Fault::Drop);
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.outcome, r.http_status), (Outcome::Retry, None));
    // Dropped after the request was written: reached too (docs/core-contract.md, "Reached").
    assert_eq!(r.tokens_sent, 1);
    double.fail_next(1, Fault::Oversized);
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.outcome, r.http_status), (Outcome::Failed, Some(200)));
    assert!(r.message.unwrap().contains("1 MiB"));
    double.fail_next(1, Fault::Malformed);
    assert_eq!(f.prefetch(now()).unwrap().outcome, Outcome::Failed);
    double.fail_next(1, Fault::ParameterError);
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.outcome, r.http_status), (Outcome::Failed, Some(400)));
    // None of these advanced the cursor or burned a token: the day's token is still in use.
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.outcome, r.changed_plans), (Outcome::Ok, 2));
    assert_eq!(f.status(now()).pool.used, 1);
}

#[test]
fn a_slow_server_times_out_into_a_retry() {
    let (double, _store, f) = served(1, &live_pool(3, 90));
    let mut settings = f.http_settings();
    settings.request_timeout = Duration::from_millis(300);
    f.set_http_settings(settings);
    double.set_delay(Duration::from_millis(1500));
    let r = f.prefetch(now()).unwrap();
    assert_eq!(r.outcome, Outcome::Retry);
    assert!(r.message.unwrap().contains("timed out"));
}

#[test]
fn an_untrusted_certificate_is_a_retry_not_a_success() {
    let (_double, _store, f) = served(1, &live_pool(3, 90));
    f.set_http_settings(HttpSettings::default());
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.outcome, r.http_status), (Outcome::Retry, None));
    // Refused in the TLS handshake: the request never reached the server (docs/core-contract.md,
    // "Reached"), so its token is given back.
    assert_eq!((r.tokens_sent, f.status(now()).pool.used), (0, 0));
}

#[test]
fn many_changes_are_paged_backwards_to_the_end() {
    let (double, _store, f) = served(120, &live_pool(3, 90));
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.outcome, r.changed_plans), (Outcome::Ok, 120));
    let reqs = double.requests();
    assert_eq!(reqs.len(), 3, "50 + 50 + 20");
    assert!(reqs[0].body.as_ref().unwrap().get("beforeId").is_none());
    assert!(reqs[1].body.as_ref().unwrap()["beforeId"].is_string());
    assert!(
        r.notification
            .unwrap()
            .body
            .ends_with("+ 117 more have been updated.")
    );
    let newest = double.plans().iter().map(|p| p.jwt_id.clone()).max();
    assert_eq!(r.cursor, newest);

    // No page limit of its own: 260 changes are 6 pages, and the count is exact.
    let (double, _store, f) = served(260, &live_pool(3, 90));
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.changed_plans, r.complete), (260, true));
    assert_eq!((double.requests().len(), r.tokens_sent), (6, 1));
    assert!(
        r.notification
            .unwrap()
            .body
            .ends_with("+ 257 more have been updated.")
    );
}

#[test]
fn thirty_days_against_a_one_time_use_server_each_succeed_with_a_distinct_token() {
    let (double, _store, f) = served(2, &live_pool(40, 90));
    double.set_one_time_use(true);
    let start = now();
    for day in 0..30 {
        let handle = double.plans()[day % 2].handle_id.clone();
        double
            .update_plan(&handle, None, Some(&format!("day {day}")))
            .unwrap();
        let r = f.prefetch(start + day as i64 * DAY).unwrap();
        assert_eq!(r.outcome, Outcome::Ok, "day {day}: {:?}", r.message);
        let expected = if day == 0 { 2 } else { 1 }; // day 0 starts from the beginning
        assert_eq!(r.changed_plans, expected, "day {day}");
        f.acknowledge_delivery(r.cursor.as_deref().unwrap())
            .unwrap();
    }
    let sent: Vec<String> = double
        .requests()
        .iter()
        .filter_map(|r| r.bearer_token().map(str::to_string))
        .collect();
    assert_eq!(sent.len(), 30);
    assert_eq!(
        sent.iter().collect::<HashSet<_>>().len(),
        30,
        "a distinct token every day"
    );
}

#[test]
fn a_second_prefetch_the_same_day_against_a_one_time_use_server_rotates() {
    let (double, _store, f) = served(1, &live_pool(5, 90));
    double.set_one_time_use(true);
    let r = f.prefetch(now()).unwrap();
    assert_eq!(r.outcome, Outcome::Ok);
    f.acknowledge_delivery(r.cursor.as_deref().unwrap())
        .unwrap();
    // The worker runs again (a retry): the day's token is spent on the server, so it rotates.
    let r = f.prefetch(now()).unwrap();
    assert_eq!(r.outcome, Outcome::NoChanges);
    let s = f.status(now());
    assert_eq!((s.pool.rejected, s.pool.used), (0, 2), "spent, not refused");
    assert_eq!(double.requests().len(), 3);
}

#[test]
fn a_rotation_after_a_slow_rejection_keeps_the_days_token_for_the_next_run() {
    // Real wall and boot clocks, as on a phone: the token taken after a rejection is recorded with
    // the run's own pair of clocks, so a slow first request does not make the next run of the day
    // see them disagree and spend a fresh token.
    let (double, _store, f) = served(1, &live_pool(5, 90));
    f.use_boot_clock(true);
    let first = f.acquire_token(now()).unwrap().token.expose().to_string();
    double.reject_token(&first);
    double.set_delay(Duration::from_millis(2600));
    let r = f.prefetch(now()).unwrap();
    assert_eq!(r.outcome, Outcome::Ok);
    double.set_delay(Duration::ZERO);
    f.prefetch(now()).unwrap();
    let sent: Vec<Option<String>> = double
        .requests()
        .into_iter()
        .map(|q| q.authorization)
        .collect();
    assert_eq!(sent.len(), 3);
    // Compared, never printed: a failing assertion must not put a token in the output.
    assert!(sent[0] != sent[1], "rotated after the rejection");
    assert!(
        sent[1] == sent[2],
        "the next run of the day sends the day's token again"
    );
    assert_eq!(f.status(now()).pool.used, 2);
}

#[test]
fn acquire_token_needs_a_configuration() {
    let store = Store::new();
    assert_eq!(
        store.open().acquire_token(now()).unwrap_err().code,
        ErrorCode::NotConfigured
    );
}

#[test]
fn the_result_names_the_changed_plans_once_each_for_the_tap() {
    let (double, _store, f) = served(3, &live_pool(10, 90));
    let r = f.prefetch(now()).unwrap();
    assert_eq!(r.outcome, Outcome::Ok);
    let mut named = r.changed_plan_ids.clone();
    let mut served: Vec<String> = double.plans().iter().map(|p| p.handle_id.clone()).collect();
    named.sort();
    served.sort();
    assert_eq!(named, served);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["changedPlanIds"].as_array().unwrap().len(), 3);
    // Nothing changed: no ids, and the key is left out.
    let none = f.prefetch(now()).unwrap();
    if none.outcome == Outcome::NoChanges {
        assert!(
            serde_json::to_value(&none)
                .unwrap()
                .get("changedPlanIds")
                .is_none()
        );
    }
}
