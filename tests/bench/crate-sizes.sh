#!/usr/bin/env bash
# What each crate contributes to the aarch64-linux-android libdaily_notification.so
# (docs/benchmarks.md, "What each crate contributes"): `cargo bloat --crates` on the JNI cdylib,
# compiled for aarch64-linux-android and linked the way tests/bench/library-size.sh links it
# (Debian clang + lld against empty stand-ins of the NDK's system libraries). It uses the
# `profiling` profile (the release profile with its symbols, which cargo bloat needs; same code).
# Extra arguments go to cargo bloat, e.g. `--filter reqwest -n 40` or `-n 40` (functions).
# Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/lib/ensure-rust.sh
source tests/lib/host-tools.sh

if ! rustup target add aarch64-linux-android >/dev/null 2>&1; then
  echo "!! SKIPPED: 'rustup target add aarch64-linux-android' failed: no crate sizes" >&2
  exit 0
fi
ensure_packages "${GENERIC_ARM64_PACKAGES[@]}" ld.lld:lld
# The version installed when this was written; --locked builds it with its own Cargo.lock.
command -v cargo-bloat >/dev/null || cargo install cargo-bloat --version 0.12.1 --locked
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--crates -n 30)
mapfile -t cross_env < <(android_link_env)
env "${cross_env[@]}" \
  cargo bloat --locked --profile profiling -p daily-notification-jni --lib --target aarch64-linux-android "${args[@]}"
