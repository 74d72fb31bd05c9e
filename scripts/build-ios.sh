#!/usr/bin/env bash
# Builds ios/Frameworks/DailyNotificationCore.xcframework from rust/ffi on a Mac with Xcode: the
# Rust core as a static framework (module DailyNotificationCore, header daily_notification.h) for
# iOS devices (arm64) and the simulator (arm64 + x86_64). See docs/ios-build.md.
#   PROFILE=debug scripts/build-ios.sh       # default: release
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)" != "Darwin" ] || ! command -v xcodebuild >/dev/null; then
  echo "build-ios.sh needs macOS with Xcode (xcodebuild, lipo); on Linux, tests/ios/run.sh only cross-checks the Rust build." >&2
  exit 1
fi

PROFILE=${PROFILE:-release}
# Capacitor 8's minimum; also what the Rust std and aws-lc objects are compiled for.
export IPHONEOS_DEPLOYMENT_TARGET=${IPHONEOS_DEPLOYMENT_TARGET:-15.0}
NAME=DailyNotificationCore
LIB=libdaily_notification_ffi.a
HEADER=rust/ffi/include/daily_notification.h
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

rm -rf "$WORK" "$OUT"
# make_framework DIR STATIC_LIB PLATFORM: a static .framework whose module map lets Swift
# `import DailyNotificationCore` in both SwiftPM and CocoaPods.
make_framework() {
  local dir=$1/$NAME.framework lib=$2 platform=$3
  mkdir -p "$dir/Headers" "$dir/Modules"
  cp "$lib" "$dir/$NAME"
  cp "$HEADER" "$dir/Headers/"
  cat > "$dir/Modules/module.modulemap" <<MAP
framework module $NAME {
  umbrella header "daily_notification.h"
  export *
}
MAP
  cat > "$dir/Info.plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>CFBundleExecutable</key><string>$NAME</string>
  <key>CFBundleIdentifier</key><string>com.timesafari.dailynotification.core</string>
  <key>CFBundleName</key><string>$NAME</string>
  <key>CFBundlePackageType</key><string>FMWK</string>
  <key>CFBundleShortVersionString</key><string>$(node -p "require('./package.json').version" 2>/dev/null || echo 0.1.0)</string>
  <key>CFBundleVersion</key><string>1</string>
  <key>CFBundleSupportedPlatforms</key><array><string>$platform</string></array>
  <key>MinimumOSVersion</key><string>$IPHONEOS_DEPLOYMENT_TARGET</string>
</dict>
</plist>
PLIST
}

make_framework "$WORK/ios" "target/$DEVICE/$PROFILE/$LIB" iPhoneOS
mkdir -p "$WORK/sim-lib"
sim_libs=()
for target in "${SIMULATORS[@]}"; do sim_libs+=("target/$target/$PROFILE/$LIB"); done
# One simulator slice holds both architectures.
lipo -create "${sim_libs[@]}" -output "$WORK/sim-lib/$LIB"
make_framework "$WORK/ios-simulator" "$WORK/sim-lib/$LIB" iPhoneSimulator

mkdir -p "$(dirname "$OUT")"
xcodebuild -create-xcframework \
  -framework "$WORK/ios/$NAME.framework" \
  -framework "$WORK/ios-simulator/$NAME.framework" \
  -output "$OUT"
echo "built $OUT ($PROFILE)"
