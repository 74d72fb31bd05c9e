#!/usr/bin/env bash
# Run by `npm publish` (prepublishOnly): the package must carry the native core for every platform,
# or each native call would fail at run time (UnsatisfiedLinkError on Android, a link error on iOS).
# Build them first with scripts/build-android.sh (NDK) and scripts/build-ios.sh (macOS + Xcode).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=0
for abi in arm64-v8a armeabi-v7a x86_64; do
  so="android/src/main/jniLibs/$abi/libdaily_notification.so"
  [ -s "$so" ] || { echo "missing $so: run scripts/build-android.sh" >&2; missing=1; }
done
plist=ios/Frameworks/DailyNotificationCore.xcframework/Info.plist
[ -s "$plist" ] || { echo "missing $plist: run scripts/build-ios.sh on a Mac" >&2; missing=1; }
[ "$missing" -eq 0 ] && echo "native artifacts present for Android (3 ABIs) and iOS"
exit "$missing"
