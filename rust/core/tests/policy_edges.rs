//! Edges of the prefetch and pool policies that the other tests pass through without pinning
//! down: each test here was written against a mutant cargo-mutants found surviving (issue 19).
//!
//! A report page the double cannot send (rows that do not parse) comes from `PageServer`, a
//! plain-HTTP loopback server that answers each request with the next canned body.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread::{self, ThreadId};
use std::time::Duration;

use daily_notification_core::endorser::{DEFAULT_RETRY_SECONDS, REPORT_PATH};
use daily_notification_core::{Outcome, Refusal};
use support::*;

// ---- A report server with canned bodies --------------------------------------------------------

/// Answers the report requests, in order, with `bodies` (200, JSON, one connection each), and
/// keeps the request bodies it read.
struct PageServer {
    base_url: String,
    seen: Arc<Mutex<Vec<serde_json::Value>>>,
}

impl PageServer {
    fn start(bodies: Vec<String>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        thread::spawn(move || {
            for body in bodies {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                let mut reader = BufReader::new(stream);
                let mut path = String::new();
                let mut length = 0usize;
                let mut line = String::new();
                loop {
                    line.clear();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        break;
                    }
                    let l = line.trim_end();
                    if l.is_empty() {
                        break;
                    }
                    if path.is_empty() {
                        path = l.split(' ').nth(1).unwrap_or_default().to_string();
                    }
                    if let Some((name, value)) = l.split_once(':')
                        && name.eq_ignore_ascii_case("content-length")
                    {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
                let mut request = vec![0u8; length];
                let _ = reader.read_exact(&mut request);
                assert_eq!(path, REPORT_PATH);
                log.lock()
                    .unwrap()
                    .push(serde_json::from_slice(&request).unwrap_or_default());
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{body}",
                    body.len()
                );
                let mut stream = reader.into_inner();
                let _ = stream.write_all(answer.as_bytes());
                let _ = stream.flush();
            }
        });
        Self { base_url, seen }
    }

    fn requests(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
}

/// A store configured for `server` (one plan, ten tokens, the cursor `BEFORE_ALL`).
fn configured_for(server: &PageServer) -> (Store, daily_notification_core::Fetcher) {
    let store = Store::new();
    let f = store.open();
    let mut opts = options(&pool(10, T0, 90));
    opts.api_base_url = server.base_url.clone();
    opts.after_id = Some(BEFORE_ALL.into());
    f.configure(&opts, T0).unwrap();
    (store, f)
}

fn row(jwt_id: &str, name: &str) -> serde_json::Value {
    serde_json::json!({"plan": {"jwtId": jwt_id, "name": name,
        "handleId": format!("https://endorser.ch/entity/{jwt_id}")}})
}

// ---- Log capture (one logger per test binary) --------------------------------------------------

static RECORDS: Mutex<Vec<(ThreadId, log::Level, String)>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        if record.target().starts_with("daily_notification_core") {
            RECORDS.lock().unwrap().push((
                thread::current().id(),
                record.level(),
                record.args().to_string(),
            ));
        }
    }
    fn flush(&self) {}
}

/// The core's warnings logged on this thread so far (tests run in parallel threads).
fn warnings_here() -> Vec<String> {
    let _ = log::set_logger(&Capture);
    log::set_max_level(log::LevelFilter::Trace);
    let me = thread::current().id();
    RECORDS
        .lock()
        .unwrap()
        .iter()
        .filter(|(t, level, _)| *t == me && *level == log::Level::Warn)
        .map(|(_, _, m)| m.clone())
        .collect()
}

// ---- Tests -------------------------------------------------------------------------------------

/// `malformedRows` counts the rows that did not parse, page after page, and a warning names how
/// many; a page with none logs no such warning.
#[test]
fn malformed_rows_are_counted_over_the_pages_and_warned_about_only_when_there_are_some() {
    let good = "01M80V4R0S68JZJ7E8FY5D8DV9";
    let older = "01M80V4R0S68JZJ7E8FY5D8DV1";
    let page1 = serde_json::json!({"data": [
        row(good, "Good"),
        {"plan": {"jwtId": "01M80V4R0S68JZJ7E8FY5D8DV5", "name": 7}},
        {"plan": {"jwtId": "not a ulid", "name": "Bad id"}},
    ], "hitLimit": true});
    let page2 = serde_json::json!({"data": [
        {"plan": {"name": "No id"}},
        row(older, "Older"),
    ], "hitLimit": false});
    let clean = serde_json::json!({"data": [row("01M80V4R0S68JZJ7E8FY5D8DVB", "Later")],
        "hitLimit": false});
    let server = PageServer::start(vec![
        page1.to_string(),
        page2.to_string(),
        clean.to_string(),
    ]);
    let (_store, f) = configured_for(&server);
    let before = warnings_here().len();
    let r = f.prefetch(T0).unwrap();
    assert_eq!(r.outcome, Outcome::Ok, "{:?}", r.message);
    assert_eq!((r.requests, r.changed_plans, r.complete), (2, 5, true));
    assert_eq!(r.malformed_rows, 3, "2 on the first page, 1 on the second");
    assert_eq!(r.cursor.as_deref(), Some(good));
    let warned: Vec<String> = warnings_here()
        .into_iter()
        .skip(before)
        .filter(|m| m.contains("did not parse"))
        .collect();
    assert_eq!(
        warned,
        ["2 report rows did not parse", "1 report rows did not parse"]
    );

    // A clean page: nothing malformed, nothing warned.
    let before = warnings_here().len();
    let r = f.prefetch(T0).unwrap();
    assert_eq!((r.outcome, r.malformed_rows), (Outcome::Ok, 0));
    assert!(
        !warnings_here()
            .iter()
            .skip(before)
            .any(|m| m.contains("did not parse")),
        "{:?}",
        warnings_here()
    );
    assert_eq!(server.requests(), 3);
}

/// A token the server accepted in an earlier run is spent when it is refused later, whatever the
/// server's words (docs/core-contract.md, `tokenRefusal`): the acceptance is stored with the
/// pool, not only remembered for the run. Here the day's token, accepted by the first run, is
/// refused by the second in words no rule knows.
#[test]
fn a_token_accepted_by_an_earlier_run_is_spent_when_refused_in_unknown_words() {
    let (double, _store, f) = served(1, &live_pool(5, 90));
    double.set_one_time_use(true);
    double.set_reuse_message(Some("JWT jti was seen before"));
    let first = f.prefetch(now()).unwrap();
    assert_eq!((first.outcome, first.requests), (Outcome::Ok, 1));
    let second = f.prefetch(now()).unwrap();
    assert_eq!(second.outcome, Outcome::Ok, "{:?}", second.message);
    assert_eq!(second.requests, 2, "the day's token, then a fresh one");
    let sent: Vec<Option<String>> = double
        .requests()
        .into_iter()
        .map(|q| q.authorization)
        .collect();
    // Compared, never printed.
    assert!(sent[1] == sent[0] && sent[2] != sent[0]);
    let s = f.status(now());
    assert_eq!(
        (s.pool.rejected, s.pool.used),
        (0, 2),
        "spent, not refused: {:?}",
        s.pool
    );
}

/// Only a refusal on a token's first use speaks for the pool. The day's token (taken earlier
/// today by the host's own fetcher) is refused like every token of this pool, but its refusal is
/// not counted: the run stops for the pool at the second fresh token refused, after three
/// requests, not two.
#[test]
fn a_refusal_of_the_days_token_does_not_count_toward_refusing_the_pool() {
    let tokens = live_pool(10, 90);
    let (double, _store, f) = served(1, &tokens);
    for t in &tokens {
        double.reject_token(t);
    }
    f.acquire_token(now()).unwrap();
    let r = f.prefetch(now()).unwrap();
    assert_eq!(r.outcome, Outcome::NoToken, "{:?}", r.message);
    assert_eq!(r.token_refusal, Some(Refusal::InvalidSignature));
    assert_eq!((r.requests, r.tokens_sent), (3, 3));
    assert_eq!(f.status(now()).pool.rejected, 3);
}

/// A refusal that ends the run as `retry` (clock skew) carries the default retry delay; one that
/// ends it as `no_token` carries none.
#[test]
fn only_a_refusal_that_asks_for_a_retry_carries_a_retry_delay() {
    let (double, _store, f) = served(1, &live_pool(5, 90));
    double.set_now(Some(
        std::time::SystemTime::now() - Duration::from_secs(3_600),
    ));
    let r = f.prefetch(now()).unwrap();
    assert_eq!(
        (r.outcome, r.token_refusal),
        (Outcome::Retry, Some(Refusal::NotYetValid))
    );
    assert_eq!(r.retry_after_seconds, Some(DEFAULT_RETRY_SECONDS));

    let tokens = live_pool(10, 90);
    let (double, _store, f) = served(1, &tokens);
    for t in &tokens {
        double.reject_token(t);
    }
    let r = f.prefetch(now()).unwrap();
    assert_eq!(
        (r.outcome, r.token_refusal),
        (Outcome::NoToken, Some(Refusal::InvalidSignature))
    );
    assert_eq!(r.retry_after_seconds, None);
}

/// No request starts with less than `MIN_REQUEST_TIME` left. The first page takes the whole
/// deadline but the last half second; the run then stops before a second request, as `retry`
/// with the page kept. (Should the first request itself be cut by the deadline on a slow
/// machine, it is still the only one.)
#[test]
fn no_request_starts_with_less_than_half_a_second_left() {
    let (double, _store, f) = served(60, &live_pool(5, 90));
    double.set_delay(Duration::from_millis(1_000));
    let r = f
        .prefetch_within(now(), Duration::from_millis(1_500))
        .unwrap();
    assert_eq!(r.outcome, Outcome::Retry, "{:?}", r.message);
    assert_eq!(r.requests, 1, "{:?}", r.message);
    if r.changed_plans > 0 {
        assert_eq!((r.changed_plans, r.complete), (50, false));
        assert!(r.message.unwrap().contains("deadline"));
    }
}

/// With no notification the result's cursor is the stored cursor (docs/core-contract.md,
/// `cursor`), so the platform sees where the next run starts.
#[test]
fn a_run_with_no_changes_returns_the_stored_cursor() {
    let (_double, _store, f) = served(2, &live_pool(5, 90));
    let r = f.prefetch(now()).unwrap();
    f.acknowledge_delivery(r.cursor.as_deref().unwrap())
        .unwrap();
    let stored = f.status(now()).cursor;
    assert!(stored.is_some() && stored != Some(BEFORE_ALL.into()));
    let r = f.prefetch(now()).unwrap();
    assert_eq!((r.outcome, r.notification), (Outcome::NoChanges, None));
    assert_eq!(r.cursor, stored);
}
