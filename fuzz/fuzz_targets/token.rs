//! Token claims and checks. Properties: `check` accepts only what `read_claims` reads, with the
//! issuer asked for, and an `exp` beyond `now` plus the margin.
#![no_main]

use daily_notification_core::token;
use libfuzzer_sys::fuzz_target;

const DID: &str = "did:ethr:0x000000000000000000000000000000000000dEaD";

fuzz_target!(|data: &[u8]| {
    if data.len() < 16 {
        return;
    }
    let now = i64::from_le_bytes(data[..8].try_into().unwrap());
    let margin = i64::from_le_bytes(data[8..16].try_into().unwrap());
    let Ok(text) = std::str::from_utf8(&data[16..]) else { return };
    let claims = token::read_claims(text);
    if let Ok(exp) = token::check(text, DID, now, margin) {
        let claims = claims.expect("checked tokens have readable claims");
        assert_eq!(claims.iss.as_deref(), Some(DID));
        assert_eq!(claims.exp, Some(exp));
        assert!(exp.saturating_sub(margin) > now);
    }
});
