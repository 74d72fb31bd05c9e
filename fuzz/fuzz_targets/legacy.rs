//! The old plugin's stored starred-plan value (a JSON-array string, an array, anything an old
//! version wrote), read leniently, then filtered by the import. Properties: what the import keeps
//! is a list `updateStarredPlans` accepts, unchanged by that check (no duplicates), and every
//! value read is either kept or counted as skipped.
#![no_main]

use daily_notification_core::{config, legacy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    if let Some(old) = legacy::parse_legacy_value(&value) {
        let (ids, skipped) = legacy::usable_ids(&old);
        assert_eq!(config::check_plan_ids(&ids).ok().as_ref(), Some(&ids), "{old:?}");
        assert!(ids.len() + skipped <= old.len());
    }
});
