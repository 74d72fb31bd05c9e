#!/usr/bin/env bash
# Builds ios/Frameworks/DailyNotificationCore.xcframework from rust/ffi on a Mac with Xcode: the
# Rust core as a library XCFramework (static libdaily_notification_ffi.a, and in
# Headers/DailyNotificationCore/ the header daily_notification.h and a module map for module
# DailyNotificationCore) for iOS devices (arm64)
# and the simulator (arm64 + x86_64). See docs/ios-build.md.
#   PROFILE=debug scripts/build-ios.sh       # default: release
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)" != "Darwin" ] || ! command -v xcodebuild >/dev/null; then
  echo "build-ios.sh needs macOS with Xcode (xcodebuild, lipo); on Linux, tests/ios/run.sh only cross-checks the Rust build." >&2
  exit 1
fi

PROFILE=${PROFILE:-release}
# Capacitor 8's minimum; also what the Rust std and ring objects are compiled for.
export IPHONEOS_DEPLOYMENT_TARGET=${IPHONEOS_DEPLOYMENT_TARGET:-15.0}
NAME=DailyNotificationCore
LIB=libdaily_notification_ffi.a
OUT=ios/Frameworks/$NAME.xcframework
WORK=target/ios-framework
DEVICE=aarch64-apple-ios
SIMULATORS=(aarch64-apple-ios-sim x86_64-apple-ios)

rustup target add "$DEVICE" "${SIMULATORS[@]}"
cargo_flags=(--locked -p daily-notification-ffi)
[ "$PROFILE" = release ] && cargo_flags+=(--release)
for target in "$DEVICE" "${SIMULATORS[@]}"; do
  cargo build "${cargo_flags[@]}" --target "$target"
done

# The privacy manifest must declare every required-reason API the shipped library imports (App Store
# Connect rejects the upload otherwise, ITMS-91053); tests/lint/run.sh runs the same check on Linux.
rustup component add llvm-tools
python3 scripts/check-privacy-manifest.py ios/Sources/DailyNotificationPlugin/PrivacyInfo.xcprivacy \
  --swift ios/Sources/DailyNotificationPlugin --rust rust/core/src --rust rust/ffi/src \
  --binary "target/$DEVICE/$PROFILE/$LIB"

rm -rf "$WORK" "$OUT"
# One headers directory for both slices: the C header and a module map in Headers/$NAME/, so Swift
# can `import DailyNotificationCore` from SwiftPM (binary target) and CocoaPods (vendored
# XCFramework) without colliding with another binary target's module map (see the script).
mkdir -p "$WORK/headers" "$WORK/sim-lib"
scripts/ios-core-headers.sh "$WORK/headers"
sim_libs=()
for target in "${SIMULATORS[@]}"; do sim_libs+=("target/$target/$PROFILE/$LIB"); done
# One simulator slice holds both architectures.
lipo -create "${sim_libs[@]}" -output "$WORK/sim-lib/$LIB"

# A library XCFramework (static .a + headers per slice), not a .framework wrapped around the .a:
# Xcode embeds a framework-shaped binary target into the app, and App Store validation rejects a
# bundle in Frameworks/ whose binary is static (ITMS-90171). A library is linked, never embedded.
mkdir -p "$(dirname "$OUT")"
xcodebuild -create-xcframework \
  -library "target/$DEVICE/$PROFILE/$LIB" -headers "$WORK/headers" \
  -library "$WORK/sim-lib/$LIB" -headers "$WORK/headers" \
  -output "$OUT"
echo "built $OUT ($PROFILE):"
find "$OUT" -type f | sort | sed 's/^/  /'
