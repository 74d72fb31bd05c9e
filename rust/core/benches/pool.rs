//! configure(100 tokens): validate, seal, durable write; and a cold open + select + mark used
//! (what each background request pays before it reaches the network).

use criterion::{Criterion, criterion_group, criterion_main};
use daily_notification_core::{ConfigureOptions, Fetcher, FileKeyWrapper};

#[path = "../tests/support/mod.rs"]
mod support;

fn options_100() -> ConfigureOptions {
    support::options(&support::pool(100, support::T0, 90))
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let open = || {
        Fetcher::open(
            dir.path().join("store"),
            Box::new(FileKeyWrapper::new(dir.path().join("host.kek"))),
        )
        .unwrap()
    };
    let opts = options_100();
    let f = open();
    c.bench_function("configure(100 tokens)", |b| {
        b.iter(|| f.configure(&opts, support::T0).unwrap())
    });

    // Per-request policy, so every iteration marks a fresh token and writes durably.
    let mut opts = options_100();
    opts.token_policy = Some("perRequest".into());
    let mut round = 0usize;
    c.bench_function("cold open + select + mark used", |b| {
        b.iter_batched(
            || {
                // Re-configuring the same tokens keeps their use marks: start over instead.
                if round.is_multiple_of(90) {
                    let f = open();
                    f.clear().unwrap();
                    f.configure(&opts, support::T0).unwrap();
                }
                round += 1;
            },
            |_| open().acquire_token(support::T0).unwrap(),
            criterion::BatchSize::PerIteration,
        )
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
