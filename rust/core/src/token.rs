//! Reading a pool token's claims and deciding whether it may join the pool.
//!
//! The signature is NOT verified: TimeSafari tokens are did:ethr (ES256K) or did:peer JWTs that
//! only the Endorser server can verify. The client reads `iss`, `iat` and `exp` to decide which
//! token to send and when a token is no longer worth sending.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::clock::UnixSeconds;

/// Largest accepted token, in bytes.
pub const MAX_TOKEN_BYTES: usize = 8 * 1024;
/// The server rejects `iat` further in the future than this (seconds).
pub const IAT_FUTURE_SKEW_SECONDS: i64 = 300;

/// Why a token was left out of the pool (stable codes, see docs/core-contract.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RejectionReason {
    Malformed,
    TooLarge,
    IssuerMismatch,
    MissingExp,
    Expired,
    IssuedInFuture,
    Duplicate,
}

/// The claims the client uses. Only the claims; the token text stays in its `Secret`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    pub iss: Option<String>,
    pub exp: Option<UnixSeconds>,
    pub iat: Option<UnixSeconds>,
}

#[derive(Deserialize)]
struct RawClaims {
    iss: Option<serde_json::Value>,
    exp: Option<serde_json::Value>,
    iat: Option<serde_json::Value>,
}

/// Reads the claims of a compact JWT: three non-empty base64url parts, a JSON object header and
/// a JSON object payload.
pub fn read_claims(token: &str) -> Result<Claims, RejectionReason> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(RejectionReason::TooLarge);
    }
    let parts: Vec<&str> = token.split('.').collect();
    let is_b64url = |p: &&str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if parts.len() != 3 || !parts.iter().all(is_b64url) {
        return Err(RejectionReason::Malformed);
    }
    // jsonwebtoken's Header has no ES256K, so the header is checked as plain JSON here.
    let header = URL_SAFE_NO_PAD
        .decode(parts[0])
        .map_err(|_| RejectionReason::Malformed)?;
    match serde_json::from_slice::<serde_json::Value>(&header) {
        // An unsigned token (`alg: none`) is never accepted by the server.
        Ok(serde_json::Value::Object(h))
            if !h
                .get("alg")
                .and_then(|a| a.as_str())
                .is_some_and(|a| a.eq_ignore_ascii_case("none")) => {}
        _ => return Err(RejectionReason::Malformed),
    }
    let raw: RawClaims = jsonwebtoken::dangerous::insecure_decode_claims(token)
        .map_err(|_| RejectionReason::Malformed)?;
    Ok(Claims {
        iss: match raw.iss {
            Some(serde_json::Value::String(s)) => Some(s),
            None | Some(serde_json::Value::Null) => None,
            Some(_) => return Err(RejectionReason::Malformed),
        },
        exp: numeric_date(raw.exp)?,
        iat: numeric_date(raw.iat)?,
    })
}

/// RFC 7519 NumericDate: a JSON number of seconds, possibly fractional.
fn numeric_date(v: Option<serde_json::Value>) -> Result<Option<UnixSeconds>, RejectionReason> {
    match v {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Ok(Some(i)),
            (None, Some(f)) if f.is_finite() && f.abs() < 1e15 => Ok(Some(f.floor() as i64)),
            _ => Err(RejectionReason::Malformed),
        },
        Some(_) => Err(RejectionReason::Malformed),
    }
}

/// Checks one token for `active_did` at `now`; on success returns its `exp`.
pub fn check(
    token: &str,
    active_did: &str,
    now: UnixSeconds,
    margin_seconds: i64,
) -> Result<UnixSeconds, RejectionReason> {
    let claims = read_claims(token)?;
    if claims.iss.as_deref() != Some(active_did) {
        return Err(RejectionReason::IssuerMismatch);
    }
    let exp = claims.exp.ok_or(RejectionReason::MissingExp)?;
    if exp.saturating_sub(margin_seconds) <= now {
        return Err(RejectionReason::Expired);
    }
    if claims
        .iat
        .is_some_and(|iat| iat > now.saturating_add(IAT_FUTURE_SKEW_SECONDS))
    {
        return Err(RejectionReason::IssuedInFuture);
    }
    Ok(exp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    fn jwt(payload: &str) -> String {
        format!(
            "{}.{}.c2ln",
            b64(r#"{"typ":"JWT","alg":"ES256K"}"#),
            b64(payload)
        )
    }

    #[test]
    fn reads_es256k_claims_without_a_signature_check() {
        let c = read_claims(&jwt(r#"{"iss":"did:ethr:0xabc","exp":2000,"iat":1000.7}"#)).unwrap();
        assert_eq!(c.iss.as_deref(), Some("did:ethr:0xabc"));
        assert_eq!((c.exp, c.iat), (Some(2000), Some(1000)));
    }

    #[test]
    fn structural_faults_are_malformed() {
        let good_payload = b64(r#"{"iss":"did:x:y","exp":2000}"#);
        for bad in [
            String::new(),
            "a.b".to_string(),
            format!("{}.{}", b64("{}"), good_payload),
            format!("{}.{}.c2ln.x", b64("{}"), good_payload),
            format!("{}.{}.", b64("{}"), good_payload),
            format!("{}.{}.c2ln", b64("[1]"), good_payload),
            format!("{}.{}.c2ln", b64("{}"), b64("not json")),
            format!("{}.{}.c2ln", b64("{}"), b64("[]")),
            format!("{}.{}=.c2ln", b64("{}"), good_payload),
            format!("{}.{}.c2ln", b64("{}"), b64(r#"{"iss":5,"exp":1}"#)),
            format!("{}.{}.c2ln", b64("{}"), b64(r#"{"iss":"a","exp":"soon"}"#)),
            format!("{}.{}.c2ln", b64(r#"{"alg":"none"}"#), good_payload),
            format!(
                "{}.{}.c2ln",
                b64(r#"{"typ":"JWT","alg":"None"}"#),
                good_payload
            ),
        ] {
            assert_eq!(read_claims(&bad), Err(RejectionReason::Malformed), "{bad}");
        }
    }

    #[test]
    fn check_applies_issuer_expiry_margin_and_iat_skew() {
        let did = "did:ethr:0xabc";
        let now = 1_000_000;
        let tok = |p: String| jwt(&p);
        let ok = tok(format!(r#"{{"iss":"{did}","exp":{}}}"#, now + 601));
        assert_eq!(check(&ok, did, now, 600), Ok(now + 601));
        let at_margin = tok(format!(r#"{{"iss":"{did}","exp":{}}}"#, now + 600));
        assert_eq!(
            check(&at_margin, did, now, 600),
            Err(RejectionReason::Expired)
        );
        let other = tok(format!(
            r#"{{"iss":"did:ethr:0xdef","exp":{}}}"#,
            now + 9999
        ));
        assert_eq!(
            check(&other, did, now, 600),
            Err(RejectionReason::IssuerMismatch)
        );
        let no_iss = tok(format!(r#"{{"exp":{}}}"#, now + 9999));
        assert_eq!(
            check(&no_iss, did, now, 600),
            Err(RejectionReason::IssuerMismatch)
        );
        let no_exp = tok(format!(r#"{{"iss":"{did}"}}"#));
        assert_eq!(
            check(&no_exp, did, now, 600),
            Err(RejectionReason::MissingExp)
        );
        let future = tok(format!(
            r#"{{"iss":"{did}","exp":{},"iat":{}}}"#,
            now + 9999,
            now + 301
        ));
        assert_eq!(
            check(&future, did, now, 600),
            Err(RejectionReason::IssuedInFuture)
        );
        let skew_ok = tok(format!(
            r#"{{"iss":"{did}","exp":{},"iat":{}}}"#,
            now + 9999,
            now + 300
        ));
        assert!(check(&skew_ok, did, now, 600).is_ok());
        let big = tok(format!(
            r#"{{"iss":"{did}","exp":{},"pad":"{}"}}"#,
            now + 9999,
            "x".repeat(MAX_TOKEN_BYTES)
        ));
        assert_eq!(check(&big, did, now, 600), Err(RejectionReason::TooLarge));
    }
}
