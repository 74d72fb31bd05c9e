#!/usr/bin/env bash
# Installs and starts the example app (after scripts/prepare-example.sh android) on the running
# emulator or device, then waits for the app's own report on the console: the plugin configured
# with a pool minted by a throw-away identity and getNativeFetcherStatus answered by the native core
# (the NDK library and the AndroidKeyStore of the device). Run by .github/workflows/android.yml.
#   scripts/run-example-on-emulator.sh        # needs adb on PATH and one device
set -euo pipefail
cd "$(dirname "$0")/../example/android"
APP=org.timesafari.dailynotification.example
TIMEOUT=${TIMEOUT:-90}

./gradlew --no-daemon -q :app:installDebug
# Android 13+: the notification permission, so the app's later requestPermissions does not wait on a
# dialog (the report below comes before it either way). Older releases have no such permission.
adb shell pm grant "$APP" android.permission.POST_NOTIFICATIONS 2>/dev/null || true
adb logcat -c
adb shell am start -W -n "$APP/.MainActivity" >/dev/null

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for _ in $(seq 1 "$TIMEOUT"); do
  adb logcat -d -s Capacitor/Console:I >"$log" || true
  if grep -q 'dnp-example: error:' "$log"; then
    grep 'dnp-example:' "$log" >&2
    echo "run-example-on-emulator: the example app reported an error" >&2
    exit 1
  fi
  if grep -q 'dnp-example: native fetcher: {.*"configured":true' "$log"; then
    grep 'dnp-example:' "$log"
    echo "run-example-on-emulator: the example configured the native fetcher on the device"
    exit 0
  fi
  sleep 1
done
grep 'dnp-example:' "$log" >&2 || true
echo "run-example-on-emulator: no report from the example app in ${TIMEOUT} s" >&2
exit 1
