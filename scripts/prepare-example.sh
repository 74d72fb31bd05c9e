#!/usr/bin/env bash
# Installs the example app (example/) the way an app developer installs the plugin: `npm pack` of
# this repository (prepack: build + native-artifact check) into example/.plugin/, `npm ci` of the
# example (its package.json names that tarball), its web build, `npx cap add` of each platform the
# example lacks, the plugin's iOS integration in the generated app (scripts/add-example-ios-integration.py),
# then `npx cap sync`. Used by tests/example/run.sh here and by the Android and iOS
# workflows, so the app the device jobs build is the one checked here.
#   scripts/prepare-example.sh [android] [ios]     # default: both
#   DNP_PACK_FOR_TESTS_ONLY=1 scripts/prepare-example.sh   # pack without the native libraries
# The Capacitor 8 CLI needs Node 22: the example's devDependency `node` provides it to `npx cap`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
TARBALL=example/.plugin/timesafari-daily-notification-plugin-rs.tgz

platforms=("$@")
[ ${#platforms[@]} -gt 0 ] || platforms=(android ios)
for platform in "${platforms[@]}"; do
  case "$platform" in android | ios) ;; *) echo "prepare-example.sh: unknown platform '$platform' (android or ios)" >&2; exit 1 ;; esac
done

[ -x node_modules/.bin/tsc ] || npm ci --no-audit --no-fund

echo "== example: npm pack of the plugin"
rm -rf example/.plugin
mkdir -p example/.plugin
packed=$(npm pack --silent --pack-destination example/.plugin | tail -n 1)
mv "example/.plugin/$packed" "$TARBALL"
echo "packed $TARBALL ($(wc -c <"$TARBALL" | tr -d ' ') bytes)"

echo "== example: npm ci (the plugin from the tarball)"
cd "$ROOT/example"
# The lock pins every registry package; the plugin's entry has no integrity on purpose, so that
# npm reads the tarball just packed instead of a cached copy of an older one.
npm ci --no-audit --no-fund
npm run --silent build

for platform in "${platforms[@]}"; do
  if [ ! -d "$platform" ]; then
    echo "== example: npx cap add $platform"
    npx --no-install cap add "$platform"
  fi
done
if [[ " ${platforms[*]} " == *" ios "* ]]; then
  # The template's AppDelegate and Info.plist get the plugin's documented integration
  # (registerBackgroundTasks() at launch, the task identifier, background fetch); idempotent.
  echo "== example: the plugin's iOS integration in AppDelegate.swift and Info.plist"
  python3 "$ROOT/scripts/add-example-ios-integration.py" ios/App/App
fi
echo "== example: npx cap sync ${platforms[*]}"
for platform in "${platforms[@]}"; do
  npx --no-install cap sync "$platform"
done
