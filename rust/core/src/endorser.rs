//! The Endorser client: `POST /api/v2/report/plansLastUpdatedBetween` over reqwest + rustls
//! (ring), certificates checked by rustls-platform-verifier (crate::tls), one client per process.
//! Facts about the server: ../shared/reference/endorser-api.md.

use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

use serde::Deserialize;

use crate::clock::UnixSeconds;
use crate::pool::Refusal;
use crate::secret::Secret;

pub const REPORT_PATH: &str = "/api/v2/report/plansLastUpdatedBetween";
/// Response bodies over this size are refused.
pub const MAX_BODY_BYTES: u64 = 1024 * 1024;
pub const USER_AGENT: &str = concat!("daily-notification-core/", env!("CARGO_PKG_VERSION"));
/// Suggested delay before a retry when the server does not say (seconds).
pub const DEFAULT_RETRY_SECONDS: u64 = 300;
const MAX_RETRY_SECONDS: u64 = 6 * 3600;
const MAX_MESSAGE_CHARS: usize = 160;

/// HTTP settings; iOS background refresh gives about 30 s in all, hence 10 s + 20 s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpSettings {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// Extra trusted roots (PEM) on top of the platform's (tests, private deployments).
    pub extra_roots_pem: Vec<String>,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(20),
            extra_roots_pem: Vec::new(),
        }
    }
}

/// One row of the report, as far as it could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    /// The version's jwtId (a ULID, upper case); `None` when the row does not carry a readable
    /// one, so the cursor cannot be placed on it.
    pub jwt_id: Option<String>,
    /// `None` when the plan has no name, or the row did not parse: a change that cannot be named.
    pub name: Option<String>,
    /// The plan's handle id (the tap event opens it); `None` when absent or the row did not parse.
    pub handle_id: Option<String>,
}

/// A row as the server documents it; unknown fields are ignored, absent ones are `None`.
#[derive(Deserialize)]
struct WireRow {
    plan: WirePlan,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePlan {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    handle_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WirePage {
    data: Vec<serde_json::Value>,
    #[serde(default)]
    hit_limit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPage {
    pub data: Vec<ReportRow>,
    pub hit_limit: bool,
    /// Rows that did not parse (a field of the wrong type, a jwtId that is not a ULID). Each is
    /// still in `data` as a change that cannot be named, so one bad row never stops every run.
    pub malformed: usize,
}

impl ReportPage {
    /// Reads a 200 body: `None` when the page itself is not a report (then nothing is trusted).
    pub fn parse(body: &[u8]) -> Option<Self> {
        let wire: WirePage = serde_json::from_slice(body).ok()?;
        let mut page = ReportPage {
            data: Vec::with_capacity(wire.data.len()),
            hit_limit: wire.hit_limit,
            malformed: 0,
        };
        for value in wire.data {
            let jwt_id = value
                .get("plan")
                .and_then(|p| p.get("jwtId"))
                .and_then(serde_json::Value::as_str)
                .and_then(crate::config::ulid);
            let plan = match (serde_json::from_value::<WireRow>(value), &jwt_id) {
                (Ok(row), Some(_)) => Some(row.plan),
                _ => None,
            };
            page.malformed += usize::from(plan.is_none());
            let (name, handle_id) = plan.map_or((None, None), |p| (p.name, p.handle_id));
            page.data.push(ReportRow {
                jwt_id,
                name,
                handle_id,
            });
        }
        Some(page)
    }
}

/// What one request came to.
#[derive(Debug)]
pub enum Reply {
    Page(ReportPage),
    /// 400 `JWT_VERIFY_FAILED`: this token will not be accepted, for this reason.
    TokenRejected(Refusal),
    /// 429, 5xx, timeouts, connection and TLS failures.
    Transient {
        retry_after: u64,
        message: String,
        /// Whether the request may have reached the server (docs/core-contract.md, "Reached").
        /// False only when the connection was never made: DNS, TCP connect or the TLS handshake
        /// failed or timed out, so no byte of the request (and of the token) was written.
        reached: bool,
    },
    /// Other 4xx, redirects, malformed or oversized bodies.
    Failed {
        message: String,
    },
}

static CLIENT: Mutex<Option<(HttpSettings, reqwest::blocking::Client)>> = Mutex::new(None);

/// The process's client, built once per distinct settings.
fn client(settings: &HttpSettings) -> Result<reqwest::blocking::Client, String> {
    let mut cached = CLIENT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((s, c)) = cached.as_ref()
        && s == settings
    {
        return Ok(c.clone());
    }
    // Trust roots are loaded at the first TLS handshake, not here (crate::tls).
    let tls = crate::tls::client_config(&settings.extra_roots_pem)?;
    let c = reqwest::blocking::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.request_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .tls_backend_preconfigured(tls)
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
    *cached = Some((settings.clone(), c.clone()));
    Ok(c)
}

/// One report request, over within `budget` (connect, send and the whole body; the prefetch's
/// deadline shrinks it), at `now` by the device clock (for an HTTP-date `Retry-After`).
#[allow(clippy::too_many_arguments)]
pub fn plans_last_updated_between(
    settings: &HttpSettings,
    api_base_url: &str,
    token: &Secret,
    plan_ids: &[String],
    after_id: &str,
    before_id: Option<&str>,
    budget: Duration,
    now: UnixSeconds,
) -> (Option<u16>, Reply) {
    let client = match client(settings) {
        Ok(c) => c,
        Err(message) => return (None, Reply::Failed { message }),
    };
    let mut body = serde_json::json!({"planIds": plan_ids, "afterId": after_id});
    if let Some(b) = before_id {
        body["beforeId"] = b.into();
    }
    let response = client
        .post(format!("{api_base_url}{REPORT_PATH}"))
        .bearer_auth(token.expose())
        .header(reqwest::header::ACCEPT, "application/json")
        .timeout(budget.min(settings.request_timeout))
        .json(&body)
        .send();
    let response = match response {
        Ok(r) => r,
        Err(e) => {
            return (
                None,
                Reply::Transient {
                    retry_after: DEFAULT_RETRY_SECONDS,
                    message: describe_transport_error(&e),
                    // hyper-util maps every failure of the connector (reqwest's: DNS, TCP, TLS
                    // handshake, connect timeout) to its `Connect` kind before any request byte
                    // is written (hyper-util 0.1 src/client/legacy/client.rs, `connect_to`:
                    // `connector.call(dst).map_err(|src| e!(Connect, src))`), and reqwest's
                    // `is_connect` looks for that kind (reqwest 0.13 src/error.rs).
                    reached: !e.is_connect(),
                },
            );
        }
    };
    let status = response.status().as_u16();
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let retry_after = retry_after_seconds(
        header(reqwest::header::RETRY_AFTER).as_deref(),
        header(reqwest::header::DATE).as_deref(),
        now,
    );
    let transient_status = status == 429 || (500..=599).contains(&status);
    let body = match read_limited(response) {
        Ok(b) => b,
        // The connection broke or timed out mid-body: the next run may well succeed.
        Err(BodyError::Read(message)) => {
            return (
                Some(status),
                Reply::Transient {
                    retry_after,
                    message,
                    reached: true,
                },
            );
        }
        Err(BodyError::TooLarge) if transient_status => {
            return (
                Some(status),
                Reply::Transient {
                    retry_after,
                    message: format!("HTTP {status} with an oversized body"),
                    reached: true,
                },
            );
        }
        Err(BodyError::TooLarge) => {
            return (
                Some(status),
                Reply::Failed {
                    message: "response body over 1 MiB refused".into(),
                },
            );
        }
    };
    (Some(status), classify(status, &body, retry_after))
}

/// `Retry-After` as delay-seconds or as an HTTP date (RFC 9110 §10.2.3). A date is measured
/// against the server's own `Date` when it sent one (device clocks may be wrong), else `now`.
/// Capped at 6 h; absent or unreadable: the default.
pub fn retry_after_seconds(value: Option<&str>, date: Option<&str>, now: UnixSeconds) -> u64 {
    let Some(value) = value.map(str::trim) else {
        return DEFAULT_RETRY_SECONDS;
    };
    if let Ok(s) = value.parse::<u64>() {
        return s.min(MAX_RETRY_SECONDS);
    }
    let Some(at) = parse_http_date(value) else {
        return DEFAULT_RETRY_SECONDS;
    };
    let from = date.and_then(parse_http_date).unwrap_or(now);
    u64::try_from(at.saturating_sub(from).max(0))
        .unwrap_or(0)
        .min(MAX_RETRY_SECONDS)
}

/// IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT` (the form servers send).
fn parse_http_date(text: &str) -> Option<UnixSeconds> {
    jiff::fmt::rfc2822::parse(text)
        .ok()
        .map(|d| d.timestamp().as_second())
}

enum BodyError {
    TooLarge,
    Read(String),
}

fn read_limited(response: reqwest::blocking::Response) -> Result<Vec<u8>, BodyError> {
    if response
        .content_length()
        .is_some_and(|n| n > MAX_BODY_BYTES)
    {
        return Err(BodyError::TooLarge);
    }
    let mut body = Vec::new();
    response
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| {
            BodyError::Read(format!(
                "cannot read the response: {}",
                sanitize(&e.to_string())
            ))
        })?;
    if body.len() as u64 > MAX_BODY_BYTES {
        return Err(BodyError::TooLarge);
    }
    Ok(body)
}

fn classify(status: u16, body: &[u8], retry_after: u64) -> Reply {
    match status {
        200 => match ReportPage::parse(body) {
            Some(page) => Reply::Page(page),
            None => Reply::Failed {
                message: "malformed report body".into(),
            },
        },
        429 | 500..=599 => Reply::Transient {
            retry_after,
            message: format!("HTTP {status}: {}", error_message(body)),
            reached: true,
        },
        400 if error_code(body).as_deref() == Some("JWT_VERIFY_FAILED") => {
            Reply::TokenRejected(Refusal::from_message(&error_message(body)))
        }
        300..=399 => Reply::Failed {
            message: format!("HTTP {status}: redirects are not followed"),
        },
        _ => Reply::Failed {
            message: format!("HTTP {status}: {}", error_message(body)),
        },
    }
}

/// `{"error":{"code":…}}` (auth errors); parameter errors have no code.
fn error_code(body: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    v.get("error")?.get("code")?.as_str().map(str::to_string)
}

/// The server's message from any of its error shapes: `{"error":{"message"}}`,
/// `{"error":"…"}`, or a bare JSON string (some 500s). Sanitized.
fn error_message(body: &[u8]) -> String {
    let text = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(v) => match v.get("error") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(e) => e
                .get("message")
                .and_then(|m| m.as_str())
                .unwrap_or("no message")
                .to_string(),
            None => "no message".into(),
        },
        Err(_) => "non-JSON error body".into(),
    };
    sanitize(&text)
}

fn describe_transport_error(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    // The source chain says why (refused, TLS, reset) without the URL or headers.
    let mut cause = String::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        cause = s.to_string();
        source = s.source();
    }
    sanitize(&format!("{kind}: {cause}"))
}

/// A short, single-line message with anything token-like removed: runs of 40 or more
/// base64url-or-dot characters (a JWT or a piece of one) become `[redacted]`.
pub fn sanitize(text: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 40 {
            out.push_str("[redacted]");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(if c.is_control() { ' ' } else { c });
        }
    }
    flush(&mut run, &mut out);
    let trimmed = out.trim();
    if trimmed.chars().count() > MAX_MESSAGE_CHARS {
        let cut: String = trimmed.chars().take(MAX_MESSAGE_CHARS).collect();
        format!("{cut}…")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_error_shapes_and_bare_strings_parse() {
        let auth = br#"{"error":{"message":"JWT failed verification: Error: invalid_jwt: JWT has expired","code":"JWT_VERIFY_FAILED"}}"#;
        assert!(matches!(
            classify(400, auth, 0),
            Reply::TokenRejected(Refusal::Expired)
        ));
        let param = br#"{"error":"afterId parameter is required"}"#;
        match classify(400, param, 0) {
            Reply::Failed { message } => {
                assert_eq!(message, "HTTP 400: afterId parameter is required")
            }
            other => panic!("{other:?}"),
        }
        match classify(500, br#""Internal error""#, 7) {
            Reply::Transient {
                retry_after,
                message,
                ..
            } => {
                assert_eq!(
                    (retry_after, message.as_str()),
                    (7, "HTTP 500: Internal error")
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(classify(200, b"<html>", 0), Reply::Failed { .. }));
        assert!(matches!(classify(302, b"", 0), Reply::Failed { .. }));
        assert!(matches!(classify(429, b"", 0), Reply::Transient { .. }));
    }

    #[test]
    fn a_malformed_row_is_kept_as_a_change_that_cannot_be_named() {
        let body = br#"{"data":[
            {"plan":{"jwtId":"01M80V4R0S68JZJ7E8FY5D8DV9","name":"Good","handleId":"https://endorser.ch/entity/1"}},
            {"plan":{"jwtId":"01M80V4R0S68JZJ7E8FY5D8DVA","name":7,"handleId":"https://endorser.ch/entity/2"}},
            {"plan":{"jwtId":"not a ulid","name":"Bad id"}},
            {"plan":{"name":"No id"}},
            "not an object",
            {"plan":{"jwtId":"01m80v4r0s68jzj7e8fy5d8dvb"}}
        ],"hitLimit":true}"#;
        let page = ReportPage::parse(body).unwrap();
        assert!(page.hit_limit);
        assert_eq!(page.malformed, 4);
        let row = |id: Option<&str>, name: Option<&str>| ReportRow {
            jwt_id: id.map(str::to_string),
            name: name.map(str::to_string),
            handle_id: None,
        };
        let good = ReportRow {
            handle_id: Some("https://endorser.ch/entity/1".into()),
            ..row(Some("01M80V4R0S68JZJ7E8FY5D8DV9"), Some("Good"))
        };
        assert_eq!(
            page.data,
            vec![
                good,
                row(Some("01M80V4R0S68JZJ7E8FY5D8DVA"), None),
                row(None, None),
                row(None, None),
                row(None, None),
                row(Some("01M80V4R0S68JZJ7E8FY5D8DVB"), None),
            ]
        );
        assert!(ReportPage::parse(br#"{"data":7}"#).is_none());
        assert!(
            matches!(classify(200, body, 0), Reply::Page(_)),
            "one bad row does not fail the page"
        );
    }

    #[test]
    fn token_refusals_are_told_apart_by_the_servers_message() {
        let reason = |m: &str| {
            let body = serde_json::json!({"error": {"message": m, "code": "JWT_VERIFY_FAILED"}});
            match classify(400, body.to_string().as_bytes(), 0) {
                Reply::TokenRejected(r) => r,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(
            reason(
                "JWT failed verification: Error: invalid_signature: no matching public key found"
            ),
            Refusal::InvalidSignature
        );
        assert_eq!(
            reason(
                "JWT failed verification: Error: invalid_jwt: JWT not valid yet (issued in the future) iat: 1"
            ),
            Refusal::NotYetValid
        );
        assert_eq!(
            reason("JWT failed verification: Error: invalid_jwt: JWT not valid before nbf: 1"),
            Refusal::NotYetValid
        );
        assert_eq!(
            reason("JWT failed verification: Error: invalid_jwt: JWT has already been used"),
            Refusal::AlreadyUsed
        );
        assert_eq!(reason("Missing \"iss\" field in JWT."), Refusal::Invalid);
    }

    #[test]
    fn retry_after_takes_seconds_or_an_http_date() {
        let now = 1_795_327_200; // 2026-11-22T06:00:00Z, a Sunday
        assert_eq!(retry_after_seconds(None, None, now), DEFAULT_RETRY_SECONDS);
        assert_eq!(retry_after_seconds(Some(" 120 "), None, now), 120);
        assert_eq!(
            retry_after_seconds(Some("99999999"), None, now),
            MAX_RETRY_SECONDS
        );
        let date = "Sun, 22 Nov 2026 06:02:00 GMT";
        assert_eq!(retry_after_seconds(Some(date), None, now), 120);
        // Measured from the server's Date, not the device clock (here a day behind).
        assert_eq!(
            retry_after_seconds(
                Some(date),
                Some("Sun, 22 Nov 2026 06:01:30 GMT"),
                now - 86_400
            ),
            30
        );
        assert_eq!(
            retry_after_seconds(Some("Sun, 22 Nov 2026 05:00:00 GMT"), None, now),
            0,
            "a date in the past: retry now"
        );
        assert_eq!(
            retry_after_seconds(Some("soon"), None, now),
            DEFAULT_RETRY_SECONDS
        );
    }

    #[test]
    fn sanitize_removes_token_like_runs_and_caps_length() {
        let jwt =
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJpc3MiOiJkaWQ6ZXRocjoweDEyMyJ9.c2lnbmF0dXJl";
        assert_eq!(
            sanitize(&format!("bad token {jwt}\n")),
            "bad token [redacted]"
        );
        assert_eq!(
            sanitize(&"word ".repeat(100)).chars().count(),
            MAX_MESSAGE_CHARS + 1
        );
    }
}
