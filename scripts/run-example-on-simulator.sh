#!/usr/bin/env bash
# Installs and starts the example app (built for the simulator into DERIVED_DATA) on an iOS
# simulator, then waits for the app's own report on its console: the plugin configured with a pool
# minted by a throw-away identity and getNativeFetcherStatus answered by the Rust core through the
# library XCFramework and the Keychain. Run by .github/workflows/ios.yml (macOS only).
#   scripts/run-example-on-simulator.sh SIMULATOR_UDID DERIVED_DATA
set -euo pipefail
# shellcheck source=scripts/lib/example-report.sh
source "$(dirname "$0")/lib/example-report.sh"
udid=${1:?usage: scripts/run-example-on-simulator.sh SIMULATOR_UDID DERIVED_DATA}
derived=${2:?usage: scripts/run-example-on-simulator.sh SIMULATOR_UDID DERIVED_DATA}
APP=org.timesafari.dailynotification.example
TIMEOUT=${TIMEOUT:-120}
app="$derived/Build/Products/Debug-iphonesimulator/App.app"
[ -d "$app" ] || { echo "run-example-on-simulator: no $app (build the example for the simulator first)" >&2; exit 1; }

xcrun simctl boot "$udid" 2>/dev/null || true # already booted is fine
xcrun simctl bootstatus "$udid" -b >/dev/null
xcrun simctl install "$udid" "$app"

log=$(mktemp)
# Capacitor prints the WebView's console to the app's stdout, which --console-pty forwards.
xcrun simctl launch --console-pty --terminate-running-process "$udid" "$APP" >"$log" 2>&1 &
launcher=$!
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  xcrun simctl terminate "$udid" "$APP" 2>/dev/null || true
  kill "$launcher" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

await_example_report run-example-on-simulator "$log" "$TIMEOUT"
