#!/usr/bin/env bash
# npm run test:ios — what of the iOS layer can be checked without a Mac: the C ABI (rust/ffi) from
# a C program under valgrind against the HTTPS Endorser double, the committed header's freshness,
# the Swift sources' drift from the header and the bridge contract, the Rust cross build for
# aarch64-apple-ios, and the Swift itself: typechecked against declarations of Apple's and
# Capacitor's APIs, and its Foundation-only part run with XCTest on Linux (tests/ios/swift-check.sh,
# docs/ios-build.md).
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/lib/ensure-rust.sh
source tests/lib/host-tools.sh
source tests/lib/endorser-double.sh

CBINDGEN_VERSION=0.29.4
HEADER=rust/ffi/include/daily_notification.h
BUILD=tests/ios/build
SWIFT=ios/Sources/DailyNotificationPlugin
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; }
# Shows a sub-check's output but its last "N passed, N failed" line, and adds that line to the
# counts; a sub-check that printed none did not finish ($2 names it, $3 is its exit status), and
# the function returns 1.
add_counts() {
  local summary
  grep -vE '^[0-9]+ passed, [0-9]+ failed$' "$1" || true
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -1 || true)
  if [ -n "$summary" ]; then
    passed=$((passed + $(echo "$summary" | cut -d' ' -f1)))
    failed=$((failed + $(echo "$summary" | cut -d' ' -f3)))
  else
    fail "$2 did not finish (status $3)"
    return 1
  fi
}

work=$(mktemp -d)
double_pid=
cleanup() {
  exec 7>&- 2>/dev/null || true
  if [ -n "$double_pid" ]; then kill "$double_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- Tools a fresh machine lacks (CI runs as root) --------------------------------------------
packages=(gcc:gcc gcc:libc6-dev valgrind:valgrind jq:jq)
# The iOS cross check compiles the core's C (ring) with clang against generic arm64 headers.
[ "$(uname -s)" != Linux ] || packages+=("${GENERIC_ARM64_PACKAGES[@]}")
ensure_packages "${packages[@]}"
CBINDGEN="${CARGO_HOME:-$HOME/.cargo}/bin/cbindgen"
if ! "$CBINDGEN" --version 2>/dev/null | grep -qx "cbindgen $CBINDGEN_VERSION"; then
  echo "installing cbindgen $CBINDGEN_VERSION with cargo install" >&2
  cargo install --locked --quiet cbindgen --version "$CBINDGEN_VERSION"
fi

# --- Host build --------------------------------------------------------------------------------
cargo build --locked -p daily-notification-ffi -p endorser-double -p dnp

# --- The committed header is what cbindgen makes of the sources now ----------------------------
"$CBINDGEN" --quiet --config rust/ffi/cbindgen.toml --crate daily-notification-ffi \
  --output "$work/daily_notification.h" rust/ffi
if diff -u "$HEADER" "$work/daily_notification.h" > "$work/header.diff"; then
  pass "$HEADER is up to date with rust/ffi/src"
else
  cat "$work/header.diff"
  fail "$HEADER is stale: regenerate it with the command in rust/ffi/cbindgen.toml and commit it"
fi

# --- Drift: Swift against the header, the C test against the header, Swift against the bridge --
header_fns=$(grep -oE '\bdnp_[a-z_]+\(' "$HEADER" | tr -d '(' | sort -u)
swift_fns=$(grep -rhoE '\bdnp_[a-z_]+\(' "$SWIFT" | tr -d '(' | sort -u)
unknown=$(comm -13 <(echo "$header_fns") <(echo "$swift_fns"))
if [ -z "$unknown" ]; then pass "the Swift sources call only functions the header declares"; else fail "Swift calls undeclared functions: $unknown"; fi
untested=$(comm -23 <(echo "$header_fns") <(grep -oE '\bdnp_[a-z_]+\(' tests/ios/ffi_test.c | tr -d '(' | sort -u))
if [ -z "$untested" ]; then pass "the C test calls every function of the header"; else fail "functions the C test never calls: $untested"; fi

contract_methods=$(node -e '
  const c = require("./tests/web/bridge-contract.json");
  for (const [name, m] of Object.entries(c.methods)) console.log(name);' | sort -u)
swift_methods=$(grep -oE 'CAPPluginMethod\(name: "[A-Za-z]+"' "$SWIFT/DailyNotificationPlugin.swift" | cut -d'"' -f2 | sort -u)
if [ "$contract_methods" = "$swift_methods" ]; then
  pass "the Swift plugin declares exactly the methods of tests/web/bridge-contract.json"
else
  diff <(echo "$contract_methods") <(echo "$swift_methods") || true
  fail "the Swift plugin's methods differ from tests/web/bridge-contract.json (< contract, > Swift)"
fi
no_func=""
for m in $swift_methods; do
  grep -qE "@objc (override public )?func $m\(_ call: CAPPluginCall\)" "$SWIFT/DailyNotificationPlugin.swift" || no_func="$no_func $m"
done
if [ -z "$no_func" ]; then pass "every declared Swift method has its @objc func"; else fail "declared without an @objc func:$no_func"; fi
if grep -q 'jsName = "DailyNotification"' "$SWIFT/DailyNotificationPlugin.swift"; then
  pass "the Swift plugin's jsName is DailyNotification"
else
  fail "the Swift plugin's jsName is not DailyNotification"
fi

# --- Cross build for iOS ----------------------------------------------------------------------
if rustup target list --installed 2>/dev/null | grep -qx aarch64-apple-ios || rustup target add aarch64-apple-ios; then
  ios_env=()
  if [ "$(uname -s)" != Darwin ]; then
    # No Apple SDK here: the C is compiled as generic arm64 (tests/lib/host-tools.sh), and
    # SDKROOT points the build scripts' Apple SDK lookup at those headers.
    mapfile -t ios_env < <(generic_arm64_c_env aarch64-apple-ios)
    ios_env+=(SDKROOT=/usr/aarch64-linux-gnu)
  fi
  if env "${ios_env[@]}" cargo build --locked --quiet --target aarch64-apple-ios -p daily-notification-ffi; then
    pass "cargo build --target aarch64-apple-ios -p daily-notification-ffi"
  else
    fail "cargo build --target aarch64-apple-ios -p daily-notification-ffi"
  fi
else
  echo "!!! SKIPPED: rustup cannot add aarch64-apple-ios; the iOS cross build was NOT checked !!!" >&2
fi

# --- The C ABI under valgrind against the Endorser double -------------------------------------
mkdir -p "$BUILD"
gcc -std=c11 -Wall -Wextra -Wpedantic -Werror -g -I rust/ffi/include tests/ios/ffi_test.c \
  target/debug/libdaily_notification_ffi.a -lpthread -ldl -lm -o "$BUILD/ffi_test"

# Three tokens of a throw-away identity; the file stays in $work and is never printed.
mint_tokens "$work" 3
start_endorser_double "$work" || true

mkdir -p "$work/stores"
# tests/vectors/schedule.json as dnp_schedule requests, one per line (the C test answers each).
jq -c '.vectors[] | {platform: "ios", zone, now: ((.now | fromdateiso8601) * 1000), state: null,
  event: {type: .call, options}}' tests/vectors/schedule.json > "$work/schedule-requests"
set +e
DNP_TEST_SCHEDULE_REQUESTS="$work/schedule-requests" DNP_TEST_SCHEDULE_ANSWERS="$work/schedule-answers" \
  DNP_TEST_WORK_DIR="$work/stores" DNP_TEST_BASE_URL="$base_url" DNP_TEST_PLAN_IDS="$plan_ids" \
  DNP_TEST_CA_FILE="$work/ca.pem" DNP_TEST_TOKENS_FILE="$work/tokens" DNP_TEST_DID="$did" \
  valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
  --suppressions=tests/ios/valgrind.supp --num-callers=40 \
  --log-file="$work/valgrind.log" "$BUILD/ffi_test" > "$work/c-test.out" 2>&1
status=$?
set -e
c_test_finished=true
add_counts "$work/c-test.out" "the C test" "$status" || c_test_finished=false

# Each answer of dnp_schedule against its vector's expectation (the projection the Rust, Java and
# TypeScript suites make too).
vector_count=$(jq '.vectors | length' tests/vectors/schedule.json)
mismatches=$(jq -rn --slurpfile answers "$work/schedule-answers" --slurpfile doc tests/vectors/schedule.json '
  $doc[0].vectors as $v | range(0; $v | length) as $i | $v[$i] as $e | ($answers[$i] // {}) as $a
  | (if $a.error then {error: {code: $a.error.code, message: $a.error.message}}
     else ({}
       + (if $e.expect.config then {config: $a.status.dual.config, nextFetchAt: $a.status.dual.nextFetchAt,
                                    nextNotificationAt: $a.status.dual.nextNotificationAt} else {} end)
       + (if $e.expect.reminder then {reminder: $a.status.reminders[0],
                                      nextNotificationAt: $a.status.notifications.nextNotificationAt} else {} end))
     end) as $got
  | select($got != $e.expect) | "  \($e.name): got \($got | tojson)"' 2>&1 || echo "  the answers could not be read")
if [ -z "$mismatches" ] && [ "$(wc -l < "$work/schedule-answers" 2>/dev/null || echo 0)" -eq "$vector_count" ]; then
  pass "tests/vectors/schedule.json: all $vector_count vectors match through dnp_schedule"
else
  echo "$mismatches"
  fail "tests/vectors/schedule.json: vectors differ through dnp_schedule"
fi

# The iOS requests the vectors name (iosRequest: the DST reminder's dailyAt), through dnp_schedule.
ios_mismatches=$(jq -rn --slurpfile answers "$work/schedule-answers" --slurpfile doc tests/vectors/schedule.json '
  $doc[0].vectors as $v | range(0; $v | length) as $i | $v[$i] as $e | select($e.iosRequest)
  | ([($answers[$i].actions // [])[] | select(.type == "addRequest")][0] // {}) as $add
  | ($e.iosRequest | with_entries(.value = $add[.key])) as $got
  | select($got != $e.iosRequest) | "  \($e.name): got \($got | tojson)"' 2>&1 || echo "  the answers could not be read")
ios_requests=$(jq '[.vectors[] | select(.iosRequest)] | length' tests/vectors/schedule.json)
if [ -z "$ios_mismatches" ] && [ "$ios_requests" -gt 0 ]; then
  pass "tests/vectors/schedule.json: $ios_requests iosRequest expectations hold through dnp_schedule"
else
  echo "$ios_mismatches"
  fail "tests/vectors/schedule.json: iosRequest expectations differ through dnp_schedule"
fi

echo "valgrind:"
grep -E '^==[0-9]+== +(definitely lost|indirectly lost|possibly lost|still reachable|ERROR SUMMARY):' "$work/valgrind.log" | sed 's/^==[0-9]*== */  /'
if [ "$status" -eq 99 ]; then
  grep -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall param|.*definitely lost|.*indirectly lost)' -A12 "$work/valgrind.log" | head -80
  fail "valgrind: no definite or indirect leak, no invalid access (see above)"
elif $c_test_finished && grep -q 'ERROR SUMMARY: 0 errors' "$work/valgrind.log"; then
  pass "valgrind: no definite or indirect leak, no invalid access"
else
  fail "valgrind did not report a clean run"
fi

# --- The Swift, compiled and its Linux part run (tests/ios/swift-check.sh) -------------------
set +e
bash tests/ios/swift-check.sh > "$work/swift.out" 2>&1
swift_status=$?
set -e
add_counts "$work/swift.out" "the Swift check" "$swift_status" || true

# No part of a token (payload or signature segment) in anything the C test printed.
awk -F. 'NF == 3 { print $2; print $3 }' "$work/tokens" > "$work/token-pieces"
if [ ! -s "$work/token-pieces" ]; then
  fail "token scan: no minted tokens to look for"
elif grep -F -q -f "$work/token-pieces" "$work/c-test.out" "$work/valgrind.log" "$work/swift.out"; then
  fail "token scan: a token appears in the C or Swift tests' output"
else
  pass "token scan: no token in the C or Swift tests' output"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
