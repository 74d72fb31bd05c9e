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
# A fixed directory: its path is in the RUSTFLAGS, and a new path would rebuild every crate.
work=$PWD/target/android-stand-ins
mkdir -p "$work"
: >"$work/empty.c"
for lib in c m dl log unwind; do
  clang --target=aarch64-linux-gnu -shared -nostdlib -fuse-ld=lld -o "$work/lib$lib.so" "$work/empty.c"
done
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--crates -n 30)
mapfile -t cross_env < <(generic_arm64_c_env aarch64-linux-android)
env "${cross_env[@]}" \
  CARGO_TARGET_AARCH64_LINUX_ANDROID_LINKER=clang \
  CARGO_TARGET_AARCH64_LINUX_ANDROID_RUSTFLAGS="-C link-arg=--target=aarch64-linux-gnu -C link-arg=-fuse-ld=lld -C link-arg=-nostartfiles -C link-arg=-nostdlib -C link-arg=-L$work" \
  cargo bloat --locked --profile profiling -p daily-notification-jni --lib --target aarch64-linux-android "${args[@]}"
