//! The control endpoints under `/__double/`, for tests that run the double as a subprocess and so
//! cannot call its Rust API. They are never faulted, delayed or recorded. See the crate docs.

use std::time::Duration;

use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{Value, json};

use crate::Error;
use crate::server::{Body, json_response, read_json_body};
use crate::state::Shared;
use crate::switches::Fault;

pub(crate) const PREFIX: &str = "/__double/";

pub(crate) async fn handle(shared: &Shared, request: Request<Incoming>) -> Response<Body> {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let (_, body) = read_json_body(request).await;
    let body = match body {
        Ok(body) => body,
        Err(message) => return bad_request(&message),
    };
    match (method, path.trim_start_matches(PREFIX)) {
        (Method::GET, "plans") => ok(&json!(shared.plans())),
        (Method::POST, "plans") => post_plan(shared, &body),
        (Method::POST, "faults") => post_faults(shared, &body),
        (Method::GET, "requests") => ok(&json!(shared.requests())),
        (Method::DELETE, "requests") => {
            shared.with_switches(|s| s.requests.clear());
            ok(&json!({}))
        }
        _ => json_response(
            StatusCode::NOT_FOUND,
            &json!({"error": format!("no control endpoint {path}")}),
        ),
    }
}

fn ok(body: &Value) -> Response<Body> {
    json_response(StatusCode::OK, body)
}

fn bad_request(message: &str) -> Response<Body> {
    json_response(StatusCode::BAD_REQUEST, &json!({"error": message}))
}

fn post_plan(shared: &Shared, body: &Value) -> Response<Body> {
    let text = |key: &str| body.get(key).and_then(Value::as_str);
    let (name, description) = (text("name"), text("description"));
    match text("handleId") {
        None => {
            let plan = shared.add_plan(name.unwrap_or("Unnamed plan"), description.unwrap_or(""));
            ok(&json!(plan))
        }
        Some(handle_id) => match shared.edit_plan(handle_id, name, description) {
            Ok(jwt_id) => ok(&json!({"handleId": handle_id, "jwtId": jwt_id})),
            Err(e @ Error::UnknownPlan(_)) => {
                json_response(StatusCode::NOT_FOUND, &json!({"error": e.to_string()}))
            }
            Err(e) => bad_request(&e.to_string()),
        },
    }
}

/// Applies every switch present in `body`; absent keys leave their switch as it is.
fn post_faults(shared: &Shared, body: &Value) -> Response<Body> {
    let fault = match body.get("fail") {
        None => None,
        Some(name) => match name.as_str().and_then(Fault::from_name) {
            Some(fault) => Some(fault),
            None => {
                let names: Vec<&str> = Fault::NAMES.iter().map(|(n, _)| *n).collect();
                return bad_request(&format!("unknown fault {name}; one of {names:?}"));
            }
        },
    };
    let count = body.get("count").and_then(Value::as_u64).unwrap_or(1);
    let u64_or_null = |key: &str| body.get(key).map(Value::as_u64);
    shared.with_switches(|s| {
        if body.get("clearFaults").and_then(Value::as_bool) == Some(true) {
            s.faults.clear();
        }
        if let Some(fault) = fault {
            s.faults.extend(std::iter::repeat_n(
                fault,
                usize::try_from(count).unwrap_or(0),
            ));
        }
        if let Some(on) = body.get("oneTimeUse").and_then(Value::as_bool) {
            s.one_time_use = on;
        }
        if let Some(on) = body.get("strictOneTimeUse").and_then(Value::as_bool) {
            s.strict_one_time_use = on;
        }
        if let Some(tokens) = body.get("rejectTokens").and_then(Value::as_array) {
            s.rejected_tokens
                .extend(tokens.iter().filter_map(Value::as_str).map(str::to_owned));
        }
        if let Some(ms) = u64_or_null("delayMs") {
            s.delay = Duration::from_millis(ms.unwrap_or(0));
        }
        if let Some(seconds) = u64_or_null("retryAfterSeconds") {
            s.retry_after_seconds = seconds;
        }
        if let Some(now) = body.get("nowSeconds") {
            s.now_override = now.as_i64();
        }
        ok(&json!({
            "oneTimeUse": s.one_time_use,
            "strictOneTimeUse": s.strict_one_time_use,
            "pendingFaults": s.faults,
            "delayMs": u64::try_from(s.delay.as_millis()).unwrap_or(u64::MAX),
            "retryAfterSeconds": s.retry_after_seconds,
            "rejectedTokens": s.rejected_tokens.len(),
            "nowSeconds": s.now_override,
        }))
    })
}
