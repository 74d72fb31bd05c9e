#!/usr/bin/env bash
# npm run test:rust — formatting, clippy with warnings denied, every Rust test (the JNI crate with
# its test hooks too), then every fuzz target for a bounded time (tests/rust/fuzz.sh, docs/testing.md).
# Ends with "rust: N passed, N failed", summed over every test binary and fuzz target.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/lib/ensure-rust.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p daily-notification-jni --all-targets --features test-hooks --locked -- -D warnings
# The lean `dnp` (no demo, no test double) that tests/bench/cold-start.sh measures.
cargo clippy -p dnp --no-default-features --locked -- -D warnings
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --workspace --locked 2>&1 | tee "$log" || status=$?
# The fuzz targets' entry into the vault parser exists only with the `fuzzing` feature.
cargo test -p daily-notification-core --features fuzzing --locked --test vault fuzzing_entry 2>&1 |
  tee -a "$log" || status=$?
bash tests/rust/fuzz.sh 2>&1 | tee -a "$log" || status=$?
awk '/^test result:/ { passed += $4; failed += $6 }
     /^fuzz: [0-9]+ passed/ { passed += $2; failed += $4 }
     END { printf "rust: %d passed, %d failed\n", passed, failed }' "$log"
exit "$status"
