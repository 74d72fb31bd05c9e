#!/usr/bin/env bash
# Writes the headers directory of each slice of DailyNotificationCore.xcframework (used by
# scripts/build-ios.sh; checked on Linux by tests/lint/ios_packaging.py):
#   OUT/DailyNotificationCore/daily_notification.h
#   OUT/DailyNotificationCore/module.modulemap     (module DailyNotificationCore)
# The module map sits in a subdirectory named after the module, not at the root of Headers/: Xcode
# copies every library XCFramework's Headers/ into one shared include/ directory of the build, so
# two binary targets with a root module.modulemap fail the build ("Multiple commands produce
# .../include/module.modulemap"). Clang still finds it: for `import DailyNotificationCore` it
# looks in each header search path for module.modulemap and for <module name>/module.modulemap
# (clang's HeaderSearch::lookupModule), and CocoaPods puts `.../<xcframework name>/Headers` on the
# search path. See docs/ios-build.md, "Module map".
#   scripts/ios-core-headers.sh OUT
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:?usage: scripts/ios-core-headers.sh OUT}
NAME=DailyNotificationCore
HEADER=rust/ffi/include/daily_notification.h

rm -rf "${out:?}/$NAME"
mkdir -p "$out/$NAME"
cp "$HEADER" "$out/$NAME/"
cat >"$out/$NAME/module.modulemap" <<MAP
module $NAME {
  header "$(basename "$HEADER")"
  export *
}
MAP
