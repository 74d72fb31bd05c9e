#!/usr/bin/env bash
# npm run test:example — the example app (example/) as a new app developer sets it up, with the
# real Capacitor 8 CLI: the plugin packed with `npm pack` (test-only: this machine has no NDK and no
# Xcode, so no native libraries), installed from the tarball, `npx cap add android`,
# `npx cap add ios` and `npx cap sync` from scratch. Then checks that the plugin is registered for
# Android (capacitor.plugins.json, the Gradle module) and iOS (the SPM package, the AppDelegate's
# registerBackgroundTasks() and the Info.plist keys), that the app's code
# type-checks against the installed package, and what the package carries.
# Ends with "example: N passed, N failed". The device workflows build and run the same app.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
EX="$ROOT/example"
PKG_NAME=@timesafari/daily-notification-plugin-rs
INSTALLED="$EX/node_modules/$PKG_NAME"
TARBALL="$EX/.plugin/timesafari-daily-notification-plugin-rs.tgz"

passed=0
failed=0
check() {
  local name=$1
  shift
  if "$@"; then
    echo "ok: $name"
    passed=$((passed + 1))
  else
    echo "FAILED: $name" >&2
    failed=$((failed + 1))
  fi
}

# From scratch: what `cap add` writes is the point of the test.
rm -rf "$EX/android" "$EX/ios"
started=$(date +%s)
DNP_PACK_FOR_TESTS_ONLY=1 bash scripts/prepare-example.sh android ios
echo "example: pack, install, cap add and sync took $(($(date +%s) - started)) s"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. npm installed the tarball just packed, not a cached older one.
installed_is_tarball() {
  tar -xzf "$TARBALL" -C "$tmp" package/package.json package/dist/esm/index.js &&
    cmp -s "$tmp/package/dist/esm/index.js" "$INSTALLED/dist/esm/index.js" &&
    cmp -s "$tmp/package/package.json" "$INSTALLED/package.json"
}
check "the example's node_modules holds the tarball just packed" installed_is_tarball

# 2. The lock pins the registry packages but not the tarball's hash (see prepare-example.sh).
lock_has_no_plugin_integrity() {
  node -e '
    const lock = require(process.argv[1]);
    const entry = lock.packages["node_modules/" + process.argv[2]];
    process.exit(entry && entry.resolved === "file:.plugin/timesafari-daily-notification-plugin-rs.tgz" && !entry.integrity ? 0 : 1);
  ' "$EX/package-lock.json" "$PKG_NAME"
}
check "example/package-lock.json names the tarball without an integrity hash" lock_has_no_plugin_integrity

# 3. Android: Capacitor registers the plugin class and includes the plugin's Gradle module.
android_plugin_registered() {
  node -e '
    const plugins = require(process.argv[1]);
    const ok = plugins.some((p) => p.pkg === process.argv[2] && p.classpath === "com.timesafari.dailynotification.DailyNotificationPlugin");
    if (!ok) console.error(JSON.stringify(plugins));
    process.exit(ok ? 0 : 1);
  ' "$EX/android/app/src/main/assets/capacitor.plugins.json" "$PKG_NAME"
}
check "android: capacitor.plugins.json lists DailyNotificationPlugin" android_plugin_registered
android_module_included() {
  grep -q "include ':timesafari-daily-notification-plugin-rs'" "$EX/android/capacitor.settings.gradle" &&
    grep -q "node_modules/$PKG_NAME/android" "$EX/android/capacitor.settings.gradle" &&
    grep -q "implementation project(':timesafari-daily-notification-plugin-rs')" "$EX/android/app/capacitor.build.gradle"
}
check "android: the plugin's Gradle module is included and a dependency of the app" android_module_included

# 4. iOS: Capacitor's SPM package (CapApp-SPM) depends on the plugin's package and product.
ios_spm_package_references_plugin() {
  local manifest="$EX/ios/App/CapApp-SPM/Package.swift"
  grep -q "node_modules/$PKG_NAME\"" "$manifest" &&
    grep -q '.product(name: "TimesafariDailyNotificationPluginRs", package: "TimesafariDailyNotificationPluginRs")' "$manifest"
}
check "ios: CapApp-SPM/Package.swift references the plugin's package and product" ios_spm_package_references_plugin
ios_plugin_class_registered() {
  # Capacitor 8 lists the plugin classes it found for the iOS app in capacitor.config.json.
  grep -q '"DailyNotificationPlugin"' "$EX/ios/App/App/capacitor.config.json"
}
check "ios: capacitor.config.json lists DailyNotificationPlugin in packageClassList" ios_plugin_class_registered

# 4b. iOS: the documented integration (docs/ios-build.md, section 2) is in the generated app, still
#     after `cap sync` (scripts/add-example-ios-integration.py, run by prepare-example.sh).
APP_DIR="$EX/ios/App/App"
ios_app_delegate_registers_tasks() {
  # The import, and the call inside application(_:didFinishLaunchingWithOptions:) before it returns.
  python3 - "$APP_DIR/AppDelegate.swift" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
body = re.search(r"didFinishLaunchingWithOptions[^{]*\{(.*?)\n    \}", text, re.S)
ok = ("\nimport DailyNotificationPlugin\n" in text and body is not None
      and "DailyNotificationPlugin.registerBackgroundTasks()" in body.group(1).split("return true")[0])
sys.exit(0 if ok else 1)
PY
}
check "ios: AppDelegate imports DailyNotificationPlugin and calls registerBackgroundTasks() at launch" ios_app_delegate_registers_tasks
ios_info_plist_has_background_keys() {
  python3 - "$APP_DIR/Info.plist" <<'PY'
import plistlib, sys
info = plistlib.load(open(sys.argv[1], "rb"))
ok = ("com.timesafari.dailynotification.prefetch" in info.get("BGTaskSchedulerPermittedIdentifiers", [])
      and "fetch" in info.get("UIBackgroundModes", []))
sys.exit(0 if ok else 1)
PY
}
check "ios: Info.plist permits the prefetch task and background fetch" ios_info_plist_has_background_keys
ios_integration_is_idempotent() {
  cp -R "$APP_DIR" "$tmp/App" &&
    python3 "$ROOT/scripts/add-example-ios-integration.py" "$tmp/App" &&
    cmp -s "$APP_DIR/AppDelegate.swift" "$tmp/App/AppDelegate.swift" &&
    cmp -s "$APP_DIR/Info.plist" "$tmp/App/Info.plist" &&
    [ "$(grep -c 'registerBackgroundTasks()' "$tmp/App/AppDelegate.swift")" = 1 ]
}
check "ios: a second run of the integration step changes nothing" ios_integration_is_idempotent

# 5. The installed package: the manifests name the XCFramework the prepack check requires, and
#    Gradle gets the verifier's local Maven repository from the plugin's own script.
binary_paths_agree() {
  local xcf=ios/Frameworks/DailyNotificationCore.xcframework
  grep -q "path: \"$xcf\"" "$INSTALLED/Package.swift" &&
    grep -q "vendored_frameworks = '$xcf'" "$INSTALLED/TimesafariDailyNotificationPluginRs.podspec" &&
    grep -q "xcf=$xcf" "$ROOT/scripts/check-native-artifacts.sh"
}
check "ios: Package.swift, the podspec and the pack check name the same XCFramework" binary_paths_agree
privacy_manifest_shipped() {
  # In the installed package, at the path both manifests name (SwiftPM: relative to the target's
  # path; CocoaPods: relative to the package root), and a property list.
  local manifest=ios/Sources/DailyNotificationPlugin/PrivacyInfo.xcprivacy
  grep -q 'path: "ios/Sources/DailyNotificationPlugin",' "$INSTALLED/Package.swift" &&
    grep -q 'resources: \[.copy("PrivacyInfo.xcprivacy")\]' "$INSTALLED/Package.swift" &&
    grep -q "resource_bundles = { '[A-Za-z_]*' => \['$manifest'\] }" "$INSTALLED/TimesafariDailyNotificationPluginRs.podspec" &&
    python3 -c 'import plistlib, sys; plistlib.load(open(sys.argv[1], "rb"))' "$INSTALLED/$manifest"
}
check "ios: the package ships PrivacyInfo.xcprivacy through SwiftPM resources and a CocoaPods resource bundle" privacy_manifest_shipped
gradle_registers_local_maven() {
  grep -q "file('maven')" "$INSTALLED/android/build.gradle" &&
    grep -q 'jniLibs' "$INSTALLED/android/build.gradle"
}
check "android: the plugin's build.gradle registers android/maven and checks jniLibs" gradle_registers_local_maven

# 6. The package asks for the Node the Capacitor CLI it is used with asks for.
engines_match_cli() {
  # shellcheck disable=SC2016 # a JavaScript template literal, not a shell expansion
  node -e '
    const plugin = require(process.argv[1] + "/package.json").engines.node;
    const cli = require(process.argv[2] + "/package.json").engines.node;
    if (plugin !== cli) console.error(`plugin engines.node ${plugin}, @capacitor/cli ${cli}`);
    process.exit(plugin === cli ? 0 : 1);
  ' "$INSTALLED" "$EX/node_modules/@capacitor/cli"
}
check "the package's engines.node is the Capacitor CLI's" engines_match_cli

# 7. The example's code type-checks against the installed package's types.
example_typechecks() { (cd "$EX" && npx --no-install tsc --noEmit -p tsconfig.json); }
check "the example app type-checks against the installed package" example_typechecks

echo "example: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
