//! Four `Fetcher`s on one store run random operations at once (configure, prefetch, acknowledge,
//! clear, status) against the strict one-time-use double with random delays, while the simulated
//! wall clock jumps between days, forwards and back. Checked after every operation:
//! - the store opens or is absent, never corrupt (`status` shows no store error);
//! - the cursor never moves back while the store lives (a `clear` deletes it, by design);
//! - a `clear` is never undone: until a configure begins, no operation brings the store back;
//!
//! and after every round (each round runs at one simulated day):
//! - no token string reaches the server on two UTC days.
//!
//! The seed is printed; `DNP_RANDOM_SEED=<seed>` replays the same operations (the threads'
//! interleaving is the scheduler's). `DNP_RANDOM_ROUNDS` sets the number of rounds.

mod support;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use daily_notification_core::Fetcher;
use endorser_double::{EndorserDouble, Options};
use support::*;

const FETCHERS: usize = 4;
const OPS_PER_FETCHER_PER_ROUND: usize = 10;
const DEFAULT_ROUNDS: usize = 25;
/// Tokens the app mints from; each configure takes a random window of them.
const MINTED: usize = 1_000;

/// splitmix64: small, seedable, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// What the checks share, behind one lock so that their reads are ordered in time.
#[derive(Default)]
struct Watch {
    /// The largest cursor seen since the store was last cleared.
    max_cursor: Option<String>,
    /// A clear finished and no configure has begun since.
    cleared: bool,
    /// Configures in flight: one that began before a clear may finish after it.
    configuring: usize,
    /// `clear` forgets which tokens were sent (logout): the app then mints new ones, so
    /// configures after a clear take tokens from here on.
    floor: usize,
    /// One past the last minted token any configure was given.
    handed: usize,
}

struct World {
    double: EndorserDouble,
    store: Store,
    plans: Vec<String>,
    minted: Vec<String>,
    watch: Mutex<Watch>,
}

impl World {
    /// Checks the store-level invariants at this instant; `op` names the operation for the report.
    fn check(&self, f: &Fetcher, now: i64, op: &str, w: &mut Watch) {
        let s = f.status(now);
        assert!(s.store_error.is_none(), "after {op}: {:?}", s.store_error);
        if w.cleared && w.configuring == 0 {
            assert!(
                !self.store.state_file().exists(),
                "after {op}: a clear was undone"
            );
        }
        if let Some(c) = s.cursor {
            if let Some(m) = &w.max_cursor {
                assert!(c >= *m, "after {op}: the cursor moved back from {m} to {c}");
            }
            w.max_cursor = Some(c);
        }
    }

    fn configure(&self, f: &Fetcher, rng: &mut Rng, now: i64) {
        let window = {
            let mut w = self.watch.lock().unwrap();
            let start = (w.floor + rng.below(12) as usize).min(MINTED - 8);
            let n = 3 + rng.below(6) as usize;
            w.handed = w.handed.max(start + n);
            w.configuring += 1;
            w.cleared = false;
            start..start + n
        };
        let mut opts = options(&self.minted[window]);
        opts.api_base_url = self.double.base_url();
        opts.starred_plan_ids = Some(self.plans.clone());
        if rng.below(2) == 0 {
            opts.after_id = Some(BEFORE_ALL.into());
        }
        // All tokens of a window may be used up already: NO_USABLE_TOKENS is a fine answer.
        let _ = f.configure(&opts, now);
        let mut w = self.watch.lock().unwrap();
        w.configuring -= 1;
        w.cleared = false;
    }
}

fn run_fetcher(world: Arc<World>, seed: u64, now: i64, last: &mut Option<String>) -> usize {
    let f = world.store.open();
    trust(&f, &world.double);
    let mut rng = Rng(seed);
    for _ in 0..OPS_PER_FETCHER_PER_ROUND {
        let op = match rng.below(10) {
            0 => {
                world.configure(&f, &mut rng, now);
                "configure"
            }
            1..=4 => {
                world.double.set_delay(Duration::from_millis(rng.below(40)));
                let r = f.prefetch(now).unwrap();
                if r.notification.is_some() {
                    *last = r.cursor;
                }
                "prefetch"
            }
            5 | 6 => {
                if let Some(c) = last.take() {
                    let _ = f.acknowledge_delivery(&c);
                }
                "acknowledge"
            }
            7 if rng.below(3) == 0 => {
                // Cleared and recorded under the lock, so no check sees one without the other,
                // and not while a configure is in flight: one that began before a logout with
                // the old tokens is the app's race, which no store can see.
                let mut w = world.watch.lock().unwrap();
                if w.configuring > 0 {
                    "status"
                } else {
                    f.clear().unwrap();
                    w.max_cursor = None;
                    w.cleared = true;
                    w.floor = w.handed;
                    assert!(!world.store.state_file().exists());
                    "clear"
                }
            }
            _ => "status",
        };
        let mut w = world.watch.lock().unwrap();
        world.check(&f, now, op, &mut w);
    }
    OPS_PER_FETCHER_PER_ROUND
}

#[test]
fn four_fetchers_on_one_store_keep_every_invariant() {
    let seed = std::env::var("DNP_RANDOM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    let rounds = std::env::var("DNP_RANDOM_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_ROUNDS);
    println!("random_operations: seed {seed} (replay with DNP_RANDOM_SEED={seed})");
    let double = EndorserDouble::start(Options {
        tls: true,
        strict_one_time_use: true,
        ..Default::default()
    })
    .unwrap();
    let plans = (0..3)
        .map(|i| double.add_plan(&format!("Plan {i}"), "d").handle_id)
        .collect();
    let world = Arc::new(World {
        minted: live_pool(MINTED, 120),
        double,
        store: Store::new(),
        plans,
        watch: Mutex::new(Watch::default()),
    });
    let mut rng = Rng(seed);
    let mut days_of: HashMap<String, HashSet<i64>> = HashMap::new();
    let mut ops = 0;
    let mut lasts: Vec<Option<String>> = vec![None; FETCHERS];
    for round in 0..rounds {
        // The device clock: mostly forward a day or stays, sometimes back (clock games).
        let day = rng.below(20) as i64;
        let now = now() + day * DAY + rng.below(3_600) as i64;
        world.double.set_now(Some(
            SystemTime::UNIX_EPOCH + Duration::from_secs(now as u64),
        ));
        if rng.below(5) == 0 {
            let edited = world.double.plans()[rng.below(3) as usize]
                .handle_id
                .clone();
            world
                .double
                .update_plan(&edited, Some("edited"), None)
                .unwrap();
        }
        world.double.clear_requests();
        let handles: Vec<_> = (0..FETCHERS)
            .map(|i| {
                let world = Arc::clone(&world);
                let fetcher_seed = rng.next();
                let mut last = lasts[i].take();
                std::thread::spawn(move || {
                    let n = run_fetcher(world, fetcher_seed, now, &mut last);
                    (n, last)
                })
            })
            .collect();
        for (i, h) in handles.into_iter().enumerate() {
            let (n, last) = h.join().unwrap_or_else(|_| {
                panic!("round {round} failed: replay with DNP_RANDOM_SEED={seed}")
            });
            ops += n;
            lasts[i] = last;
        }
        let epoch_day = now.div_euclid(DAY);
        for r in world.double.requests() {
            if let Some(t) = r.bearer_token() {
                let days = days_of.entry(t.to_string()).or_default();
                days.insert(epoch_day);
                assert_eq!(
                    days.len(),
                    1,
                    "round {round}: a token reached the server on two days (seed {seed})"
                );
            }
        }
    }
    println!(
        "random_operations: {ops} operations by {FETCHERS} fetchers in {rounds} rounds, {} tokens sent, seed {seed}",
        days_of.len()
    );
    assert!(ops >= 1_000 || rounds < DEFAULT_ROUNDS);
}
