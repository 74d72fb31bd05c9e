//! `json::schedule`, the pure schedule facade: `{platform, zone, now, state, event}` in.
//! Properties beyond "no panic": an answer is JSON; iOS never holds more than 64 pending
//! requests, so no answer adds more; nothing is armed in the past beyond the boot grace hour.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// An alarm missed while the device was off fires at boot within this grace (the schedule's).
const GRACE_MILLIS: i64 = 3_600_000;
const IOS_PENDING_LIMIT: usize = 64;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let Ok(out) = daily_notification_core::json::schedule(input) else { return };
    let out: Value = serde_json::from_str(&out).expect("the answer is JSON");
    let now = serde_json::from_str::<Value>(input).ok().and_then(|v| v["now"].as_i64());
    let actions = out["actions"].as_array().expect("actions");
    let added = actions.iter().filter(|a| a["type"] == "addRequest").count();
    assert!(added <= IOS_PENDING_LIMIT, "{added} iOS requests");
    if let Some(now) = now {
        for a in actions {
            if matches!(a["type"].as_str(), Some("armAlarm" | "addRequest")) {
                let at = a["at"].as_i64().expect("at");
                assert!(at >= now.saturating_sub(GRACE_MILLIS), "armed at {at}, now {now}");
            }
        }
    }
});
