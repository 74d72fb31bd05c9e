#!/usr/bin/env bash
# npm run test:rust — formatting, clippy with warnings denied, every Rust test (the JNI crate with
# its test hooks too). Ends with "rust: N passed, N failed", summed over every test binary.
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
awk '/^test result:/ { passed += $4; failed += $6 } END { printf "rust: %d passed, %d failed\n", passed, failed }' "$log"
exit "$status"
