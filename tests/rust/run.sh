#!/usr/bin/env bash
# npm run test:rust — formatting, clippy with warnings denied, every Rust test.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/lib/ensure-rust.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
