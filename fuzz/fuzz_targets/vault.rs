//! The vault file's layout (bytes read from disk, which another process or a broken disk wrote).
//! Property: no panic and no out-of-bounds read; a corrupt file is an error, never a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = daily_notification_core::fuzzing::vault_file(data);
});
