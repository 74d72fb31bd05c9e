//! The Endorser client: `POST /api/v2/report/plansLastUpdatedBetween` over reqwest + rustls
//! (ring), certificates checked by rustls-platform-verifier (crate::tls), one client per process.
//! Facts about the server: ../shared/reference/endorser-api.md.

use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

use serde::Deserialize;

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
    /// 400 `JWT_VERIFY_FAILED`: this token will not be accepted.
    TokenRejected,
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

/// One report request.
pub fn plans_last_updated_between(
    settings: &HttpSettings,
    api_base_url: &str,
    token: &Secret,
    plan_ids: &[String],
    after_id: &str,
    before_id: Option<&str>,
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
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(DEFAULT_RETRY_SECONDS, |s| s.min(MAX_RETRY_SECONDS));
    let body = match read_limited(response) {
        Ok(b) => b,
        Err(message) => return (Some(status), Reply::Failed { message }),
    };
    (Some(status), classify(status, &body, retry_after))
}

fn read_limited(response: reqwest::blocking::Response) -> Result<Vec<u8>, String> {
    if response
        .content_length()
        .is_some_and(|n| n > MAX_BODY_BYTES)
    {
        return Err("response body over 1 MiB refused".into());
    }
    let mut body = Vec::new();
    response
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| format!("cannot read the response: {}", sanitize(&e.to_string())))?;
    if body.len() as u64 > MAX_BODY_BYTES {
        return Err("response body over 1 MiB refused".into());
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
        400 if error_code(body).as_deref() == Some("JWT_VERIFY_FAILED") => Reply::TokenRejected,
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
        assert!(matches!(classify(400, auth, 0), Reply::TokenRejected));
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
