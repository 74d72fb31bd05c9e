//! Property tests of the selection invariants over random pools and random event sequences.

mod support;

use std::collections::HashMap;

use daily_notification_core::pool::{PoolEntry, TokenPool};
use daily_notification_core::{Secret, TokenPolicy, clock, redact};
use proptest::prelude::*;
use support::{DAY, T0};

#[derive(Debug, Clone)]
enum Event {
    /// Move the clock forward by this many seconds, then select.
    Select(i64),
    /// The server rejects the last selected token.
    Reject,
}

fn events() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec(
        prop_oneof![
            6 => (0i64..(2 * DAY)).prop_map(Event::Select),
            1 => Just(Event::Reject),
        ],
        1..120,
    )
}

/// What happens to a device between selections, for the clock properties.
#[derive(Debug, Clone)]
enum ClockEvent {
    /// Real time passes (seconds); the wall clock follows it.
    Pass(i64),
    /// Someone sets the wall clock: it now reads real time plus this offset (whole minutes).
    SetOffset(i64),
    /// The device boots with its wall clock at 1970 (plus a few seconds).
    BootAt1970(i64),
    /// The device reboots with a correct clock: the boot clock starts over.
    Reboot,
    Select,
    Reject,
}

fn clock_events() -> impl Strategy<Value = Vec<ClockEvent>> {
    prop::collection::vec(
        prop_oneof![
            4 => (1i64..(DAY + DAY / 2)).prop_map(ClockEvent::Pass),
            2 => (-3 * 24 * 60i64..3 * 24 * 60).prop_map(|m| ClockEvent::SetOffset(m * 60)),
            1 => (0i64..100_000).prop_map(ClockEvent::BootAt1970),
            1 => Just(ClockEvent::Reboot),
            6 => Just(ClockEvent::Select),
            1 => Just(ClockEvent::Reject),
        ],
        1..150,
    )
}

/// One sending: real time, wall clock reading, and whether the wall clock was right.
#[derive(Debug, Clone, Copy)]
struct Sent {
    real: i64,
    wall: i64,
}

fn make_pool(expiries_days: &[i64], policy: TokenPolicy, offset: u32) -> TokenPool {
    let entries = expiries_days
        .iter()
        .enumerate()
        .map(|(i, d)| PoolEntry::new(Secret::new(format!("token-{i}")), T0 + d * DAY / 2))
        .collect();
    TokenPool::new(entries, policy, 600, offset)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn selection_invariants_hold(
        expiries in prop::collection::vec(1i64..200, 1..40),
        per_request in any::<bool>(),
        offset in any::<u32>(),
        events in events(),
    ) {
        let policy = if per_request { TokenPolicy::PerRequest } else { TokenPolicy::PerDay };
        let mut pool = make_pool(&expiries, policy, offset);
        let mut now = T0;
        let mut first_day: HashMap<usize, i64> = HashMap::new();
        let mut rejected: Vec<usize> = Vec::new();
        let mut last: Option<usize> = None;
        let mut last_day_token: Option<(i64, usize)> = None;
        for e in events {
            match e {
                Event::Reject => {
                    if let Some(i) = last.take() {
                        let id = redact::token_id(pool.entries[i].token.expose());
                        prop_assert!(pool.mark_rejected(&id));
                        rejected.push(i);
                    }
                }
                Event::Select(dt) => {
                    now += dt;
                    let day = clock::epoch_day(now);
                    let eligible_unused = pool.entries.iter().any(|e| {
                        !e.rejected && e.first_used_day.is_none() && now < e.exp - 600
                    });
                    let current_ok = last_day_token.is_some_and(|(d, i)| {
                        d == day && !pool.entries[i].rejected && now < pool.entries[i].exp - 600
                    });
                    match pool.select(now) {
                        Some(i) => {
                            let e = &pool.entries[i];
                            prop_assert!(!rejected.contains(&i), "sent a rejected token");
                            prop_assert!(now < e.exp - 600, "sent an expired token");
                            let d0 = *first_day.entry(i).or_insert(day);
                            prop_assert_eq!(d0, day, "token first used on day {} sent on day {}", d0, day);
                            if policy == TokenPolicy::PerRequest {
                                prop_assert_eq!(e.uses, 1, "per request: a fresh token each time");
                            }
                            if policy == TokenPolicy::PerDay && current_ok {
                                prop_assert_eq!(Some(i), last_day_token.map(|(_, i)| i), "stable within the day");
                            }
                            last = Some(i);
                            last_day_token = Some((day, i));
                        }
                        None => {
                            prop_assert!(!eligible_unused, "refused although an unused token was sendable");
                            prop_assert!(policy == TokenPolicy::PerRequest || !current_ok);
                            last = None;
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn per_day_coverage_is_exactly_what_daily_selection_achieves(
        expiries in prop::collection::vec(1i64..60, 1..25),
        offset in any::<u32>(),
        start in 0i64..DAY,
    ) {
        let pool = make_pool(&expiries, TokenPolicy::PerDay, offset);
        let now = T0 + start;
        let coverage = pool.coverage_until(now);
        let mut sim = pool.clone();
        let mut last_ok = None;
        for day in 0..80 {
            let t = if day == 0 { now } else { (clock::epoch_day(now) + day) * DAY };
            if sim.select(t).is_some() {
                last_ok = Some(t);
            }
        }
        match (coverage, last_ok) {
            (None, None) => {}
            (Some(c), Some(t)) => {
                prop_assert!(c >= t, "coverage ends before a served instant");
                prop_assert!(clock::epoch_day(c) >= clock::epoch_day(t));
            }
            (c, t) => prop_assert!(false, "coverage {:?} but last served {:?}", c, t),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any sequence of clock changes, reboots and boots at 1970: with the platform's boot clock,
    /// a token is only ever sent again on the same day of the wall clock it was sent by, and
    /// within what is left of that day in real time (so with a right clock, the same real day).
    #[test]
    fn with_a_boot_clock_no_token_is_sent_on_two_days_whatever_the_wall_clock_does(
        per_request in any::<bool>(),
        offset in any::<u32>(),
        events in clock_events(),
    ) {
        clock_property(per_request, offset, events, true)?;
    }

    /// Without a boot clock (an unknown platform) the wall clock alone still never brings a token
    /// back on another wall-clock day, nor after the clock went back behind a time already seen.
    #[test]
    fn without_a_boot_clock_no_token_is_sent_after_the_clock_went_back(
        per_request in any::<bool>(),
        offset in any::<u32>(),
        events in clock_events(),
    ) {
        clock_property(per_request, offset, events, false)?;
    }
}

fn clock_property(
    per_request: bool,
    offset: u32,
    events: Vec<ClockEvent>,
    boot_clock: bool,
) -> Result<(), TestCaseError> {
    let policy = if per_request {
        TokenPolicy::PerRequest
    } else {
        TokenPolicy::PerDay
    };
    // Tokens valid for ever (by any clock here): expiry is not what is under test.
    let mut pool = TokenPool::new(
        (0..30)
            .map(|i| PoolEntry::new(Secret::new(format!("token-{i}")), i64::MAX / 2))
            .collect(),
        policy,
        600,
        offset,
    );
    let mut real = T0;
    let mut wall_offset = 0i64;
    let mut boot_start = T0 - 1000;
    let mut highest_wall = i64::MIN;
    let mut sends: HashMap<usize, Vec<Sent>> = HashMap::new();
    let mut last: Option<usize> = None;
    for e in events {
        match e {
            ClockEvent::Pass(dt) => real += dt,
            ClockEvent::SetOffset(o) => wall_offset = o,
            ClockEvent::BootAt1970(s) => {
                boot_start = real;
                wall_offset = s - real;
            }
            ClockEvent::Reboot => {
                boot_start = real;
                wall_offset = 0;
            }
            ClockEvent::Reject => {
                if let Some(i) = last.take() {
                    let id = redact::token_id(pool.entries[i].token.expose());
                    pool.mark_rejected(&id);
                }
            }
            ClockEvent::Select => {
                let wall = real + wall_offset;
                let elapsed = boot_clock.then_some(real - boot_start);
                let before_highest = highest_wall;
                highest_wall = highest_wall.max(wall);
                let Some((i, fresh)) = pool.select_at(wall, elapsed) else {
                    last = None;
                    continue;
                };
                let history = sends.entry(i).or_default();
                prop_assert_eq!(fresh, history.is_empty(), "fresh means never sent");
                if let Some(first) = history.first().copied() {
                    prop_assert!(policy == TokenPolicy::PerDay, "per request re-sent a token");
                    prop_assert_eq!(
                        clock::epoch_day(first.wall),
                        clock::epoch_day(wall),
                        "sent on two wall-clock days"
                    );
                    prop_assert!(wall >= before_highest, "re-sent after the clock went back");
                    if boot_clock {
                        let by_first_clock = first.wall + (real - first.real);
                        prop_assert_eq!(
                            clock::epoch_day(by_first_clock),
                            clock::epoch_day(first.wall),
                            "re-sent on a later day of the clock it was first sent by"
                        );
                    }
                }
                history.push(Sent { real, wall });
                last = Some(i);
            }
        }
    }
    Ok(())
}

/// Review n5: `status` counts the day's token as usable only when `select_at` would send it, so
/// after a reboot (the boot clock went back) it is not counted.
#[test]
fn health_counts_the_days_token_only_when_the_boot_clock_agrees() {
    let mut pool = TokenPool::new(
        (0..3)
            .map(|i| PoolEntry::new(Secret::new(format!("token-{i}")), T0 + 90 * DAY))
            .collect(),
        TokenPolicy::PerDay,
        600,
        0,
    );
    pool.select_at(T0, Some(5_000)).unwrap();
    let same_boot = pool.health_at(T0 + 60, Some(5_060));
    let rebooted = pool.health_at(T0 + 60, Some(30));
    assert_eq!(same_boot.usable, 3, "the day's token and two unused");
    assert_eq!(
        rebooted.usable, 2,
        "after a reboot the day's token is not sent again"
    );
    let (i, fresh) = pool.clone().select_at(T0 + 60, Some(30)).unwrap();
    assert!(fresh, "{i}: a never-sent token, as health said");
}
