//! Every log record the core and its dependencies (reqwest, hyper, rustls) emit, at trace level,
//! through configure, selection, status, errors and prefetches with rejections and faults:
//! none contains a token or any 16-character piece of one.
//!
//! Its own test binary, because the `log` crate takes one global logger per process.

mod support;

use std::sync::Mutex;

use daily_notification_core::{Outcome, json};
use endorser_double::Fault;
use support::*;

static RECORDS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        let line = format!("{} {} {}", record.level(), record.target(), record.args());
        RECORDS.lock().unwrap().push(line);
    }
    fn flush(&self) {}
}

#[test]
fn no_token_or_piece_of_one_appears_in_any_log_line() {
    log::set_logger(&Capture).unwrap();
    log::set_max_level(log::LevelFilter::Trace);

    let tokens = live_pool(12, 90);
    let (double, store, f) = served(3, &tokens);
    // The day's token is refused, so the rejection and the rotation are logged. One refusal only:
    // two alike (random pool order once picked tokens[0] and [1]) stop the pool, and the 500
    // below would then never be sent.
    let days = f.acquire_token(now()).unwrap().token.expose().to_string();
    double.reject_token(&days);
    for _ in 0..2 {
        let _ = f.prefetch(now());
    }
    double.fail_next(1, Fault::Status500);
    assert_eq!(f.prefetch(now()).unwrap().outcome, Outcome::Retry);
    double.fail_next(1, Fault::Malformed);
    let _ = f.prefetch(now());
    let _ = f.acquire_token(now());
    let _ = f.status(now());
    // Bad input that carries tokens.
    let bad = format!(
        r#"{{"apiBaseUrl":"http://example.com","activeDid":"{DID}","jwtTokens":["{}"]}}"#,
        tokens[2]
    );
    let _ = json::configure(&f, &bad, now());
    let wrong_type = format!(r#"{{"apiBaseUrl":5,"jwtToken":"{}"}}"#, tokens[3]);
    let _ = json::configure(&f, &wrong_type, now());
    let expired = jwt(DID, now() - 10 * DAY, now() - DAY, "old");
    let mut opts = options(&[expired.clone(), tokens[4].clone()]);
    opts.api_base_url = double.base_url();
    let _ = f.configure(&opts, now());
    // A corrupt store, then recovery.
    std::fs::write(
        store.state_file(),
        b"DNPV\x01garbage-garbage-garbage-garbage",
    )
    .unwrap();
    let _ = store.open().prefetch(now());
    let _ = store.open().configure(&options(&tokens), now());
    let _ = store.open().prefetch(now());

    let records = RECORDS.lock().unwrap().clone();
    assert!(
        records.len() > 10,
        "the capture saw the run ({} records)",
        records.len()
    );
    assert!(
        records.iter().any(|r| r.contains("jwt#")),
        "redacted fingerprints are logged instead"
    );
    let mut all = tokens.clone();
    all.push(expired);
    for t in &all {
        // The common JWT header is not secret; every window of payload and signature is.
        let secret_part = &t[t.find('.').unwrap() + 1..];
        for start in 0..=secret_part.len() - 16 {
            let piece = &secret_part[start..start + 16];
            for r in &records {
                assert!(
                    !r.contains(piece),
                    "a log line holds a piece of a token: {piece}"
                );
            }
        }
    }
}
