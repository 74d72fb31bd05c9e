//! The encrypted store: round trip, tamper detection, wrong or lost keys, clear.

mod support;

use daily_notification_core::{ErrorCode, Fetcher, FileKeyWrapper, KeyWrapper};
use support::*;

#[test]
fn state_round_trips_through_a_cold_open_and_is_never_plaintext() {
    let store = Store::new();
    let tokens = pool(20, T0, 90);
    let r = store.open().configure(&options(&tokens), T0).unwrap();
    let s = store.open().status(T0);
    assert!(s.configured && !s.needs_configure);
    assert_eq!(s.pool.size, 20);
    assert_eq!(s.active_did.as_deref(), Some(DID));
    assert_eq!(s.coverage_until, r.coverage_until);
    assert_eq!(s.starred_plan_ids, 1);
    let bytes = std::fs::read(store.state_file()).unwrap();
    assert_eq!(&bytes[..4], b"DNPV");
    let text = String::from_utf8_lossy(&bytes);
    for t in &tokens {
        for part in t.split('.') {
            assert!(!text.contains(part), "a token part is stored in plaintext");
        }
    }
    assert!(!text.contains(DID) && !text.contains("endorser"));
}

#[test]
fn every_flipped_byte_of_the_store_is_detected_as_a_typed_error() {
    let store = Store::new();
    store
        .open()
        .configure(&options(&pool(3, T0, 90)), T0)
        .unwrap();
    let original = std::fs::read(store.state_file()).unwrap();
    for i in 0..original.len() {
        let mut tampered = original.clone();
        tampered[i] ^= 0x01;
        std::fs::write(store.state_file(), &tampered).unwrap();
        let s = store.open().status(T0);
        let code = s.store_error.map(|e| e.code);
        assert!(
            matches!(
                code,
                Some(
                    ErrorCode::StoreCorrupt
                        | ErrorCode::StoreUnsupportedVersion
                        | ErrorCode::KeyUnavailable
                )
            ),
            "byte {i}: {code:?}"
        );
        assert!(s.needs_configure && !s.configured);
    }
    for len in [0, 3, 20, original.len() - 1] {
        std::fs::write(store.state_file(), &original[..len]).unwrap();
        assert!(
            store.open().status(T0).needs_configure,
            "truncated to {len}"
        );
    }
    std::fs::write(store.state_file(), &original).unwrap();
    assert!(
        store.open().status(T0).configured,
        "the untouched file still opens"
    );
}

#[test]
fn a_wrong_or_lost_key_means_key_unavailable_and_configure_recovers() {
    let store = Store::new();
    store
        .open()
        .configure(&options(&pool(3, T0, 90)), T0)
        .unwrap();
    let other = tempfile::tempdir().unwrap();
    let wrong = Fetcher::open(
        store.store_dir(),
        Box::new(FileKeyWrapper::new(other.path().join("other.kek"))),
    )
    .unwrap();
    // Another key file exists but cannot open this data key.
    FileKeyWrapper::new(other.path().join("other.kek"))
        .wrap(&[0u8; 32])
        .unwrap();
    let s = wrong.status(T0);
    assert_eq!(
        s.store_error.map(|e| e.code),
        Some(ErrorCode::KeyUnavailable)
    );
    assert_eq!(
        wrong.prefetch(T0).unwrap().outcome,
        daily_notification_core::Outcome::NotConfigured
    );
    assert_eq!(
        wrong.acquire_token(T0).unwrap_err().code,
        ErrorCode::KeyUnavailable
    );

    // The platform invalidated the key (Keystore): same result, then configure starts over.
    std::fs::remove_file(store.key_file()).unwrap();
    let f = store.open();
    assert_eq!(
        f.status(T0).store_error.map(|e| e.code),
        Some(ErrorCode::KeyUnavailable)
    );
    let r = f.configure(&options(&pool(4, T0, 90)), T0).unwrap();
    assert_eq!(r.accepted, 4);
    assert_eq!(store.open().status(T0).pool.size, 4);
}

#[test]
fn a_newer_format_is_reported_as_unsupported() {
    let store = Store::new();
    store
        .open()
        .configure(&options(&pool(1, T0, 90)), T0)
        .unwrap();
    let mut bytes = std::fs::read(store.state_file()).unwrap();
    bytes[4] = 2;
    std::fs::write(store.state_file(), &bytes).unwrap();
    let e = store.open().status(T0).store_error.unwrap();
    assert_eq!(e.code, ErrorCode::StoreUnsupportedVersion);
}

#[test]
fn clear_deletes_the_store_and_the_wrapping_key() {
    let store = Store::new();
    let f = store.open();
    f.configure(&options(&pool(2, T0, 90)), T0).unwrap();
    f.update_starred_plans(&["https://endorser.ch/entity/X".into()])
        .unwrap();
    assert!(store.key_file().exists());
    f.clear().unwrap();
    assert!(!store.state_file().exists());
    assert!(!store.key_file().exists(), "logout deletes the key too");
    let s = store.open().status(T0);
    assert!(!s.configured && s.store_error.is_none());
    assert_eq!(store.open().starred_plans().unwrap(), Vec::<String>::new());
    store.open().clear().unwrap();
}

#[test]
fn starred_plans_are_stored_without_a_configuration() {
    let store = Store::new();
    let f = store.open();
    let stored = f
        .update_starred_plans(&[
            "https://endorser.ch/entity/A".into(),
            "https://endorser.ch/entity/A".into(),
        ])
        .unwrap();
    assert_eq!(stored, vec!["https://endorser.ch/entity/A".to_string()]);
    assert_eq!(store.open().starred_plans().unwrap(), stored);
    assert_eq!(
        f.update_starred_plans(&["".into()]).unwrap_err().code,
        ErrorCode::InvalidPlanId
    );
    assert_eq!(
        store.open().starred_plans().unwrap(),
        stored,
        "a rejected update changes nothing"
    );
}

/// The fuzz target's entry (`fuzzing::vault_file`, built only with the `fuzzing` feature) says
/// yes to a file the vault wrote and no to that file cut short or with another magic: run with
/// `cargo test -p daily-notification-core --features fuzzing`.
#[cfg(feature = "fuzzing")]
#[test]
fn the_fuzzing_entry_tells_a_written_vault_file_from_a_broken_one() {
    use daily_notification_core::fuzzing::vault_file;
    let store = Store::new();
    store
        .open()
        .configure(&options(&pool(2, T0, 90)), T0)
        .unwrap();
    let bytes = std::fs::read(store.state_file()).unwrap();
    assert!(vault_file(&bytes));
    assert!(!vault_file(&bytes[..20]), "cut inside the header");
    let mut other = bytes.clone();
    other[..4].copy_from_slice(b"XXXX");
    assert!(!vault_file(&other));
}
