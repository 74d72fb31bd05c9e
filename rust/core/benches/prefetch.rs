//! A prefetch against the Endorser double on loopback versus a bare HTTP request with the same
//! body to the same server: what the core adds (token selection and marks, two durable vault
//! writes, parsing, the notification) on top of the request itself. Run with the double answering
//! at once, and with 7 ms of server time (the latency seen from the real server on loopback).

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use daily_notification_core::{ConfigureOptions, Fetcher, FileKeyWrapper, Outcome, Secret};
use endorser_double::{EndorserDouble, Options};

const DAY: i64 = 86_400;

#[path = "../tests/support/mod.rs"]
mod support;

fn bench(c: &mut Criterion) {
    let double = EndorserDouble::start(Options {
        record_limit: 0,
        ..Options::default()
    })
    .unwrap();
    let plans: Vec<String> = (0..3)
        .map(|i| double.add_plan(&format!("Plan {i}"), "x").handle_id)
        .collect();
    let now = daily_notification_core::clock::now();
    let did = "did:ethr:0x000000000000000000000000000000000000dEaD";
    // The app's pool: 100 tokens, 90-day expiry.
    let tokens: Vec<Secret> = (0..100)
        .map(|i| {
            Secret::new(support::jwt(
                did,
                now,
                now + 90 * DAY,
                &format!("bench-{i}"),
            ))
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let f = Fetcher::open(
        dir.path().join("store"),
        Box::new(FileKeyWrapper::new(dir.path().join("k"))),
    )
    .unwrap();
    let opts = ConfigureOptions {
        api_base_url: double.base_url(),
        active_did: did.into(),
        jwt_tokens: Some(tokens.clone()),
        starred_plan_ids: Some(plans.clone()),
        ..ConfigureOptions::default()
    };
    f.configure(&opts, now).unwrap();
    let body = serde_json::json!({"planIds": plans, "afterId": "0"}).to_string();
    // The core's own TLS set-up (ring, lazy trust roots): reqwest is built without a provider.
    let client = reqwest::blocking::Client::builder()
        .tls_backend_preconfigured(daily_notification_core::tls::client_config(&[]).unwrap())
        .build()
        .unwrap();
    let bare = || {
        let r = client
            .post(double.report_url())
            .bearer_auth(tokens[0].expose())
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .unwrap();
        assert_eq!(r.status(), 200);
        r.bytes().unwrap()
    };

    for (label, delay) in [("instant server", 0u64), ("7 ms server", 7)] {
        double.set_delay(Duration::from_millis(delay));
        let mut group = c.benchmark_group(label);
        group.bench_function("bare HTTP request", |b| b.iter(bare));
        // Each iteration is a new day: a fresh token is selected and marked, as in the field.
        // The pool is replaced (untimed) before it runs out.
        let mut day = 0i64;
        group.bench_function("prefetch", |b| {
            b.iter_batched(
                || {
                    day += 1;
                    if day == 89 {
                        f.clear().unwrap();
                        f.configure(&opts, now).unwrap();
                        day = 0;
                    }
                    now + day * DAY
                },
                |t| {
                    let r = f.prefetch(t).unwrap();
                    assert!(
                        matches!(r.outcome, Outcome::Ok | Outcome::NoChanges),
                        "{:?}",
                        r.message
                    );
                },
                criterion::BatchSize::PerIteration,
            )
        });
        group.finish();
        f.clear().unwrap();
        f.configure(&opts, now).unwrap();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
