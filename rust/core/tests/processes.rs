//! Several processes on one store: a writer killed at random points never leaves a broken
//! store, and two processes taking tokens at once never interleave their writes.
//!
//! The child processes are this test binary itself, re-run with one test selected and an
//! environment variable naming the role.

mod support;

use std::collections::HashSet;
use std::process::{Command, Stdio};
use std::time::Duration;

use daily_notification_core::{ErrorCode, Fetcher, FileKeyWrapper};
use support::*;

const ROLE: &str = "DNP_TEST_CHILD_ROLE";
const DIR: &str = "DNP_TEST_CHILD_DIR";

fn child(test: &str, role: &str, dir: &std::path::Path) -> Command {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(DIR, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    c
}

fn open(dir: &std::path::Path) -> Fetcher {
    Fetcher::open(
        dir.join("store"),
        Box::new(FileKeyWrapper::new(dir.join("host.kek"))),
    )
    .unwrap()
}

/// Child role "writer": configure and take tokens in a loop until killed.
#[test]
fn crash_writer_child() {
    if std::env::var(ROLE).as_deref() != Ok("writer") {
        return;
    }
    let dir = std::path::PathBuf::from(std::env::var(DIR).unwrap());
    let f = open(&dir);
    for round in 0.. {
        let n = 3 + round % 20;
        f.configure(&options(&pool(n, T0, 90)), T0 + round as i64)
            .unwrap();
        let _ = f.acquire_token(T0 + round as i64 * DAY);
        f.update_starred_plans(&[format!("https://endorser.ch/entity/{round}")])
            .unwrap();
    }
}

#[test]
fn a_writer_killed_at_any_moment_leaves_the_old_or_the_new_state() {
    if std::env::var(ROLE).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    open(dir.path())
        .configure(&options(&pool(3, T0, 90)), T0)
        .unwrap();
    let kills = 40;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for k in 0..kills {
        let mut c = child("crash_writer_child", "writer", dir.path())
            .spawn()
            .unwrap();
        // A pseudo-random delay between 0 and 40 ms, so kills land in every phase of a write.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % 40_000));
        c.kill().unwrap();
        c.wait().unwrap();
        let s = open(dir.path()).status(T0);
        assert!(s.store_error.is_none(), "kill {k}: {:?}", s.store_error);
        assert!(s.configured, "kill {k}: the store lost its configuration");
        assert!(
            (3..23).contains(&s.pool.size),
            "kill {k}: pool of {}",
            s.pool.size
        );
    }
}

/// Child role "taker": take 40 tokens under the per-request policy, print their fingerprints.
#[test]
fn token_taker_child() {
    if std::env::var(ROLE).as_deref() != Ok("taker") {
        return;
    }
    let dir = std::path::PathBuf::from(std::env::var(DIR).unwrap());
    let f = open(&dir);
    for i in 0..40 {
        match f.acquire_token(T0 + i) {
            Ok(t) => println!(
                "TOKEN {}",
                daily_notification_core::redact::fingerprint(t.token.expose())
            ),
            Err(e) if e.code == ErrorCode::NoToken => println!("NONE"),
            Err(e) => panic!("{e}"),
        }
    }
}

#[test]
fn two_processes_taking_tokens_at_once_never_get_the_same_token() {
    if std::env::var(ROLE).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options(&pool(100, T0, 90));
    opts.token_policy = Some("perRequest".into());
    open(dir.path()).configure(&opts, T0).unwrap();
    let children: Vec<_> = (0..2)
        .map(|_| {
            child("token_taker_child", "taker", dir.path())
                .spawn()
                .unwrap()
        })
        .collect();
    // Meanwhile this process re-configures the same pool (marks carry over) and reads status.
    for _ in 0..10 {
        open(dir.path()).configure(&opts, T0).unwrap();
        assert!(open(dir.path()).status(T0).configured);
    }
    let mut seen = HashSet::new();
    let mut taken = 0;
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success());
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            // The harness prints "test token_taker_child ... " before the first line.
            assert!(
                !line.ends_with("NONE"),
                "a taker found no token with 20 left"
            );
            if let Some((_, fp)) = line.split_once("TOKEN ") {
                taken += 1;
                assert!(seen.insert(fp.to_string()), "token {fp} handed out twice");
            }
        }
    }
    assert_eq!(taken, 80, "100 tokens are enough for both");
    assert_eq!(open(dir.path()).status(T0).pool.used, 80);
}

#[test]
fn threads_sharing_one_fetcher_never_get_the_same_token() {
    if std::env::var(ROLE).is_ok() {
        return;
    }
    let store = Store::new();
    let mut opts = options(&pool(64, T0, 90));
    opts.token_policy = Some("perRequest".into());
    let f = std::sync::Arc::new(store.open());
    f.configure(&opts, T0).unwrap();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let f = f.clone();
            std::thread::spawn(move || {
                (0..16)
                    .map(|i| f.acquire_token(T0 + i).unwrap().token.expose().to_string())
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let all: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), 64);
}
