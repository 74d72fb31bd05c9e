//! The Endorser answer's parsers: the report page, `Retry-After`, the message sanitizer and the
//! refusal reader. Properties: a page keeps every row (bad ones counted as malformed, and every
//! jwtId it keeps is an upper-case ULID); `Retry-After` is at most 6 h; a sanitized message is one
//! line of at most 161 characters with no run of 40 token characters.
#![no_main]

use daily_notification_core::endorser::{ReportPage, retry_after_seconds, sanitize};
use daily_notification_core::pool::Refusal;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(page) = ReportPage::parse(data) {
        assert!(page.malformed <= page.data.len());
        for row in &page.data {
            if let Some(id) = &row.jwt_id {
                assert_eq!(daily_notification_core::config::ulid(id).as_deref(), Some(id.as_str()));
            }
        }
    }
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i));
    assert!(retry_after_seconds(Some(a), Some(b), 1_795_327_200) <= 6 * 3600);
    let clean = sanitize(&text);
    assert!(clean.chars().count() <= 161);
    assert!(!clean.chars().any(char::is_control));
    let mut run = 0;
    for c in clean.chars() {
        run = if c.is_ascii_alphanumeric() || "-_.".contains(c) { run + 1 } else { 0 };
        assert!(run < 40, "a token-like run survived: {clean}");
    }
    let _ = Refusal::from_message(&text);
});
