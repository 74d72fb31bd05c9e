#!/usr/bin/env bash
# The plugin's Swift, compiled here by a real Swift 6.0.3 compiler (tests/ios/swift-toolchain.sh):
#  1. every file of ios/Sources and ios/Tests is typechecked, with SIL diagnostics and -wmo (so
#     every file's errors are reported, not only the first failing file's), in the pinned Swift 5
#     mode, against the declarations of Apple's and Capacitor's APIs in tests/ios/surface;
#     0 errors passes. The Swift 6 mode's diagnostics are counted and printed, for information;
#  2. the check is fed seeded mistakes and must reject each;
#  3. the Swift that needs only Foundation and the core's C header (tests/ios/linux/README.md)
#     is linked against the host build of rust/ffi and its XCTest suite runs on Linux.
# Linux has no Objective-C runtime: `@objc` is removed from a copy, after an audit that each one
# is a form Objective-C can represent (docs/ios-build.md, "What the Swift check proves").
# Prints "ok - ..." / "FAIL - ..." lines and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/ios/swift-toolchain.sh

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; }
started=$SECONDS

PLUGIN=ios/Sources/DailyNotificationPlugin
TESTS=ios/Tests/DailyNotificationPluginTests
# The work directory lives inside the Swift root, where the compiler sees it as $IN.
IN=/tmp/dnp-swift-check.$$
W=$SWIFT_ROOT$IN
rm -rf "$W"
mkdir -p "$W"/{surface,mods,core,plugin,tests,linux,out,tmp}
trap 'rm -rf "$W"' EXIT

swiftc_in() { in_swift_root sh -c "cd $IN && TMPDIR=$IN/tmp swiftc $*"; }

# --- The @objc audit, then the copy without @objc ----------------------------------------------
# Allowed: the plugin class's `@objc(Name)` on a CAPPlugin subclass, a plugin method taking one
# CAPPluginCall, and a static method with no parameters (throwing: NSError **). Each is representable in Objective-C,
# so removing the attribute hides no error that iOS would report.
bad_objc=$(grep -rnE '@objc' "$PLUGIN" "$TESTS" --include='*.swift' \
  | grep -vE ':[0-9]+:@objc\([A-Za-z]+\)$' \
  | grep -vE ':[0-9]+: *@objc (override )?(public )?func [A-Za-z]+\(_ call: CAPPluginCall\) \{$' \
  | grep -vE ':[0-9]+: *(@MainActor )?@objc public static func [A-Za-z]+\(\)( throws)? \{$' || true)
objc_classes=$(grep -rhEA1 '^@objc\([A-Za-z]+\)$' "$PLUGIN" | grep -vE '^@objc|^--' | grep -cvE ': CAPPlugin[,{ ]' || true)
if [ -z "$bad_objc" ] && [ "$objc_classes" -eq 0 ]; then
  pass "every @objc is a form Objective-C represents (class of CAPPlugin, func(_: CAPPluginCall), static func())"
else
  echo "$bad_objc"
  fail "an @objc this check cannot vouch for (see tests/ios/swift-check.sh)"
fi
strip_objc() { sed -E 's/@objc(\([A-Za-z_]+\))? ?//' "$1" > "$2"; }
for f in "$PLUGIN"/*.swift; do strip_objc "$f" "$W/plugin/$(basename "$f")"; done
for f in "$TESTS"/*.swift; do strip_objc "$f" "$W/tests/$(basename "$f")"; done
cp tests/ios/surface/*.swift "$W/surface/"
cp rust/ffi/include/daily_notification.h "$W/core/"
# The XCFramework's module map (scripts/build-ios.sh writes the same one).
printf 'module DailyNotificationCore {\n    header "daily_notification.h"\n    export *\n}\n' > "$W/core/module.modulemap"

# --- The API surface as modules -----------------------------------------------------------------
surface_ok=1
for m in AppleFoundation UserNotifications UIKit BackgroundTasks Security Network Capacitor; do
  if ! swiftc_in -emit-module -parse-as-library -enable-library-evolution -swift-version 5 -module-name "$m" -I mods \
      -emit-module-path "mods/$m.swiftmodule" "surface/$m.swift" > "$W/out/surface-$m.log" 2>&1; then
    cat "$W/out/surface-$m.log"
    surface_ok=0
  fi
done
declarations=$(cat tests/ios/surface/*.swift | grep -cE '^\s*(public |open |weak |final |override |nonisolated |@MainActor )*(public|open) .*(func|var|let|init|class|struct|enum|protocol|typealias|case)\b|^\s*case ' || true)
if [ "$surface_ok" = 1 ]; then
  pass "the API surface compiles: $(ls tests/ios/surface/*.swift | wc -l) modules, $declarations declarations"
else
  fail "the API surface in tests/ios/surface does not compile"
fi

# Flags shared by every compile of the plugin: implicit Apple-only Foundation additions, the core's
# module map, whole-module mode.
common="-I mods -I core -Xfrontend -import-module -Xfrontend AppleFoundation -wmo"
plugin_files=$(cd "$W" && ls plugin/*.swift | tr '\n' ' ')
test_files=$(cd "$W" && ls tests/*.swift | tr '\n' ' ')

# compile_plugin MODE OUTDIR: typecheck + SIL diagnostics of the plugin module (and its module
# file, for the tests' `@testable import`). Prints the diagnostics.
compile_plugin() {
  mkdir -p "$W/$2"
  swiftc_in -emit-sil -o "$2/plugin.sil" -emit-module -emit-module-path "$2/DailyNotificationPlugin.swiftmodule" \
    -module-name DailyNotificationPlugin -parse-as-library -enable-testing -swift-version "$1" $common \
    "$3" 2>&1
}
compile_tests() {
  swiftc_in -emit-sil -o "$2/tests.sil" -module-name DailyNotificationPluginTests -parse-as-library \
    -swift-version "$1" -I "$2" $common $test_files 2>&1
}
errors_in() { grep -cE '^[^ ]+:[0-9]+:[0-9]+: error:' || true; }
warnings_in() { grep -cE '^[^ ]+:[0-9]+:[0-9]+: warning:' || true; }

# --- 1. Swift 5 mode: 0 errors -------------------------------------------------------------------
set +e
compile_plugin 5 out/swift5 "$plugin_files" > "$W/out/plugin5.log"
plugin_status=$?
compile_tests 5 out/swift5 > "$W/out/tests5.log"
tests_status=$?
set -e
plugin_errors=$(errors_in < "$W/out/plugin5.log")
tests_errors=$(errors_in < "$W/out/tests5.log")
if [ "$plugin_status" -eq 0 ] && [ "$plugin_errors" -eq 0 ]; then
  pass "Swift 5 mode: $(ls "$PLUGIN"/*.swift | wc -l) plugin files typecheck with 0 errors ($(warnings_in < "$W/out/plugin5.log") warnings)"
else
  grep -E 'error:' -A3 "$W/out/plugin5.log" | sed "s#$IN/plugin/#$PLUGIN/#" | head -60
  fail "Swift 5 mode: the plugin has $plugin_errors errors"
fi
if [ "$tests_status" -eq 0 ] && [ "$tests_errors" -eq 0 ]; then
  pass "Swift 5 mode: $(ls "$TESTS"/*.swift | wc -l) XCTest files typecheck with 0 errors ($(warnings_in < "$W/out/tests5.log") warnings)"
else
  grep -E 'error:' -A3 "$W/out/tests5.log" | sed "s#$IN/tests/#$TESTS/#" | head -60
  fail "Swift 5 mode: the XCTests have $tests_errors errors"
fi

# --- Swift 6 mode, for information --------------------------------------------------------------
set +e
compile_plugin 6 out/swift6 "$plugin_files" > "$W/out/plugin6.log"
compile_tests 6 out/swift6 > "$W/out/tests6.log"
set -e
echo "swift 6 mode (information): plugin $(errors_in < "$W/out/plugin6.log") errors, $(warnings_in < "$W/out/plugin6.log") warnings; XCTests $(errors_in < "$W/out/tests6.log") errors"
grep -hE '^[^ ]+:[0-9]+:[0-9]+: error:' "$W/out/plugin6.log" "$W/out/tests6.log" \
  | sed -E "s#^plugin/#  $PLUGIN/#; s#^tests/#  $TESTS/#" | sort -u | head -20 || true

# --- 2. Seeded mistakes: the check must reject each ----------------------------------------------
# file | what is replaced | by what | the diagnostic expected
seeded=(
  "DailyNotificationPlugin.swift|let method: String = call.methodName|let method = call.methodName|value of optional type 'String\\?' must be unwrapped"
  "Notifications.swift|removePendingNotificationRequests(withIdentifiers: ids)|removePendingNotificationRequests(identifiers: ids)|incorrect argument label"
  "BackgroundPrefetch.swift|try BGTaskScheduler.shared.submit(request)|BGTaskScheduler.shared.submit(request)|call can throw but is not marked with 'try'"
  "DailyNotificationPlugin.swift|if let router = bridge?.notificationRouter|if let router = bridge.notificationRouter|value of optional type '.*CAPBridgeProtocol.*' must be unwrapped"
)
for entry in "${seeded[@]}"; do
  IFS='|' read -r file from to expect <<< "$entry"
  if ! grep -qF -- "$from" "$W/plugin/$file"; then
    fail "seeded mistake: '$from' is not in $file any more (update the seed)"
    continue
  fi
  rm -rf "$W/seed" && mkdir -p "$W/seed" && cp "$W"/plugin/*.swift "$W/seed/"
  FROM="$from" TO="$to" perl -0pi -e 's/\Q$ENV{FROM}\E/$ENV{TO}/' "$W/seed/$file"
  set +e
  out=$(compile_plugin 5 out/seed "$(cd "$W" && ls seed/*.swift | tr '\n' ' ')" 2>&1)
  status=$?
  set -e
  # Rejected for the seeded reason: the expected error, and no other error.
  if [ "$status" -ne 0 ] && grep -qE "error: .*$expect" <<< "$out" \
      && [ "$(grep -cE '^[^ ]+:[0-9]+:[0-9]+: error:' <<< "$out")" -eq 1 ]; then
    pass "seeded mistake rejected: $file, '$to' ($expect)"
  else
    echo "$out" | head -20
    fail "seeded mistake NOT rejected: $file, '$to' (expected: $expect)"
  fi
done

# --- 3. What runs on Linux: NativeCore and friends against the real core, with XCTest -----------
bash tests/ios/linux/run.sh "$IN" "$W" && linux_status=0 || linux_status=$?
linux_summary=$(grep -oE 'Executed [0-9]+ tests?, with [0-9]+ failures?' "$W/out/linux-xctest.log" | tail -1 || true)
if [ "$linux_status" -eq 0 ] && [ -n "$linux_summary" ]; then
  pass "Linux XCTest against the real core: $linux_summary"
else
  fail "Linux XCTest against the real core (status $linux_status): ${linux_summary:-did not run}"
fi

echo "swift check: $((SECONDS - started)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
