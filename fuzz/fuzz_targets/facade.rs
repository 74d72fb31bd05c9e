//! The JSON facade over one store: `configure`, `acknowledgeDelivery`, `updateStarredPlans`,
//! `importLegacyStarredPlans`, `setHttpSettings` (the first byte picks one, the rest is the input).
//! Properties: no panic; an error is never INTERNAL and never echoes a token given as input.
#![no_main]

use std::sync::OnceLock;

use daily_notification_core::{ErrorCode, Fetcher, FileKeyWrapper, json};
use libfuzzer_sys::fuzz_target;

const NOW: i64 = 1_795_327_200;

fn fetcher() -> &'static Fetcher {
    static F: OnceLock<(tempfile::TempDir, Fetcher)> = OnceLock::new();
    &F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let f = Fetcher::open(
            dir.path().join("store"),
            Box::new(FileKeyWrapper::new(dir.path().join("host.kek"))),
        )
        .unwrap();
        f.use_boot_clock(false);
        (dir, f)
    })
    .1
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(input) = std::str::from_utf8(rest) else { return };
    let f = fetcher();
    let result = match which % 5 {
        0 => json::configure(f, input, NOW),
        1 => json::acknowledge_delivery(f, input),
        2 => json::update_starred_plans(f, input),
        3 => json::import_legacy_starred_plans(f, input),
        _ => json::set_http_settings(f, input),
    };
    if let Err(e) = result {
        assert_ne!(e.code, ErrorCode::Internal, "{}", e.message);
        // A JWT-looking value in the input never comes back in the message.
        for piece in input.split(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c))) {
            if piece.len() >= 40 && piece.starts_with("eyJ") {
                assert!(!e.message.contains(piece), "the message echoes a token");
            }
        }
    }
});
