#!/usr/bin/env bash
# Run by `npm pack` and `npm publish` (prepack): the package must carry the native core for every
# platform, or each native call fails at run time (UnsatisfiedLinkError on Android, a link error on
# iOS), and the verifier's Java component, or the app's Gradle build cannot resolve it:
#   android/src/main/jniLibs/{arm64-v8a,armeabi-v7a,x86_64}/libdaily_notification.so  (ELF, right machine)
#   android/maven/org/rustls/rustls-platform-verifier/<Cargo.lock version>/*.{aar,pom}
#   ios/Frameworks/DailyNotificationCore.xcframework  (a library XCFramework: device + simulator
#     slices, each a static library with Headers/DailyNotificationCore/{module.modulemap,daily_notification.h})
# Build them with scripts/build-android.sh (NDK) and scripts/build-ios.sh (macOS + Xcode); the
# release workflow does. DNP_PACK_FOR_TESTS_ONLY=1 lets a package without them through, loudly:
# such a package is for this repository's tests (tests/example/run.sh), never for an app.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${DNP_PACK_FOR_TESTS_ONLY:-}" = 1 ]; then
  echo "!! DNP_PACK_FOR_TESTS_ONLY=1: packing WITHOUT checking the native libraries; this package is for tests only !!" >&2
  exit 0
fi

missing=0
problem() { echo "check-native-artifacts: $*" >&2; missing=1; }

# ELF e_machine (bytes 18-19, little-endian) of each ABI: AArch64 183, ARM 40, x86-64 62.
for pair in arm64-v8a:183 armeabi-v7a:40 x86_64:62; do
  abi=${pair%%:*}
  so="android/src/main/jniLibs/$abi/libdaily_notification.so"
  if [ ! -s "$so" ]; then
    problem "missing $so: run scripts/build-android.sh"
    continue
  fi
  magic=$(od -An -N4 -tx1 "$so" | tr -d ' \n')
  [ "$magic" = 7f454c46 ] || { problem "$so is not an ELF library"; continue; }
  # Two bytes, little-endian (every Android ABI is), read one by one: BSD od has no --endian.
  lo=$(od -An -j18 -N1 -tu1 "$so" | tr -d ' \n')
  hi=$(od -An -j19 -N1 -tu1 "$so" | tr -d ' \n')
  machine=$((${lo:-0} + 256 * ${hi:-0}))
  [ "$machine" = "${pair#*:}" ] || problem "$so is built for ELF machine $machine, not $abi (${pair#*:})"
done

verifier=$(awk '/^name = "rustls-platform-verifier-android"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
repo="android/maven/org/rustls/rustls-platform-verifier/$verifier"
for ext in aar pom; do
  [ -s "$repo/rustls-platform-verifier-$verifier.$ext" ] ||
    problem "missing $repo/rustls-platform-verifier-$verifier.$ext: run scripts/fetch-verifier-maven.sh"
done

xcf=ios/Frameworks/DailyNotificationCore.xcframework
if [ ! -s "$xcf/Info.plist" ]; then
  problem "missing $xcf/Info.plist: run scripts/build-ios.sh on a Mac"
else
  grep -q '<string>libdaily_notification_ffi.a</string>' "$xcf/Info.plist" ||
    problem "$xcf is not a library XCFramework of libdaily_notification_ffi.a (rebuild with scripts/build-ios.sh)"
  for slice in ios-arm64 ios-arm64_x86_64-simulator; do
    [ -s "$xcf/$slice/libdaily_notification_ffi.a" ] || problem "missing $xcf/$slice/libdaily_notification_ffi.a"
    # The header and module map in a subdirectory named after the module (scripts/ios-core-headers.sh).
    headers="$xcf/$slice/Headers/DailyNotificationCore"
    [ -s "$headers/module.modulemap" ] || problem "missing $headers/module.modulemap"
    [ -s "$headers/daily_notification.h" ] || problem "missing $headers/daily_notification.h"
    # At the Headers root, a module map collides with any other binary target's in Xcode's shared
    # include/ directory ("Multiple commands produce .../include/module.modulemap").
    [ ! -e "$xcf/$slice/Headers/module.modulemap" ] ||
      problem "$xcf/$slice/Headers/module.modulemap is at the Headers root: rebuild with scripts/build-ios.sh (it goes in Headers/DailyNotificationCore/)"
  done
  if find "$xcf" -name '*.framework' | grep -q .; then
    problem "$xcf holds a .framework: the static library must not be wrapped (App Store rejects it, ITMS-90171)"
  fi
fi

if [ "$missing" -ne 0 ]; then
  echo "check-native-artifacts: refusing to pack a package an app cannot run (DNP_PACK_FOR_TESTS_ONLY=1 packs one for tests only)" >&2
  exit 1
fi
echo "native artifacts present: Android (arm64-v8a, armeabi-v7a, x86_64), verifier $verifier, iOS library XCFramework"
