//! `configure` input and the rules each field must pass before anything is stored.

use serde::Deserialize;

use crate::error::{CoreError, ErrorCode, Result};
use crate::pool::TokenPolicy;
use crate::secret::Secret;

pub const MAX_API_BASE_URL_BYTES: usize = 2 * 1024;
pub const MAX_DID_CHARS: usize = 512;
pub const MAX_POOL_TOKENS: usize = 1000;
pub const MAX_PLAN_IDS: usize = 1000;
pub const MAX_PLAN_ID_BYTES: usize = 2 * 1024;
pub const DEFAULT_LOW_WATER_DAYS: i64 = 7;
pub const DEFAULT_EXPIRY_MARGIN_SECONDS: i64 = 600;

/// `configureNativeFetcher` options, as JSON from every platform (docs/core-contract.md).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigureOptions {
    pub api_base_url: String,
    pub active_did: String,
    #[serde(default)]
    pub jwt_token: Option<Secret>,
    #[serde(default)]
    pub jwt_tokens: Option<Vec<Secret>>,
    #[serde(default)]
    pub starred_plan_ids: Option<Vec<String>>,
    #[serde(default)]
    pub after_id: Option<String>,
    #[serde(default)]
    pub token_policy: Option<String>,
    #[serde(default)]
    pub low_water_days: Option<i64>,
    #[serde(default)]
    pub expiry_margin_seconds: Option<i64>,
    /// The app's opt-in to plain http for a development server on a private-range or emulator
    /// host. Honoured only when `debug_build` is true.
    #[serde(default)]
    pub allow_development_http: Option<bool>,
    /// Set by the platform layer, never by the app: Android `FLAG_DEBUGGABLE`, iOS `DEBUG`.
    #[serde(default)]
    pub debug_build: Option<bool>,
}

/// The fields of `ConfigureOptions` once checked (the tokens are checked by the pool builder).
#[derive(Debug, Clone)]
pub struct CheckedOptions {
    pub api_base_url: String,
    pub active_did: String,
    pub starred_plan_ids: Option<Vec<String>>,
    pub after_id: Option<String>,
    pub policy: TokenPolicy,
    pub low_water_days: i64,
    pub margin_seconds: i64,
}

impl ConfigureOptions {
    pub fn check(&self) -> Result<CheckedOptions> {
        Ok(CheckedOptions {
            api_base_url: check_api_base_url_with(&self.api_base_url, self.http_rule())?,
            active_did: check_did(&self.active_did)?,
            starred_plan_ids: self
                .starred_plan_ids
                .as_deref()
                .map(check_plan_ids)
                .transpose()?,
            after_id: self.after_id.as_deref().map(check_after_id).transpose()?,
            policy: match self.token_policy.as_deref() {
                None => TokenPolicy::default(),
                Some(p) => TokenPolicy::parse(p).ok_or_else(|| {
                    CoreError::new(
                        ErrorCode::InvalidTokenPolicy,
                        "tokenPolicy must be \"perDay\" or \"perRequest\"",
                    )
                })?,
            },
            low_water_days: in_range("lowWaterDays", self.low_water_days, 0, 365)?
                .unwrap_or(DEFAULT_LOW_WATER_DAYS),
            margin_seconds: in_range("expiryMarginSeconds", self.expiry_margin_seconds, 0, 86_400)?
                .unwrap_or(DEFAULT_EXPIRY_MARGIN_SECONDS),
        })
    }

    /// Which plain-http hosts this configure may name.
    pub fn http_rule(&self) -> HttpRule {
        if self.allow_development_http == Some(true) && self.debug_build == Some(true) {
            HttpRule::LoopbackAndPrivate
        } else {
            HttpRule::LoopbackOnly
        }
    }

    /// The pool in rejection-index order: `jwtTokens[0..n)`, then `jwtToken` at `n` unless it is
    /// one of `jwtTokens` (the app may pass its first pool token as the legacy single token).
    pub fn tokens(&self) -> Vec<&Secret> {
        let mut all: Vec<&Secret> = self.jwt_tokens.iter().flatten().collect();
        if let Some(single) = &self.jwt_token
            && !all.contains(&single)
        {
            all.push(single);
        }
        all
    }
}

fn in_range(name: &str, v: Option<i64>, min: i64, max: i64) -> Result<Option<i64>> {
    match v {
        Some(x) if !(min..=max).contains(&x) => Err(CoreError::new(
            ErrorCode::InvalidArgument,
            format!("{name} must be between {min} and {max}"),
        )),
        _ => Ok(v),
    }
}

/// Which hosts plain `http` may reach. Everything else must be https.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HttpRule {
    /// Release builds, and debug builds without the app's opt-in: `localhost`, 127.0.0.0/8, ::1.
    #[default]
    LoopbackOnly,
    /// A debug build whose app passed `allowDevelopmentHttp`: loopback, plus the private ranges a
    /// development server is reached on (RFC 1918, which holds the Android emulator's 10.0.2.2,
    /// and IPv6 unique-local fc00::/7). Never a public address, never a domain name other than
    /// `localhost`: a name can resolve anywhere.
    LoopbackAndPrivate,
}

/// An absolute https URL; plain http only for loopback; no user-info, query or fragment.
/// Returned without a trailing slash, ready for `{base}/api/v2/...`.
pub fn check_api_base_url(raw: &str) -> Result<String> {
    check_api_base_url_with(raw, HttpRule::LoopbackOnly)
}

/// `check_api_base_url` under `rule` for plain http.
pub fn check_api_base_url_with(raw: &str, rule: HttpRule) -> Result<String> {
    let bad = |why: &str| CoreError::new(ErrorCode::InvalidApiBaseUrl, format!("apiBaseUrl {why}"));
    if raw.len() > MAX_API_BASE_URL_BYTES {
        return Err(bad("is longer than 2 KiB"));
    }
    // The url crate runs without IDNA's Unicode tables (idna_adapter 1.0 in Cargo.lock, for size:
    // docs/dependencies.md): a non-ASCII host name is refused, its `xn--` form is accepted.
    let url = url::Url::parse(raw).map_err(|e| match e {
        url::ParseError::IdnaError => {
            bad("has a non-ASCII host name: give it in its ASCII (xn--, punycode) form")
        }
        _ => bad("is not an absolute URL"),
    })?;
    let host = url.host().ok_or_else(|| bad("has no host"))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" if is_private(&host) => {
            if rule != HttpRule::LoopbackAndPrivate {
                return Err(bad(
                    "must use https (http to a private-range host is allowed only in a debug build \
                     with allowDevelopmentHttp: true)",
                ));
            }
        }
        "http" => {
            return Err(bad(
                "must use https (http is allowed only for loopback hosts, and with \
                 allowDevelopmentHttp in a debug build for private-range hosts, never public ones)",
            ));
        }
        _ => return Err(bad("must be an https URL")),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("must not contain user info"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("must not have a query or fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// RFC 1918 IPv4 (10/8 holds the Android emulator's host alias 10.0.2.2) and IPv6 unique-local
/// addresses (fc00::/7, RFC 4193), also as IPv4-mapped IPv6. Addresses only: names are refused.
fn is_private(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(_) => false,
        url::Host::Ipv4(ip) => ip.is_private(),
        url::Host::Ipv6(ip) => match ip.to_ipv4_mapped() {
            Some(v4) => v4.is_private(),
            None => (ip.segments()[0] & 0xfe00) == 0xfc00,
        },
    }
}

/// `did:<method>:<method-specific-id>` (W3C DID syntax, characters only), at most 512 characters.
pub fn check_did(did: &str) -> Result<String> {
    let bad = |why: &str| CoreError::new(ErrorCode::InvalidActiveDid, format!("activeDid {why}"));
    if did.chars().count() > MAX_DID_CHARS {
        return Err(bad("is longer than 512 characters"));
    }
    let mut parts = did.splitn(3, ':');
    let (scheme, method, id) = (parts.next(), parts.next(), parts.next());
    let method_ok = method.is_some_and(|m| {
        !m.is_empty()
            && m.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    let id_ok = id.is_some_and(|id| {
        !id.is_empty()
            && !id.ends_with(':')
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-_:%".contains(&b))
    });
    if scheme != Some("did") || !method_ok || !id_ok {
        return Err(bad("must look like did:<method>:<id>"));
    }
    Ok(did.to_string())
}

/// The one rule for a plan handle: not blank, at most 2 KiB, no control characters.
pub fn plan_id_is_valid(id: &str) -> bool {
    !id.trim().is_empty() && id.len() <= MAX_PLAN_ID_BYTES && !id.chars().any(char::is_control)
}

pub fn check_plan_ids(ids: &[String]) -> Result<Vec<String>> {
    if ids.len() > MAX_PLAN_IDS {
        return Err(CoreError::new(
            ErrorCode::InvalidPlanId,
            format!("at most {MAX_PLAN_IDS} starred plans"),
        ));
    }
    for (i, id) in ids.iter().enumerate() {
        if !plan_id_is_valid(id) {
            return Err(CoreError::new(
                ErrorCode::InvalidPlanId,
                format!("planIds[{i}] must be a non-empty plan handle of at most 2 KiB"),
            ));
        }
    }
    let mut unique = Vec::with_capacity(ids.len());
    for id in ids {
        if !unique.contains(id) {
            unique.push(id.clone());
        }
    }
    Ok(unique)
}

/// A cursor: `"0"` (none yet) or a ULID, 26 Crockford base-32 characters whose first is at most
/// `7` (128 bits). Lower case is normalised to upper case, because cursors are compared as
/// strings and a lower-case ULID would sort above every real one and stop notifications for
/// good; anything else (`I`, `L`, `O`, `U`, other lengths) is refused with `INVALID_AFTER_ID`.
pub fn check_after_id(id: &str) -> Result<String> {
    if id == "0" {
        return Ok(id.to_string());
    }
    ulid(id).ok_or_else(|| {
        CoreError::new(
            ErrorCode::InvalidAfterId,
            "afterId must be \"0\" or a ULID (26 Crockford base-32 characters)",
        )
    })
}

/// The ULID in upper case, or `None` when `id` is not one (see `check_after_id`).
pub fn ulid(id: &str) -> Option<String> {
    const CROCKFORD: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let upper = id.to_ascii_uppercase();
    let ok = upper.len() == ULID_LEN
        && upper.as_bytes()[0] <= b'7'
        && upper.bytes().all(|b| CROCKFORD.contains(&b));
    ok.then_some(upper)
}

const ULID_LEN: usize = 26;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_base_url_rules() {
        for ok in [
            "https://api.endorser.ch",
            "https://api.endorser.ch/",
            "http://127.0.0.1:3000",
            "http://127.8.9.10",
            "http://[::1]:3000",
            "http://localhost:3000",
        ] {
            assert!(check_api_base_url(ok).is_ok(), "{ok}");
        }
        assert_eq!(check_api_base_url("https://a.b/").unwrap(), "https://a.b");
        for bad in [
            "",
            "api.endorser.ch",
            "/relative",
            "http://api.endorser.ch",
            "http://10.0.0.2",
            "ftp://localhost",
            "https://user:pw@api.endorser.ch",
            "https://user@api.endorser.ch",
            "https://api.endorser.ch/?q=1",
            "https://api.endorser.ch/#f",
            &format!("https://a.b/{}", "p".repeat(2048)),
        ] {
            let e = check_api_base_url(bad).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidApiBaseUrl, "{bad}");
        }
    }

    #[test]
    fn a_non_ascii_host_is_refused_and_its_punycode_form_accepted() {
        let e = check_api_base_url("https://b\u{fc}cher.example").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidApiBaseUrl);
        assert!(e.message.contains("xn--"), "{}", e.message);
        assert_eq!(
            check_api_base_url("https://xn--bcher-kva.example/api").unwrap(),
            "https://xn--bcher-kva.example/api"
        );
        // A non-ASCII path is not a host name: percent-encoded as before.
        assert_eq!(
            check_api_base_url("https://api.endorser.ch/b\u{fc}cher").unwrap(),
            "https://api.endorser.ch/b%C3%BCcher"
        );
    }

    #[test]
    fn private_http_needs_the_opt_in_and_a_debug_build() {
        let private = [
            "http://10.0.2.2:3000",
            "http://10.0.3.2:3000",
            "http://192.168.1.20:3000/",
            "http://172.16.0.5",
            "http://172.31.255.255:8080",
            "http://[fd12:3456::1]:3000",
            "http://[::ffff:192.168.0.9]:3000",
        ];
        for url in private {
            let e = check_api_base_url(url).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidApiBaseUrl, "{url}");
            assert!(
                e.message.contains("allowDevelopmentHttp"),
                "{url}: {}",
                e.message
            );
            assert!(
                check_api_base_url_with(url, HttpRule::LoopbackAndPrivate).is_ok(),
                "{url}"
            );
        }
        assert_eq!(
            check_api_base_url_with("http://10.0.2.2:3000/", HttpRule::LoopbackAndPrivate).unwrap(),
            "http://10.0.2.2:3000"
        );
    }

    #[test]
    fn private_http_never_reaches_a_public_host_or_a_name() {
        for url in [
            "http://api.endorser.ch",
            "http://8.8.8.8",
            "http://172.32.0.1",
            "http://172.15.255.255",
            "http://192.169.0.1",
            "http://11.0.0.1",
            "http://169.254.169.254",
            "http://100.64.0.1",
            "http://[2001:db8::1]",
            "http://[fe80::1]",
            "http://[::ffff:8.8.8.8]",
            "http://0.0.0.0",
            "http://devbox.local:3000",
            "http://10.0.2.2.nip.io",
        ] {
            let e = check_api_base_url_with(url, HttpRule::LoopbackAndPrivate).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidApiBaseUrl, "{url}");
        }
        // The opt-in changes nothing else of the rule.
        for url in [
            "http://user:pw@10.0.2.2:3000",
            "http://10.0.2.2:3000/?q=1",
            "ftp://10.0.2.2",
        ] {
            assert!(
                check_api_base_url_with(url, HttpRule::LoopbackAndPrivate).is_err(),
                "{url}"
            );
        }
    }

    #[test]
    fn the_http_rule_opens_only_for_opt_in_and_debug_build_together() {
        let opts = |allow: Option<bool>, debug: Option<bool>| ConfigureOptions {
            api_base_url: "http://10.0.2.2:3000".into(),
            active_did: "did:ethr:0x1".into(),
            allow_development_http: allow,
            debug_build: debug,
            ..Default::default()
        };
        for (allow, debug) in [
            (None, None),
            (Some(true), None),
            (Some(true), Some(false)),
            (None, Some(true)),
            (Some(false), Some(true)),
        ] {
            let o = opts(allow, debug);
            assert_eq!(o.http_rule(), HttpRule::LoopbackOnly, "{allow:?} {debug:?}");
            assert_eq!(
                o.check().unwrap_err().code,
                ErrorCode::InvalidApiBaseUrl,
                "{allow:?} {debug:?}"
            );
        }
        let o = opts(Some(true), Some(true));
        assert_eq!(o.http_rule(), HttpRule::LoopbackAndPrivate);
        assert_eq!(o.check().unwrap().api_base_url, "http://10.0.2.2:3000");
    }

    #[test]
    fn did_rules() {
        for ok in [
            "did:ethr:0xB7f4aBd00",
            "did:peer:0z6Mk-x_y.z",
            "did:web:example.com:user",
        ] {
            assert!(check_did(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "did:",
            "did:ethr",
            "did:ethr:",
            "did:ETHR:0x1",
            "DID:ethr:0x1",
            "ethr:0x1",
            "did:ethr:0x1 ",
            "did:ethr:0x1:",
            &format!("did:ethr:{}", "a".repeat(510)),
        ] {
            assert_eq!(
                check_did(bad).unwrap_err().code,
                ErrorCode::InvalidActiveDid,
                "{bad}"
            );
        }
    }

    #[test]
    fn plan_ids_and_after_id_rules() {
        let ids = vec!["https://endorser.ch/entity/01A".to_string(); 2];
        assert_eq!(
            check_plan_ids(&ids).unwrap().len(),
            1,
            "duplicates are folded"
        );
        assert!(check_plan_ids(&[" ".into()]).is_err());
        assert!(check_plan_ids(&["a\nb".into()]).is_err());
        assert!(check_plan_ids(&vec!["x".to_string(); MAX_PLAN_IDS + 1]).is_err());
        assert!(check_after_id("01M80V4R0S68JZJ7E8FY5D8DV9").is_ok());
        assert!(check_after_id("0").is_ok());
        assert_eq!(
            check_after_id("01jzzzzzzzzzzzzzzzzzzzzzzz").unwrap(),
            "01JZZZZZZZZZZZZZZZZZZZZZZZ",
            "lower case is normalised"
        );
        assert!(check_after_id("7ZZZZZZZZZZZZZZZZZZZZZZZZZ").is_ok());
        for bad in [
            "",
            "a b",
            &"x".repeat(129),
            "é",
            "00",
            "8ZZZZZZZZZZZZZZZZZZZZZZZZZ",
            "01M80V4R0S68JZJ7E8FY5D8DV",
            "01M80V4R0S68JZJ7E8FY5D8DV90",
            "01M80V4R0S68JZJ7E8FY5D8DVI",
            "01M80V4R0S68JZJ7E8FY5D8DVL",
            "01M80V4R0S68JZJ7E8FY5D8DVO",
            "01M80V4R0S68JZJ7E8FY5D8DVU",
            "01M80V4R0S68JZJ7E8FY5D8DV-",
        ] {
            assert_eq!(
                check_after_id(bad).unwrap_err().code,
                ErrorCode::InvalidAfterId
            );
        }
    }
}
