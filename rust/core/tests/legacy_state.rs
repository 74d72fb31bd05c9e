//! The old plugin's starred plan ids, imported once through the JSON facade the platforms call
//! (`json::import_legacy_starred_plans`): imported when the plugin has none, never over the
//! app's own list, and the old key deleted only when nothing would be lost.
mod support;

use daily_notification_core::json;
use serde_json::{Value, json};
use support::{Store, T0};

const P1: &str = "https://endorser.ch/entity/01M80V4QY5VAHEENK1VFTX3P33";
const P2: &str = "https://endorser.ch/entity/01M80V4R0S68JZJ7E8FY5D8DV9";

fn import(f: &daily_notification_core::Fetcher, old: Value) -> Value {
    let out = json::import_legacy_starred_plans(f, &json!({ "starredPlanIds": old }).to_string())
        .unwrap();
    serde_json::from_str(&out).unwrap()
}

fn starred(f: &daily_notification_core::Fetcher) -> Vec<String> {
    f.starred_plans().unwrap()
}

#[test]
fn the_old_json_text_is_imported_into_an_empty_store_and_the_old_key_goes() {
    let store = Store::new();
    let f = store.open();
    // What the old plugin wrote into SharedPreferences: a JSON array as a string.
    let old = serde_json::to_string(&[P1, P2, P1]).unwrap();
    let out = import(&f, Value::String(old));
    assert_eq!(
        out,
        json!({"outcome": "imported", "imported": 2, "skipped": 0, "deleteLegacy": true})
    );
    assert_eq!(starred(&f), [P1, P2]);
    // Survives a reopen (it was written to the vault), and a later configure that passes no
    // starredPlanIds keeps it.
    let f = store.open();
    assert_eq!(starred(&f), [P1, P2]);
    let mut opts = support::options(&support::pool(3, T0, 90));
    opts.starred_plan_ids = None;
    f.configure(&opts, T0).unwrap();
    assert_eq!(starred(&f), [P1, P2]);
}

#[test]
fn a_string_set_or_array_is_imported_too() {
    let store = Store::new();
    let f = store.open();
    let out = import(&f, json!([P2]));
    assert_eq!(out["outcome"], "imported");
    assert_eq!(starred(&f), [P2]);
}

#[test]
fn the_apps_own_list_wins_and_the_old_key_still_goes() {
    let store = Store::new();
    let f = store.open();
    f.update_starred_plans(&[P2.to_string()]).unwrap();
    let out = import(&f, json!([P1]));
    assert_eq!(
        out,
        json!({"outcome": "kept_current", "imported": 0, "skipped": 0, "deleteLegacy": true})
    );
    assert_eq!(starred(&f), [P2]);
}

#[test]
fn a_second_import_never_replaces_the_first() {
    let store = Store::new();
    let f = store.open();
    assert_eq!(import(&f, json!([P1]))["outcome"], "imported");
    assert_eq!(import(&f, json!([P2]))["outcome"], "kept_current");
    assert_eq!(starred(&f), [P1]);
}

#[test]
fn an_empty_old_list_imports_nothing_and_deletes_the_key() {
    for old in [json!("[]"), json!(""), json!([]), Value::Null] {
        let store = Store::new();
        let f = store.open();
        let out = import(&f, old.clone());
        assert_eq!(out["outcome"], "empty", "{old}");
        assert_eq!(out["deleteLegacy"], true, "{old}");
        assert!(starred(&f).is_empty());
        assert!(
            !store.state_file().exists(),
            "{old}: nothing to store, nothing written"
        );
    }
}

#[test]
fn bad_ids_are_skipped_one_by_one() {
    let store = Store::new();
    let f = store.open();
    let long = "x".repeat(2049);
    let out = import(&f, json!([" ", P1, "a\nb", long, P2]));
    assert_eq!(
        out,
        json!({"outcome": "imported", "imported": 2, "skipped": 3, "deleteLegacy": true})
    );
    assert_eq!(starred(&f), [P1, P2]);
}

#[test]
fn more_than_a_thousand_old_ids_keep_the_first_thousand() {
    let store = Store::new();
    let f = store.open();
    let old: Vec<String> = (0..1005).map(|i| format!("{P1}{i}")).collect();
    let out = import(&f, json!(old));
    assert_eq!(out["imported"], 1000);
    assert_eq!(out["skipped"], 5);
    assert_eq!(starred(&f), old[..1000]);
}

#[test]
fn an_unreadable_old_value_is_left_in_place() {
    for old in [
        json!("not json"),
        json!("{\"a\":1}"),
        json!(42),
        json!(true),
        json!([1, 2]),
        json!({"planIds": [P1]}),
    ] {
        let store = Store::new();
        let f = store.open();
        let out = import(&f, old.clone());
        assert_eq!(
            out,
            json!({"outcome": "unreadable", "imported": 0, "skipped": 0, "deleteLegacy": false}),
            "{old}"
        );
        assert!(starred(&f).is_empty());
    }
}

#[test]
fn a_corrupt_store_is_reported_and_the_old_key_kept() {
    let store = Store::new();
    let f = store.open();
    f.update_starred_plans(&[P2.to_string()]).unwrap();
    let mut bytes = std::fs::read(store.state_file()).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(store.state_file(), bytes).unwrap();
    let f = store.open();
    let e = json::import_legacy_starred_plans(&f, &json!({ "starredPlanIds": [P1] }).to_string())
        .unwrap_err();
    assert_eq!(e.code, daily_notification_core::ErrorCode::StoreCorrupt);
}

#[test]
fn malformed_input_is_invalid_argument() {
    let store = Store::new();
    let f = store.open();
    for bad in ["", "[", "42", "\"text\"", "{\"starredPlanIds\": [\"a\"]"] {
        let e = json::import_legacy_starred_plans(&f, bad).unwrap_err();
        assert_eq!(
            e.code,
            daily_notification_core::ErrorCode::InvalidArgument,
            "{bad}"
        );
    }
}
