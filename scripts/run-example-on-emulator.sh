#!/usr/bin/env bash
# Installs and starts the example app (after scripts/prepare-example.sh android) on the running
# emulator or device, then waits for the app's own report on the console: the plugin configured
# with a pool minted by a throw-away identity and getNativeFetcherStatus answered by the native core
# (the NDK library and the AndroidKeyStore of the device). Run by .github/workflows/android.yml.
#   scripts/run-example-on-emulator.sh        # needs adb on PATH and one device
#   VARIANT=Release scripts/run-example-on-emulator.sh   # the R8 build (tests/android/example-release-r8.sh)
set -euo pipefail
# shellcheck source=scripts/lib/example-report.sh
source "$(dirname "$0")/lib/example-report.sh"
cd "$(dirname "$0")/../example/android"
APP=org.timesafari.dailynotification.example
TIMEOUT=${TIMEOUT:-90}

VARIANT=${VARIANT:-Debug}
./gradlew --no-daemon -q ":app:install${VARIANT}"
# Android 13+: the notification permission, so the app's later requestPermissions does not wait on a
# dialog (the report below comes before it either way). Older releases have no such permission.
adb shell pm grant "$APP" android.permission.POST_NOTIFICATIONS 2>/dev/null || true
adb logcat -c
adb shell am start -W -n "$APP/.MainActivity" >/dev/null

log=$(mktemp)
trap 'rm -f "$log"' EXIT
await_example_report run-example-on-emulator "$log" "$TIMEOUT" adb logcat -d -s Capacitor/Console:I
