#!/usr/bin/env bash
# Sizes of the shipped JNI library (docs/benchmarks.md): the host build of libdaily_notification.so
# (release profile, stripped) and the aarch64-linux-android one. There is no NDK here, so the
# Android library is compiled for aarch64-linux-android for real (release profile: fat LTO,
# opt-level "s", stripped) and linked by Debian's clang + lld against empty stand-ins of the
# NDK's system libraries (libc, libm, libdl, liblog, libunwind; a shared library may leave their
# symbols undefined). The NDK link of scripts/build-android.sh adds its small start files
# (crtbegin_so/crtend_so) on top. Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/lib/ensure-rust.sh
source tests/lib/host-tools.sh

cargo build --release --locked -q -p daily-notification-jni
size=$(stat -c %s target/release/libdaily_notification.so)
echo "libdaily_notification.so, host release cdylib (stripped): $size bytes ($(python3 -c "print(f'{$size / 1048576:.2f}')") MiB)"

if ! rustup target add aarch64-linux-android >/dev/null 2>&1; then
  echo "!! SKIPPED: 'rustup target add aarch64-linux-android' failed: no Android size" >&2
  exit 0
fi
ensure_packages "${GENERIC_ARM64_PACKAGES[@]}" ld.lld:lld
mapfile -t cross_env < <(android_link_env)
env "${cross_env[@]}" \
  cargo build --release --locked -q -p daily-notification-jni --target aarch64-linux-android
so=target/aarch64-linux-android/release/libdaily_notification.so
size=$(stat -c %s "$so")
exports=$(llvm-nm -D --defined-only "$so" | grep -c ' T Java_' || true)
echo "libdaily_notification.so, aarch64-linux-android release (stripped, linked here with lld): $size bytes ($(python3 -c "print(f'{$size / 1048576:.2f}')") MiB), $exports JNI exports"
