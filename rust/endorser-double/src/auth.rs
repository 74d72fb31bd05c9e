//! How the double judges the `Authorization` header, in the real server's order: parse, `iss`,
//! signature (simulated by a reject list), `nbf`/`iat`, `exp`, then the optional one-time-use rule.
//!
//! The signature is never verified: the double only reads the claims, so any `alg` (ES256K) and
//! any `typ` (JWT, JWANT) pass. The time checks and messages follow did-jwt, which the real server
//! uses: 300 s of skew both ways, and `exp <= now - 300` counts as expired.

use base64::Engine as _;
use base64::alphabet::URL_SAFE;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::{Value, json};

/// Seconds of clock skew the real server allows on `exp`, `iat` and `nbf`.
pub const SKEW_SECONDS: i64 = 300;

/// JWT segments may arrive with or without `=` padding; the server's decoder takes both.
const LENIENT_BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

pub(crate) const WRONG_SIGNER: &str =
    "JWT failed verification: Error: invalid_signature: no matching public key found";
pub(crate) const ALREADY_USED: &str =
    "JWT failed verification: Error: invalid_jwt: JWT has already been used";
const MISSING_ISS: &str = "Missing \"iss\" field in JWT.";

/// The bearer token in an `Authorization` header, when there is a non-empty one.
pub(crate) fn bearer_token(header: Option<&str>) -> Option<&str> {
    let token = header?.strip_prefix("Bearer ")?.trim();
    (!token.is_empty()).then_some(token)
}

/// Reads and time-checks the claims of `token` at `now` (seconds since the epoch). The signature
/// stage is the caller's (it needs the reject list), so it passes `signature_ok`.
pub(crate) fn check_token(token: &str, now: i64, signature_ok: bool) -> Result<(), String> {
    let payload = read_payload(token)
        .map_err(|why| format!("Error parsing JWT header or payload: SyntaxError: {why}"))?;
    match payload.get("iss") {
        Some(Value::String(iss)) if !iss.is_empty() => {}
        _ => return Err(MISSING_ISS.to_owned()),
    }
    if !signature_ok {
        return Err(WRONG_SIGNER.to_owned());
    }
    let claim = |name: &str| {
        payload
            .get(name)
            .and_then(Value::as_f64)
            .filter(|v| *v != 0.0)
    };
    let now_f = now as f64;
    let skew = SKEW_SECONDS as f64;
    if let Some(nbf) = claim("nbf") {
        if nbf > now_f + skew {
            return Err(invalid_jwt(&format!(
                "JWT not valid before nbf: {}",
                js_number(nbf)
            )));
        }
    } else if let Some(iat) = claim("iat")
        && iat > now_f + skew
    {
        return Err(invalid_jwt(&format!(
            "JWT not valid yet (issued in the future) iat: {}",
            js_number(iat)
        )));
    }
    if let Some(exp) = claim("exp")
        && exp <= now_f - skew
    {
        return Err(invalid_jwt(&format!(
            "JWT has expired: exp: {} < now: {now}",
            js_number(exp)
        )));
    }
    Ok(())
}

fn invalid_jwt(detail: &str) -> String {
    format!("JWT failed verification: Error: invalid_jwt: {detail}")
}

/// Integers print without a fraction, as JavaScript prints them.
fn js_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn read_payload(token: &str) -> Result<Value, String> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("a JWT has three dot-separated parts".to_owned());
    };
    let header = decode_json(header)?;
    if !header.is_object() {
        return Err("the JWT header is not a JSON object".to_owned());
    }
    let payload = decode_json(payload)?;
    if !payload.is_object() {
        return Err("the JWT payload is not a JSON object".to_owned());
    }
    Ok(payload)
}

fn decode_json(segment: &str) -> Result<Value, String> {
    let bytes = LENIENT_BASE64URL
        .decode(segment)
        .map_err(|e| format!("invalid base64url: {e}"))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("Unexpected token in JSON: {e}"))
}

/// Builds a JWT-shaped token with the given header and payload and a dummy signature. The double
/// reads claims only, so such a token passes wherever a real one would.
pub fn token_from_parts(header: &Value, payload: &Value) -> String {
    let encode = |v: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).expect("JSON encodes"));
    format!(
        "{}.{}.{}",
        encode(header),
        encode(payload),
        URL_SAFE_NO_PAD.encode(b"unsigned-test-signature")
    )
}

/// A TimeSafari-style access token (`{"typ":"JWT","alg":"ES256K"}`) for `iss`, issued at `iat`
/// and expiring at `exp` (seconds since the epoch), with a dummy signature.
pub fn test_token(iss: &str, iat: i64, exp: i64) -> String {
    token_from_parts(
        &json!({"typ": "JWT", "alg": "ES256K"}),
        &json!({"iat": iat, "exp": exp, "iss": iss}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_token_ignores_other_schemes_and_empty_tokens() {
        assert_eq!(bearer_token(Some("Bearer abc")), Some("abc"));
        assert_eq!(bearer_token(Some("Bearer ")), None);
        assert_eq!(bearer_token(Some("Basic dXNlcjpwdw==")), None);
        assert_eq!(bearer_token(None), None);
    }

    #[test]
    fn expiry_boundary_follows_did_jwt() {
        let now = 1_800_000_000;
        let at = |exp| check_token(&test_token("did:ethr:0x1", now - 600, exp), now, true);
        assert!(at(now - SKEW_SECONDS + 1).is_ok());
        let err = at(now - SKEW_SECONDS).unwrap_err();
        assert_eq!(
            err,
            format!(
                "JWT failed verification: Error: invalid_jwt: JWT has expired: exp: {} < now: {now}",
                now - SKEW_SECONDS
            )
        );
    }

    #[test]
    fn padded_segments_are_accepted() {
        let header = LENIENT_BASE64URL.encode(br#"{"alg":"ES256K","typ":"JWANT"}"#);
        let payload = base64::engine::general_purpose::URL_SAFE.encode(br#"{"iss":"did:peer:0z"}"#);
        assert!(check_token(&format!("{header}.{payload}.sig"), 0, true).is_ok());
    }
}
