//! The switches tests flip at run time, each fault's answer, and the request log.

mod common;

use std::time::{Duration, Instant};

use common::{
    ISSUER, client, client_with_timeout, fresh_token, jwt_verify_failed, now, post, start_http,
    try_post,
};
use endorser_double::{EndorserDouble, Fault, OVERSIZED_BODY_BYTES, Options, test_token};
use serde_json::{Value, json};

fn body_for(double: &EndorserDouble) -> Value {
    let ids: Vec<String> = double.plans().into_iter().map(|p| p.handle_id).collect();
    json!({"planIds": ids, "afterId": "0"})
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

#[test]
fn one_time_use_refuses_a_token_seen_before() {
    let double = start_http();
    double.add_plan("Plan A", "");
    double.set_one_time_use(true);
    let client = client(&double);
    let first = fresh_token();
    let second = test_token(ISSUER, now() - 1, now() + 3_600);
    assert_ne!(first, second);

    assert_eq!(
        post(&client, &double, Some(&bearer(&first)), &body_for(&double)).status,
        200
    );
    let reused = post(&client, &double, Some(&bearer(&first)), &body_for(&double));
    assert!(jwt_verify_failed(&reused).contains("already been used"));
    assert_eq!(
        post(&client, &double, Some(&bearer(&second)), &body_for(&double)).status,
        200
    );

    double.set_one_time_use(false);
    assert_eq!(
        post(&client, &double, Some(&bearer(&first)), &body_for(&double)).status,
        200
    );
}

#[test]
fn one_time_use_can_start_on() {
    let double = EndorserDouble::start(Options {
        one_time_use: true,
        ..Default::default()
    })
    .unwrap();
    let client = client(&double);
    let token = fresh_token();
    assert_eq!(
        post(&client, &double, Some(&bearer(&token)), &body_for(&double)).status,
        200
    );
    assert_eq!(
        post(&client, &double, Some(&bearer(&token)), &body_for(&double)).status,
        400
    );
}

#[test]
fn a_rejected_token_fails_as_from_the_wrong_signer() {
    let double = start_http();
    let client = client(&double);
    let bad = fresh_token();
    let good = test_token(ISSUER, now() - 5, now() + 3_600);
    double.reject_token(&bad);

    let answer = post(&client, &double, Some(&bearer(&bad)), &body_for(&double));
    assert_eq!(
        jwt_verify_failed(&answer),
        "JWT failed verification: Error: invalid_signature: no matching public key found"
    );
    assert_eq!(
        post(&client, &double, Some(&bearer(&good)), &body_for(&double)).status,
        200
    );
}

#[test]
fn status_500_answers_a_bare_json_string_for_the_next_n_requests() {
    let double = start_http();
    let client = client(&double);
    double.fail_next(2, Fault::Status500);
    for _ in 0..2 {
        let answer = post(
            &client,
            &double,
            Some(&bearer(&fresh_token())),
            &body_for(&double),
        );
        assert_eq!(answer.status, 500);
        assert_eq!(answer.json(), json!("Internal error"));
    }
    assert_eq!(post(&client, &double, None, &body_for(&double)).status, 200);
}

#[test]
fn status_429_sends_retry_after_when_set() {
    let double = start_http();
    let client = client(&double);
    double.fail_next(1, Fault::Status429);
    let answer = post(&client, &double, None, &body_for(&double));
    assert_eq!(answer.status, 429);
    assert!(answer.headers.get("retry-after").is_none());

    double.set_retry_after(Some(120));
    double.fail_next(1, Fault::Status429);
    let answer = post(&client, &double, None, &body_for(&double));
    assert_eq!(answer.status, 429);
    assert_eq!(answer.headers["retry-after"], "120");
}

#[test]
fn drop_closes_the_connection_without_an_answer() {
    let double = start_http();
    let client = client(&double);
    double.fail_next(1, Fault::Drop);

    let error = try_post(&client, &double, None, &body_for(&double)).unwrap_err();
    assert!(!error.is_timeout(), "{error:?}");
    assert!(error.status().is_none(), "{error:?}");

    assert_eq!(post(&client, &double, None, &body_for(&double)).status, 200);
    let recorded = double.requests();
    assert_eq!(recorded[0].status, None);
    assert_eq!(recorded[0].fault, Some(Fault::Drop));
    assert_eq!(recorded[1].status, Some(200));
}

#[test]
fn oversized_is_valid_json_over_two_mebibytes_without_a_length() {
    let double = start_http();
    double.fail_next(1, Fault::Oversized);
    let answer = post(&client(&double), &double, None, &body_for(&double));
    assert_eq!(answer.status, 200);
    assert!(answer.headers.get("content-length").is_none());
    assert_eq!(answer.headers["transfer-encoding"], "chunked");
    assert!(answer.text.len() >= OVERSIZED_BODY_BYTES);
    assert!(answer.text.len() > 2 * 1024 * 1024);
    assert!(answer.json()["data"].as_array().unwrap().len() > 100);
}

#[test]
fn malformed_is_a_200_whose_body_is_not_json() {
    let double = start_http();
    double.fail_next(1, Fault::Malformed);
    let answer = post(&client(&double), &double, None, &body_for(&double));
    assert_eq!(answer.status, 200);
    assert!(
        answer.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    assert!(serde_json::from_str::<Value>(&answer.text).is_err());
}

#[test]
fn parameter_error_on_demand() {
    let double = start_http();
    double.fail_next(1, Fault::ParameterError);
    let answer = post(&client(&double), &double, None, &body_for(&double));
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.json(),
        json!({"error": "afterId parameter is required"})
    );
}

#[test]
fn faults_run_in_the_order_queued_and_can_be_cleared() {
    let double = start_http();
    let client = client(&double);
    double.fail_next(1, Fault::Status429);
    double.fail_next(1, Fault::Status500);
    assert_eq!(post(&client, &double, None, &body_for(&double)).status, 429);
    assert_eq!(post(&client, &double, None, &body_for(&double)).status, 500);

    double.fail_next(3, Fault::Status500);
    double.clear_faults();
    assert_eq!(post(&client, &double, None, &body_for(&double)).status, 200);
}

#[test]
fn a_faulted_request_does_not_use_up_a_one_time_token() {
    let double = start_http();
    double.set_one_time_use(true);
    let client = client(&double);
    let token = fresh_token();
    double.fail_next(1, Fault::Status500);
    assert_eq!(
        post(&client, &double, Some(&bearer(&token)), &body_for(&double)).status,
        500
    );
    assert_eq!(
        post(&client, &double, Some(&bearer(&token)), &body_for(&double)).status,
        200
    );
}

#[test]
fn strict_one_time_use_spends_a_token_on_any_request_that_carries_it() {
    let double = EndorserDouble::start(Options {
        strict_one_time_use: true,
        ..Default::default()
    })
    .unwrap();
    double.add_plan("Plan A", "");
    let client = client(&double);
    // A request answered 500 used its token up: the retry with it is refused.
    let token = fresh_token();
    double.fail_next(1, Fault::Status500);
    assert_eq!(
        post(&client, &double, Some(&bearer(&token)), &body_for(&double)).status,
        500
    );
    let again = post(&client, &double, Some(&bearer(&token)), &body_for(&double));
    assert!(jwt_verify_failed(&again).contains("already been used"));
    // So did a request refused for its body.
    let other = test_token(ISSUER, now() - 2, now() + 3_600);
    assert_eq!(
        post(
            &client,
            &double,
            Some(&bearer(&other)),
            &json!({"afterId": "0"})
        )
        .status,
        400
    );
    let again = post(&client, &double, Some(&bearer(&other)), &body_for(&double));
    assert!(jwt_verify_failed(&again).contains("already been used"));
    // A token the checks refuse (not valid yet) is not used up: it was never accepted.
    let early = test_token(ISSUER, now() + 3_600, now() + 7_200);
    let refused = post(&client, &double, Some(&bearer(&early)), &body_for(&double));
    assert!(jwt_verify_failed(&refused).contains("issued in the future"));
    double.set_now(Some(
        std::time::SystemTime::now() + Duration::from_secs(3_600),
    ));
    assert_eq!(
        post(&client, &double, Some(&bearer(&early)), &body_for(&double)).status,
        200
    );
    // The switch can be turned off at run time.
    double.set_strict_one_time_use(false);
    let third = test_token(ISSUER, now() - 3, now() + 3_600);
    double.fail_next(1, Fault::Status500);
    post(&client, &double, Some(&bearer(&third)), &body_for(&double));
    assert_eq!(
        post(&client, &double, Some(&bearer(&third)), &body_for(&double)).status,
        200,
        "off: a faulted request no longer uses the token up"
    );
}

#[test]
fn delay_slows_every_answer_and_trips_a_short_client_timeout() {
    let double = start_http();
    double.set_delay(Duration::from_millis(400));
    let started = Instant::now();
    assert_eq!(
        post(&client(&double), &double, None, &body_for(&double)).status,
        200
    );
    assert!(started.elapsed() >= Duration::from_millis(400));

    let impatient = client_with_timeout(&double, Duration::from_millis(100));
    let error = try_post(&impatient, &double, None, &body_for(&double)).unwrap_err();
    assert!(error.is_timeout(), "{error:?}");

    double.set_delay(Duration::ZERO);
    let started = Instant::now();
    assert_eq!(
        post(&client(&double), &double, None, &body_for(&double)).status,
        200
    );
    assert!(started.elapsed() < Duration::from_millis(400));
}

#[test]
fn the_log_shows_which_token_went_with_which_request() {
    let double = start_http();
    let plan = double.add_plan("Plan A", "");
    let client = client(&double);
    let first = fresh_token();
    let second = test_token(ISSUER, now() - 5, now() + 3_600);
    let body = json!({"planIds": [plan.handle_id], "afterId": "0"});

    post(&client, &double, Some(&bearer(&first)), &body);
    post(&client, &double, None, &body);
    double.reject_token(&second);
    post(&client, &double, Some(&bearer(&second)), &body);

    let recorded = double.requests();
    assert_eq!(recorded.len(), 3);
    assert_eq!(recorded[0].bearer_token(), Some(first.as_str()));
    assert_eq!(
        recorded[0].authorization.as_deref(),
        Some(bearer(&first).as_str())
    );
    assert_eq!(recorded[1].bearer_token(), None);
    assert_eq!(recorded[2].bearer_token(), Some(second.as_str()));
    assert_eq!(
        recorded.iter().map(|r| r.status).collect::<Vec<_>>(),
        vec![Some(200), Some(200), Some(400)]
    );
    assert!(recorded.iter().all(|r| r.method == "POST"
        && r.path == endorser_double::REPORT_PATH
        && r.body.as_ref() == Some(&body)));

    double.clear_requests();
    assert!(double.requests().is_empty());
}

#[test]
fn the_log_keeps_only_the_newest_requests_up_to_its_limit() {
    let double = EndorserDouble::start(Options {
        record_limit: 2,
        ..Default::default()
    })
    .unwrap();
    let client = client(&double);
    for after in ["1", "2", "3"] {
        post(
            &client,
            &double,
            None,
            &json!({"planIds": [], "afterId": after}),
        );
    }
    let afters: Vec<Value> = double
        .requests()
        .into_iter()
        .map(|r| r.body.unwrap()["afterId"].clone())
        .collect();
    assert_eq!(afters, vec![json!("2"), json!("3")]);
}
