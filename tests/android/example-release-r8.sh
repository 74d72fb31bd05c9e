#!/usr/bin/env bash
# Turns the example app (after scripts/prepare-example.sh android) into a minified release build:
# R8 with minifyEnabled and shrinkResources, signed with the debug key so that it installs on an
# emulator, and Capacitor's console logging on in release (loggingBehavior "production") so that
# scripts/run-example-on-emulator.sh can read the app's report. A release APK that reports the
# native fetcher configured proves that android/consumer-rules.pro keeps every class, method and
# field the Rust core reaches over JNI (NativeCore's natives, NativeCoreException, KeyWrapper,
# the verifier's org.rustls classes) and that the small icon survives resource shrinking.
# Run by .github/workflows/android.yml (job "example-release").
#   tests/android/example-release-r8.sh      # edits example/android/app; then ./gradlew assembleRelease
set -euo pipefail
cd "$(dirname "$0")/../../example/android"

gradle_file=app/build.gradle
config=app/src/main/assets/capacitor.config.json
if [ ! -f "$gradle_file" ] || [ ! -f "$config" ]; then
  echo "example-release-r8: run scripts/prepare-example.sh android first ($gradle_file, $config)" >&2
  exit 1
fi

# The Capacitor CLI's template has exactly this release block (tests/android/check-versions.sh reads
# the same template); anything else means the template changed and this edit must be looked at.
if ! grep -q "^ *minifyEnabled false$" "$gradle_file"; then
  echo "example-release-r8: no 'minifyEnabled false' in $gradle_file: the Capacitor app template changed" >&2
  exit 1
fi
sed -i -E "s/^( *)minifyEnabled false$/\1minifyEnabled true\n\1shrinkResources true\n\1signingConfig signingConfigs.debug/" "$gradle_file"
# The optimizing default rules, as a release app would use them.
sed -i "s/getDefaultProguardFile('proguard-android.txt')/getDefaultProguardFile('proguard-android-optimize.txt')/" "$gradle_file"
grep -q "shrinkResources true" "$gradle_file" || { echo "example-release-r8: editing $gradle_file failed" >&2; exit 1; }

node -e '
const fs = require("fs");
const path = process.argv[1];
const config = JSON.parse(fs.readFileSync(path, "utf8"));
config.loggingBehavior = "production";
fs.writeFileSync(path, JSON.stringify(config, null, 2) + "\n");
' "$config"
echo "example-release-r8: $gradle_file release = R8 + shrinkResources (debug-signed); console logging on in release"
