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

/// One row of the report; unknown fields are ignored, absent ones are `None`.
#[derive(Debug, Clone, Deserialize)]
pub struct ReportRow {
    pub plan: ReportPlan,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportPlan {
    pub jwt_id: String,
    #[serde(default)]
    pub handle_id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportPage {
    pub data: Vec<ReportRow>,
    #[serde(default)]
    pub hit_limit: bool,
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
                },
            );
        }
        Err(BodyError::TooLarge) if transient_status => {
            return (
                Some(status),
                Reply::Transient {
                    retry_after,
                    message: format!("HTTP {status} with an oversized body"),
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
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc2822)
        .ok()
        .map(|d| d.unix_timestamp())
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
        200 => match serde_json::from_slice::<ReportPage>(body) {
            Ok(page) => Reply::Page(page),
            Err(_) => Reply::Failed {
                message: "malformed report body".into(),
            },
        },
        429 | 500..=599 => Reply::Transient {
            retry_after,
            message: format!("HTTP {status}: {}", error_message(body)),
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
