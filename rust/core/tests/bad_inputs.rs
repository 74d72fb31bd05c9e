//! A table of bad configure inputs: each gets its typed error or rejection reason, and a
//! rejected configure leaves the stored state exactly as it was (byte for byte).

mod support;

use daily_notification_core::{ConfigureOptions, ErrorCode, Secret, json};
use support::*;

fn with(f: impl FnOnce(&mut ConfigureOptions)) -> ConfigureOptions {
    let mut o = options(&pool(2, T0, 90));
    f(&mut o);
    o
}

#[test]
fn each_bad_field_gets_its_code_and_the_previous_pool_stays_intact() {
    let store = Store::new();
    store
        .open()
        .configure(&options(&pool(5, T0, 90)), T0)
        .unwrap();
    let before = std::fs::read(store.state_file()).unwrap();
    let expired = jwt(DID, T0 - 10 * DAY, T0 - DAY, "old");
    let cases: Vec<(&str, ConfigureOptions, ErrorCode)> = vec![
        (
            "http url",
            with(|o| o.api_base_url = "http://api.endorser.ch".into()),
            ErrorCode::InvalidApiBaseUrl,
        ),
        (
            "relative url",
            with(|o| o.api_base_url = "/api".into()),
            ErrorCode::InvalidApiBaseUrl,
        ),
        (
            "user info",
            with(|o| o.api_base_url = "https://u:p@api.endorser.ch".into()),
            ErrorCode::InvalidApiBaseUrl,
        ),
        (
            "long url",
            with(|o| o.api_base_url = format!("https://a.ch/{}", "x".repeat(2100))),
            ErrorCode::InvalidApiBaseUrl,
        ),
        (
            "empty did",
            with(|o| o.active_did = "".into()),
            ErrorCode::InvalidActiveDid,
        ),
        (
            "not a did",
            with(|o| o.active_did = "0xabc".into()),
            ErrorCode::InvalidActiveDid,
        ),
        (
            "long did",
            with(|o| o.active_did = format!("did:ethr:{}", "a".repeat(600))),
            ErrorCode::InvalidActiveDid,
        ),
        (
            "no tokens",
            with(|o| o.jwt_tokens = None),
            ErrorCode::NoUsableTokens,
        ),
        (
            "empty pool",
            with(|o| o.jwt_tokens = Some(vec![])),
            ErrorCode::NoUsableTokens,
        ),
        (
            "only expired",
            with(|o| o.jwt_tokens = Some(vec![Secret::new(expired.clone())])),
            ErrorCode::NoUsableTokens,
        ),
        (
            "other issuer",
            with(|o| o.active_did = "did:ethr:0xother".into()),
            ErrorCode::NoUsableTokens,
        ),
        (
            "too many",
            with(|o| {
                o.jwt_tokens = Some(pool(1001, T0, 90).into_iter().map(Secret::new).collect())
            }),
            ErrorCode::PoolTooLarge,
        ),
        (
            "bad policy",
            with(|o| o.token_policy = Some("perWeek".into())),
            ErrorCode::InvalidTokenPolicy,
        ),
        (
            "low water",
            with(|o| o.low_water_days = Some(-1)),
            ErrorCode::InvalidArgument,
        ),
        (
            "margin",
            with(|o| o.expiry_margin_seconds = Some(100_000)),
            ErrorCode::InvalidArgument,
        ),
        (
            "plan id",
            with(|o| o.starred_plan_ids = Some(vec!["".into()])),
            ErrorCode::InvalidPlanId,
        ),
        (
            "after id",
            with(|o| o.after_id = Some("has space".into())),
            ErrorCode::InvalidAfterId,
        ),
    ];
    for (name, opts, code) in cases {
        let e = store.open().configure(&opts, T0).unwrap_err();
        assert_eq!(e.code, code, "{name}");
        assert!(!e.message.is_empty(), "{name}: a message for people");
        assert_eq!(
            std::fs::read(store.state_file()).unwrap(),
            before,
            "{name}: store changed"
        );
    }
    assert_eq!(store.open().status(T0).pool.size, 5);
}

#[test]
fn each_bad_token_is_reported_by_index_and_reason_while_good_ones_are_kept() {
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let good = pool(2, T0, 90);
    let list = vec![
        good[0].clone(),                                 // 0 ok
        "not-a-jwt".to_string(),                         // 1 MALFORMED
        jwt("did:ethr:0xother", T0, T0 + 90 * DAY, "o"), // 2 ISSUER_MISMATCH
        format!(
            "{}.{}.c2ln",
            b64("{}"),
            b64(&format!(r#"{{"iss":"{DID}"}}"#))
        ), // 3 MISSING_EXP
        jwt(DID, T0 - DAY, T0 + 300, "soon"),            // 4 EXPIRED (inside the margin)
        jwt(DID, T0 + 3600, T0 + 90 * DAY, "future"),    // 5 ISSUED_IN_FUTURE
        good[0].clone(),                                 // 6 DUPLICATE
        format!("{}x", jwt(DID, T0, T0 + 90 * DAY, &"j".repeat(9000))), // 7 TOO_LARGE
        good[1].clone(),                                 // 8 ok
    ];
    let mut opts = options(&list);
    opts.jwt_token = Some(Secret::new(good[1].clone())); // merged: same as index 8
    let store = Store::new();
    let r = store.open().configure(&opts, T0).unwrap();
    assert_eq!(r.accepted, 2);
    let got = serde_json::to_value(&r.rejected).unwrap();
    assert_eq!(
        got,
        serde_json::json!([
            {"index": 1, "reason": "MALFORMED"},
            {"index": 2, "reason": "ISSUER_MISMATCH"},
            {"index": 3, "reason": "MISSING_EXP"},
            {"index": 4, "reason": "EXPIRED"},
            {"index": 5, "reason": "ISSUED_IN_FUTURE"},
            {"index": 6, "reason": "DUPLICATE"},
            {"index": 7, "reason": "TOO_LARGE"},
        ])
    );
    let text = serde_json::to_string(&r).unwrap();
    for t in &list {
        assert!(!leaks(&text, t), "a result never carries token content");
    }
}

#[test]
fn a_single_jwt_token_is_a_pool_of_one_phase_a() {
    let store = Store::new();
    let opts = ConfigureOptions {
        api_base_url: "https://api.endorser.ch".into(),
        active_did: DID.into(),
        jwt_token: Some(Secret::new(jwt(DID, T0, T0 + 90 * DAY, "single"))),
        ..ConfigureOptions::default()
    };
    let r = store.open().configure(&opts, T0).unwrap();
    assert_eq!((r.accepted, r.rejected.len()), (1, 0));
    assert!(r.low_water, "one token covers one day");
}

#[test]
fn json_input_errors_are_typed_and_never_echo_the_input() {
    let store = Store::new();
    let f = store.open();
    let token = jwt(DID, T0, T0 + 90 * DAY, "x");
    for input in [
        "".to_string(),
        "[]".to_string(),
        format!(r#"{{"apiBaseUrl": 5, "activeDid": "{DID}", "jwtToken": "{token}"}}"#),
        format!(r#"{{"activeDid": "{DID}", "jwtToken": "{token}"}}"#),
        format!(
            r#"{{"apiBaseUrl": "https://a.ch", "activeDid": "{DID}", "jwtTokens": "{token}"}}"#
        ),
    ] {
        let e = json::configure(&f, &input, T0).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument, "{input}");
        let body = json::error_json(&e);
        assert!(!leaks(&body, &token), "the error echoes a token: {body}");
        assert!(
            body.starts_with(r#"{"error":{"code":"INVALID_ARGUMENT""#),
            "{body}"
        );
    }
}

#[test]
fn no_usable_tokens_carries_the_rejections_as_data() {
    let store = Store::new();
    let f = store.open();
    let expired = jwt(DID, T0 - 10 * DAY, T0 - DAY, "old");
    let input = serde_json::json!({
        "apiBaseUrl": "https://api.endorser.ch",
        "activeDid": DID,
        "jwtTokens": ["junk", expired],
    })
    .to_string();
    let e = json::configure(&f, &input, T0).unwrap_err();
    let v: serde_json::Value = serde_json::from_str(&json::error_json(&e)).unwrap();
    assert_eq!(v["error"]["code"], "NO_USABLE_TOKENS");
    assert_eq!(
        v["error"]["data"]["rejected"],
        serde_json::json!([{"index": 0, "reason": "MALFORMED"}, {"index": 1, "reason": "EXPIRED"}])
    );
    let other = json::error_json(&daily_notification_core::CoreError::new(
        ErrorCode::NotConfigured,
        "x",
    ));
    assert_eq!(
        other,
        r#"{"error":{"code":"NOT_CONFIGURED","message":"x"}}"#
    );
}

/// Found by the `facade` fuzz target (fuzz/corpus/facade/crash-de71be23…): a string value with
/// escaped quotes in it once ended serde's quoted value early in the error message, and the
/// JWT-looking text after it was echoed.
#[test]
fn an_escaped_quote_in_a_value_does_not_let_a_token_into_the_message() {
    let store = Store::new();
    let f = store.open();
    let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJpYXQiOiAxNzk1MzI3MjAwL";
    let input = format!(
        r#"{{"starredPlanIds": "[NNNNNNN\"lttps://1Nk<<<<%%%%{token}%%%%<039465129<<<orser.ch/entitY/A\"]"}}"#
    );
    let e = daily_notification_core::json::configure(&f, &input, T0).unwrap_err();
    assert!(!e.message.contains("eyJ0eXAi"), "{}", e.message);
    assert!(!e.message.contains("eyJpYXQi"), "{}", e.message);
}
