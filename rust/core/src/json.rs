//! The JSON mirror of `Fetcher`, shared by the JNI and C bridges so that both speak exactly the
//! shapes of docs/core-contract.md. Each function takes and returns JSON text.

use serde::{Deserialize, Serialize};

use crate::clock::UnixSeconds;
use crate::config::ConfigureOptions;
use crate::endorser::HttpSettings;
use crate::error::{CoreError, ErrorCode, Result};
use crate::fetcher::Fetcher;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlanIds {
    plan_ids: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanIdsOut<'a> {
    plan_ids: &'a [String],
}

fn parse<'a, T: Deserialize<'a>>(input: &'a str) -> Result<T> {
    serde_json::from_str(input).map_err(|e| {
        CoreError::new(
            ErrorCode::InvalidArgument,
            format!(
                "invalid JSON input: {}",
                without_quoted_values(&e.to_string())
            ),
        )
    })
}

/// serde_json quotes the offending value (`invalid type: string "eyJ…"`), which may be a
/// token: drop every double-quoted part. Backticks quote the expected field and variant names,
/// but also the caller's own unknown key or variant (`unknown variant `eyJ…``): that one is
/// dropped, and any other backtick-quoted part is kept only when it is a short identifier (n1).
fn without_quoted_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(['"', '`']) {
        out.push_str(&rest[..i]);
        let quote = rest.as_bytes()[i] as char;
        let after = &rest[i + 1..];
        // The caller's own unknown variant or key is a value too, whatever its shape.
        let theirs = out.ends_with("unknown variant ") || out.ends_with("unknown field ");
        let (inner, tail) = match closing(after, quote, theirs) {
            Some(j) => (&after[..j], &after[j + 1..]),
            None => (after, ""),
        };
        let name = quote == '`'
            && !theirs
            && inner.len() <= MAX_QUOTED_NAME
            && inner
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_');
        out.push(quote);
        out.push_str(if name { inner } else { "…" });
        out.push(quote);
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Where the quoted part that `after` starts with ends. serde writes a string value with Debug
/// escapes (`"a\"b"`), so an escaped quote does not end it (a fuzzed `configure` input once
/// ended it early and let a token through); the caller's own variant or key is written raw
/// between backticks, so it ends only where serde's own text resumes.
fn closing(after: &str, quote: char, theirs: bool) -> Option<usize> {
    if quote == '"' {
        let mut escaped = false;
        for (j, c) in after.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => return Some(j),
                _ => {}
            }
        }
        return None;
    }
    if theirs {
        return ["`, expected", "`, there are no"]
            .iter()
            .filter_map(|end| after.find(end))
            .min()
            .or_else(|| after.rfind('`'));
    }
    after.find('`')
}

/// The longest backtick-quoted name kept in a message (the longest field name is 20).
const MAX_QUOTED_NAME: usize = 24;

/// The output JSON in a buffer sized up front, with room for the C bridge's NUL: an output that
/// carries a token (`acquireToken`) is never copied by a reallocation that leaves it unwiped.
fn to_json<T: Serialize>(value: &T) -> Result<String> {
    let fail = |e: serde_json::Error| {
        CoreError::new(ErrorCode::Internal, format!("cannot encode output: {e}"))
    };
    let len = crate::secret::encoded_len(value).map_err(fail)?;
    let mut buf = Vec::with_capacity(len + 1);
    serde_json::to_writer(&mut buf, value).map_err(fail)?;
    // serde_json writes UTF-8 only.
    String::from_utf8(buf).map_err(|_| CoreError::new(ErrorCode::Internal, "output is not UTF-8"))
}

/// Milliseconds from a platform clock to the core's seconds.
pub fn seconds_from_millis(now_millis: i64) -> UnixSeconds {
    now_millis.div_euclid(1000)
}

pub fn configure(f: &Fetcher, input: &str, now: UnixSeconds) -> Result<String> {
    let opts: ConfigureOptions = parse(input)?;
    to_json(&f.configure(&opts, now)?)
}

pub fn update_starred_plans(f: &Fetcher, input: &str) -> Result<String> {
    let ids: PlanIds = parse(input)?;
    let stored = f.update_starred_plans(&ids.plan_ids)?;
    to_json(&PlanIdsOut { plan_ids: &stored })
}

pub fn starred_plans(f: &Fetcher) -> Result<String> {
    to_json(&PlanIdsOut {
        plan_ids: &f.starred_plans()?,
    })
}

pub fn status(f: &Fetcher, now: UnixSeconds) -> Result<String> {
    to_json(&f.status(now))
}

pub fn acquire_token(f: &Fetcher, now: UnixSeconds) -> Result<String> {
    to_json(&f.acquire_token(now)?)
}

pub fn clear(f: &Fetcher) -> Result<String> {
    f.clear()?;
    Ok("{}".to_string())
}

/// `getDiagnostics`: the platform's facts (`PlatformFacts`) in; the verdict with the core's own
/// status beside it out: `{"willNotify", "freshContentExpected", "reasons": [{"code", "effect"}],
/// "fetcher": Status}`. An unreadable store is a reason, not a failure.
pub fn diagnose(f: &Fetcher, input: &str, now: UnixSeconds) -> Result<String> {
    #[derive(Serialize)]
    struct Diagnosis {
        #[serde(flatten)]
        verdict: crate::diagnosis::Verdict,
        fetcher: crate::results::Status,
    }
    let facts: crate::diagnosis::PlatformFacts = parse(input)?;
    let fetcher = f.status(now);
    to_json(&Diagnosis {
        verdict: crate::diagnosis::diagnose(&facts, &fetcher),
        fetcher,
    })
}

/// `{"error": {"code", "message", "data"?}}`, the failure shape of every bridge.
pub fn error_json(e: &CoreError) -> String {
    serde_json::json!({ "error": e }).to_string()
}

pub fn prefetch(f: &Fetcher, now: UnixSeconds) -> Result<String> {
    to_json(&f.prefetch(now)?)
}

/// `prefetch` that ends within `deadline_millis` (1..=600000): what an alarm-started run (a few
/// seconds), a background job (minutes) or an iOS refresh task (about 30 s) can give it.
pub fn prefetch_within(f: &Fetcher, now: UnixSeconds, deadline_millis: i64) -> Result<String> {
    if !(1..=600_000).contains(&deadline_millis) {
        return Err(CoreError::new(
            ErrorCode::InvalidArgument,
            "deadlineMillis must be 1 to 600000",
        ));
    }
    let deadline = std::time::Duration::from_millis(deadline_millis as u64);
    to_json(&f.prefetch_within(now, deadline)?)
}

#[derive(Deserialize)]
struct DeliveryInput {
    cursor: String,
}

/// `acknowledgeDelivery`: `{"cursor": "<the notification's cursor>"}` in, `{"cursor"}` out.
pub fn acknowledge_delivery(f: &Fetcher, input: &str) -> Result<String> {
    let i: DeliveryInput = parse(input)?;
    to_json(&f.acknowledge_delivery(&i.cursor)?)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HttpSettingsInput {
    connect_timeout_millis: Option<u64>,
    request_timeout_millis: Option<u64>,
    #[serde(default)]
    extra_roots_pem: Vec<String>,
}

/// `{"connectTimeoutMillis"?, "requestTimeoutMillis"?, "extraRootsPem"?: [PEM]}`; absent fields
/// take the defaults (10 s, 20 s, none).
pub fn set_http_settings(f: &Fetcher, input: &str) -> Result<String> {
    let i: HttpSettingsInput = parse(input)?;
    let d = HttpSettings::default();
    let millis = |v: Option<u64>, default: std::time::Duration| -> Result<std::time::Duration> {
        match v {
            None => Ok(default),
            Some(ms) if (1..=120_000).contains(&ms) => Ok(std::time::Duration::from_millis(ms)),
            Some(_) => Err(CoreError::new(
                ErrorCode::InvalidArgument,
                "timeouts must be 1 to 120000 ms",
            )),
        }
    };
    // reqwest's platform verifier cannot add roots on Android (its client would fail to build, and
    // every prefetch with it): refuse the setting up front. A private CA belongs in the app's
    // network_security_config there, which the platform TrustManager honours.
    if cfg!(target_os = "android") && !i.extra_roots_pem.is_empty() {
        return Err(CoreError::new(
            ErrorCode::InvalidArgument,
            "extraRootsPem is not supported on Android: use the app's network security config",
        ));
    }
    f.set_http_settings(HttpSettings {
        connect_timeout: millis(i.connect_timeout_millis, d.connect_timeout)?,
        request_timeout: millis(i.request_timeout_millis, d.request_timeout)?,
        extra_roots_pem: i.extra_roots_pem,
    });
    Ok("{}".to_string())
}

/// The schedule (docs/core-contract.md, "Schedule"): `{platform, zone, now, state, event}` in,
/// `{state, actions, status}` out. Pure: no store, no fetcher; callable before `init`.
pub fn schedule(input: &str) -> Result<String> {
    let request: crate::schedule::Request = parse(input)?;
    to_json(&crate::schedule::apply(request)?)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LegacyStarredPlans {
    #[serde(default)]
    starred_plan_ids: serde_json::Value,
}

/// `{"starredPlanIds": <the old plugin's stored value>}` in (a JSON-array string, an array of
/// strings, or absent/null), `LegacyImport` out: `{"outcome", "imported", "skipped",
/// "deleteLegacy"}`. The platform deletes the old key when `deleteLegacy` is true.
pub fn import_legacy_starred_plans(f: &Fetcher, input: &str) -> Result<String> {
    let i: LegacyStarredPlans = parse(input)?;
    to_json(&crate::legacy::import_starred_plans(
        f,
        &i.starred_plan_ids,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_keep_names_and_drop_values() {
        let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJpc3MiOiJkaWQ6ZXRocjoweDEyMyJ9.c2ln";
        for raw in [
            format!("invalid type: string \"{token}\", expected u64"),
            format!("unknown variant `{token}`, expected `perDay` or `perRequest`"),
            format!("unknown field `{token}`, expected one of `jwtToken`, `afterId`"),
            "unknown variant `eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1`".to_string(),
            format!("unterminated `{token}"),
            // Escaped quotes inside a value (serde writes strings with Debug escapes), and a
            // backtick inside the caller's own variant (found by the `facade` fuzz target).
            format!("invalid type: string \"[N\\\"l {token} A\\\"]\", expected a sequence"),
            format!("unknown variant `a`{token}`, expected `perDay` or `perRequest`"),
            format!("unknown field `x`{token}`, there are no fields"),
        ] {
            let out = without_quoted_values(&raw);
            assert!(!out.contains("eyJ0eXAi"), "{out}");
        }
        assert_eq!(
            without_quoted_values("unknown variant `perday`, expected `perDay` or `perRequest`"),
            "unknown variant `…`, expected `perDay` or `perRequest`"
        );
        assert_eq!(
            without_quoted_values("missing field `jwtTokens` at \"line\""),
            "missing field `jwtTokens` at \"…\""
        );
    }
}
