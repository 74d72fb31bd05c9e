//! A small blocking client for the tests: it trusts the double's CA only, ignores proxies, and
//! returns status, headers and body of one report call.

#![allow(dead_code)] // each test file uses its own part of this module

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use endorser_double::{EndorserDouble, Options, test_token};
use reqwest::blocking::Client;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

pub const ISSUER: &str = "did:ethr:0x1111111111111111111111111111111111111111";

pub fn start_http() -> EndorserDouble {
    EndorserDouble::start(Options::default()).expect("the double starts")
}

pub fn start_https() -> EndorserDouble {
    EndorserDouble::start(Options {
        tls: true,
        ..Default::default()
    })
    .expect("the double starts")
}

pub fn client(double: &EndorserDouble) -> Client {
    client_with_timeout(double, Duration::from_secs(20))
}

pub fn client_with_timeout(double: &EndorserDouble, timeout: Duration) -> Client {
    let mut builder = Client::builder().no_proxy().timeout(timeout);
    if let Some(der) = double.ca_cert_der() {
        let ca = reqwest::Certificate::from_der(&der).expect("the CA is DER");
        builder = builder.tls_certs_only([ca]);
    }
    builder.build().expect("the client builds")
}

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64
}

/// A token that is valid now for a day.
pub fn fresh_token() -> String {
    let now = now();
    test_token(ISSUER, now, now + 86_400)
}

#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.text))
    }

    /// The `data` rows' `plan.jwtId`s, in answer order.
    pub fn jwt_ids(&self) -> Vec<String> {
        self.json()["data"]
            .as_array()
            .expect("data is an array")
            .iter()
            .map(|row| row["plan"]["jwtId"].as_str().expect("jwtId").to_owned())
            .collect()
    }

    pub fn hit_limit(&self) -> bool {
        self.json()["hitLimit"]
            .as_bool()
            .expect("hitLimit is a boolean")
    }
}

pub fn try_post(
    client: &Client,
    double: &EndorserDouble,
    authorization: Option<&str>,
    body: &Value,
) -> reqwest::Result<Answer> {
    let mut request = client.post(double.report_url()).json(body);
    if let Some(value) = authorization {
        request = request.header("Authorization", value);
    }
    let response = request.send()?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text()?;
    Ok(Answer {
        status,
        headers,
        text,
    })
}

pub fn post(
    client: &Client,
    double: &EndorserDouble,
    authorization: Option<&str>,
    body: &Value,
) -> Answer {
    try_post(client, double, authorization, body).expect("the double answers")
}

/// The report as an authenticated caller asks for it.
pub fn report(
    client: &Client,
    double: &EndorserDouble,
    plan_ids: &[&str],
    after_id: &str,
    before_id: Option<&str>,
) -> Answer {
    let mut body = json!({"planIds": plan_ids, "afterId": after_id});
    if let Some(before) = before_id {
        body["beforeId"] = json!(before);
    }
    post(
        client,
        double,
        Some(&format!("Bearer {}", fresh_token())),
        &body,
    )
}

pub fn jwt_verify_failed(answer: &Answer) -> String {
    assert_eq!(answer.status, 400, "body: {}", answer.text);
    let body = answer.json();
    assert_eq!(body["error"]["code"], "JWT_VERIFY_FAILED", "body: {body}");
    body["error"]["message"]
        .as_str()
        .expect("a message")
        .to_owned()
}
