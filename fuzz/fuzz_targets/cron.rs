//! Cron (`M H * * *`) and `HH:MM` parsing, and the next occurrence in a zone. Properties: a
//! parsed time is a valid hour and minute; `HH:MM` round-trips; the next occurrence is strictly
//! after the instant asked about.
#![no_main]

use daily_notification_core::schedule::{DailyTime, Zone};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let at = i64::from_le_bytes(data[..8].try_into().unwrap()) % 8_000_000_000_000;
    let Ok(text) = std::str::from_utf8(&data[8..]) else { return };
    for t in [DailyTime::from_cron(text), DailyTime::from_hhmm(text)].into_iter().flatten() {
        assert!((0..24).contains(&t.hour) && (0..60).contains(&t.minute), "{t:?}");
        let again = DailyTime::from_hhmm(&format!("{:02}:{:02}", t.hour, t.minute));
        assert_eq!(again, Some(t));
        for zone in ["UTC", "Australia/Lord_Howe", "Asia/Kathmandu", "America/New_York"] {
            let zone = Zone::named(zone).unwrap();
            if let Ok(next) = t.next_after(at, &zone) {
                assert!(next > at, "{next} after {at}");
            }
        }
    }
});
