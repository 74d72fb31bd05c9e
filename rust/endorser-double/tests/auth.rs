//! How the double treats the Authorization header: the server's error bodies, the 300 s skew,
//! and hidden DIDs for callers without a token.

mod common;

use std::time::{Duration, UNIX_EPOCH};

use common::{ISSUER, client, jwt_verify_failed, now, post, start_http};
use endorser_double::{HIDDEN_DID, PLAN_ISSUER_DID, SKEW_SECONDS, test_token, token_from_parts};
use serde_json::{Value, json};

fn body_for(plan_id: &str) -> Value {
    json!({"planIds": [plan_id], "afterId": "0"})
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

#[test]
fn an_expired_token_gets_the_servers_message_with_exp_and_now() {
    let double = start_http();
    let plan = double.add_plan("Plan A", "");
    let server_now = 1_795_324_797;
    double.set_now(Some(UNIX_EPOCH + Duration::from_secs(server_now)));
    let token = test_token(ISSUER, 1_795_317_997, 1_795_321_197);

    let answer = post(
        &client(&double),
        &double,
        Some(&bearer(&token)),
        &body_for(&plan.handle_id),
    );

    assert_eq!(
        answer.json(),
        json!({"error": {
            "message": "JWT failed verification: Error: invalid_jwt: JWT has expired: exp: 1795321197 < now: 1795324797",
            "code": "JWT_VERIFY_FAILED"
        }})
    );
}

#[test]
fn expiry_allows_300_seconds_of_skew() {
    let double = start_http();
    let plan = double.add_plan("Plan A", "");
    let server_now: i64 = 1_800_000_000;
    double.set_now(Some(UNIX_EPOCH + Duration::from_secs(server_now as u64)));
    let client = client(&double);
    let with_exp = |exp: i64| {
        let token = test_token(ISSUER, server_now - 3_600, exp);
        post(
            &client,
            &double,
            Some(&bearer(&token)),
            &body_for(&plan.handle_id),
        )
    };

    assert_eq!(with_exp(server_now - SKEW_SECONDS + 1).status, 200);
    assert_eq!(with_exp(server_now - 1).status, 200);
    let message = jwt_verify_failed(&with_exp(server_now - SKEW_SECONDS));
    assert!(message.contains("JWT has expired"), "{message}");
}

#[test]
fn a_token_issued_more_than_300_seconds_ahead_is_refused() {
    let double = start_http();
    let plan = double.add_plan("Plan A", "");
    let client = client(&double);
    let now = now();
    let with_iat = |iat: i64| {
        let token = test_token(ISSUER, iat, iat + 86_400);
        post(
            &client,
            &double,
            Some(&bearer(&token)),
            &body_for(&plan.handle_id),
        )
    };

    assert_eq!(with_iat(now + SKEW_SECONDS - 20).status, 200);
    let future = now + SKEW_SECONDS + 60;
    let message = jwt_verify_failed(&with_iat(future));
    assert_eq!(
        message,
        format!(
            "JWT failed verification: Error: invalid_jwt: JWT not valid yet (issued in the future) iat: {future}"
        )
    );
}

#[test]
fn text_that_is_not_a_jwt_is_a_parse_error() {
    let double = start_http();
    let client = client(&double);
    for token in ["not-a-jwt", "a.b.c", "e30.bm90IGpzb24.c2ln"] {
        let answer = post(&client, &double, Some(&bearer(token)), &body_for("x"));
        let message = jwt_verify_failed(&answer);
        assert!(
            message.starts_with("Error parsing JWT header or payload: SyntaxError: "),
            "{token}: {message}"
        );
    }
}

#[test]
fn a_token_without_iss_is_refused() {
    let double = start_http();
    let now = now();
    let token = token_from_parts(
        &json!({"typ": "JWT", "alg": "ES256K"}),
        &json!({"iat": now, "exp": now + 600}),
    );
    let answer = post(
        &client(&double),
        &double,
        Some(&bearer(&token)),
        &body_for("x"),
    );
    assert_eq!(jwt_verify_failed(&answer), "Missing \"iss\" field in JWT.");
}

#[test]
fn a_passkey_jwant_token_is_read_like_any_other() {
    let double = start_http();
    let plan = double.add_plan("Plan A", "");
    let now = now();
    let token = token_from_parts(
        &json!({"typ": "JWANT", "alg": "ES256"}),
        &json!({"iat": now, "exp": now + 600, "iss": "did:peer:0zQmPasskey"}),
    );
    let answer = post(
        &client(&double),
        &double,
        Some(&bearer(&token)),
        &body_for(&plan.handle_id),
    );
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.jwt_ids(), vec![plan.jwt_id]);
}

#[test]
fn callers_without_a_bearer_token_see_every_did_hidden() {
    let double = start_http();
    let plan = double.add_plan("Plan A", "initial");
    double
        .update_plan(&plan.handle_id, None, Some("edited"))
        .unwrap();
    let client = client(&double);

    for authorization in [None, Some("Bearer "), Some("Basic dXNlcjpwYXNz")] {
        let answer = post(&client, &double, authorization, &body_for(&plan.handle_id));
        assert_eq!(answer.status, 200, "{authorization:?}");
        let row = &answer.json()["data"][0];
        assert_eq!(row["plan"]["issuerDid"], HIDDEN_DID, "{authorization:?}");
        assert_eq!(row["plan"]["agentDid"], HIDDEN_DID, "{authorization:?}");
        assert_eq!(
            row["wrappedClaimBefore"]["issuer"], HIDDEN_DID,
            "{authorization:?}"
        );
        assert!(!answer.text.contains("did:ethr"), "{}", answer.text);
    }

    let token = common::fresh_token();
    let answer = post(
        &client,
        &double,
        Some(&bearer(&token)),
        &body_for(&plan.handle_id),
    );
    let row = &answer.json()["data"][0];
    assert_eq!(row["plan"]["issuerDid"], PLAN_ISSUER_DID);
    assert_eq!(row["wrappedClaimBefore"]["issuer"], PLAN_ISSUER_DID);
}

#[test]
fn a_token_error_comes_before_a_parameter_error() {
    let double = start_http();
    let now = now();
    let expired = test_token(ISSUER, now - 7_200, now - 3_600);
    let answer = post(
        &client(&double),
        &double,
        Some(&bearer(&expired)),
        &json!({}),
    );
    assert!(jwt_verify_failed(&answer).contains("JWT has expired"));
}
