#!/usr/bin/env bash
# Called by tests/ios/swift-check.sh with IN (the work directory as the Swift root sees it) and W
# (the same directory from here), after it copied the plugin's sources (without @objc) to W/plugin
# and the core's header and module map to W/core. Needs the host build of rust/ffi, dnp and
# endorser-double (tests/ios/run.sh builds them). See README.md. The XCTest log is
# W/out/linux-xctest.log; exits with the test binary's status.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source tests/ios/swift-toolchain.sh
IN=$1
W=$2
L=$W/linux
mkdir -p "$L/lib" "$L/hooks" "$L/stores"

cp target/debug/libdaily_notification_ffi.a "$L/lib/"
cp tests/ios/linux/StringFreeCounter.{h,c} tests/ios/linux/module.modulemap "$L/hooks/"
cp tests/ios/linux/NativeCoreTests.swift "$L/"
# XCTest on Linux has no Objective-C discovery: a main file lists the suite's tests, read from
# the source so none is left out.
tests=$(grep -oE 'func test[A-Za-z0-9_]+\(\)' tests/ios/linux/NativeCoreTests.swift | sed -E 's/func (test[A-Za-z0-9_]+)\(\)/("\1", NativeCoreTests.\1),/')
cat > "$L/main.swift" <<SWIFT
import XCTest
extension NativeCoreTests {
    static var allTests: [(String, (NativeCoreTests) -> () throws -> Void)] { [
$tests
    ] }
}
XCTMain([testCase(NativeCoreTests.allTests)])
SWIFT

# The Endorser double (HTTPS, one-time-use tokens) on loopback, for as long as fd 7 is open.
double_pid=
cleanup() {
  exec 7>&- 2>/dev/null || true
  [ -z "$double_pid" ] || kill "$double_pid" 2>/dev/null || true
}
trap cleanup EXIT
target/debug/dnp mint --count 5 --expiry-days 30 --out "$L/tokens" > "$L/mint.json"
did=$(grep -oE '"did": *"did:[^"]*"' "$L/mint.json" | sed -E 's/.*"(did:[^"]*)"/\1/')
mkfifo "$L/double.stdin"
target/debug/endorser-double --tls --ca-out "$L/ca.pem" --plans 2 \
  < "$L/double.stdin" > "$L/double.json" 2> "$L/double.err" &
double_pid=$!
exec 7> "$L/double.stdin"
for _ in $(seq 1 100); do
  grep -q '"baseUrl"' "$L/double.json" 2>/dev/null && break
  sleep 0.1
done
base_url=$(grep -oE '"baseUrl":"[^"]*"' "$L/double.json" | cut -d'"' -f4 || true)
plan_ids=$(grep -oE '"planIds":\[[^]]*\]' "$L/double.json" | sed 's/^"planIds"://' || true)
[ -n "$base_url" ] || { cat "$L/double.err" >&2; echo "the Endorser double did not start" >&2; exit 1; }

# The plugin's Foundation-only files as they are, the suite, the hook; linked against the core.
in_swift_root sh -c "cd $IN/linux && export TMPDIR=$IN/tmp && clang -c -O1 -o hooks/StringFreeCounter.o hooks/StringFreeCounter.c && \
  swiftc -swift-version 5 -I $IN/core -I hooks -o native-core-tests \
    $IN/plugin/NativeCore.swift $IN/plugin/KeyWrapperBridge.swift $IN/plugin/PrefetchResult.swift \
    NativeCoreTests.swift main.swift hooks/StringFreeCounter.o -L lib -ldaily_notification_ffi \
    -Xlinker --wrap=dnp_string_free -lm" > "$W/out/linux-build.log" 2>&1 \
  || { cat "$W/out/linux-build.log"; exit 1; }

set +e
in_swift_root env DNP_TEST_BASE_URL="$base_url" DNP_TEST_PLAN_IDS="$plan_ids" DNP_TEST_DID="$did" \
  DNP_TEST_CA_FILE="$IN/linux/ca.pem" DNP_TEST_TOKENS_FILE="$IN/linux/tokens" \
  "$IN/linux/native-core-tests" > "$W/out/linux-xctest.log" 2>&1
status=$?
set -e
# The suite's lines, without the per-test start lines.
grep -vE "^Test Case '.*' started" "$W/out/linux-xctest.log" || true
# No part of a token (payload or signature) in anything the suite printed.
awk -F. 'NF == 3 { print $2; print $3 }' "$L/tokens" > "$L/token-pieces"
if grep -F -q -f "$L/token-pieces" "$W/out/linux-xctest.log" "$W/out/linux-build.log"; then
  echo "a token appears in the Linux XCTest output" >&2
  exit 1
fi
exit "$status"
