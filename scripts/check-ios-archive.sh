#!/usr/bin/env bash
# Checks an .xcarchive of an app that uses the plugin for what App Store Connect rejects in binary
# packaging, without Apple credentials (run by .github/workflows/ios.yml on macOS; the workflow also
# runs Apple's own `altool --validate-app` when App Store Connect secrets are configured):
#  - every bundle under App.app/Frameworks is a framework whose executable is a dynamic library
#    (a static one there is ITMS-90171: what a .framework wrapped around the core's .a caused);
#  - no static library (.a) and no XCFramework is copied into the app;
#  - the core's framework of the old layout (DailyNotificationCore.framework) is not embedded;
#  - every Mach-O file in the app is built for arm64 devices only (no simulator slice);
#  - each embedded framework's Info.plist names an executable that exists, and a MinimumOSVersion;
#  - the plugin's privacy manifest is in the app (in the resource bundle SwiftPM or CocoaPods makes
#    for it) with the content of ios/Sources/DailyNotificationPlugin/PrivacyInfo.xcprivacy: App Store
#    Connect reads the manifests in the app's bundles (ITMS-91053 when a required reason is missing).
#   scripts/check-ios-archive.sh path/to/App.xcarchive
set -euo pipefail

archive=${1:?usage: scripts/check-ios-archive.sh path/to/App.xcarchive}
apps=("$archive"/Products/Applications/*.app)
app=${apps[0]}
[ -d "$app" ] || { echo "check-ios-archive: no app in $archive/Products/Applications" >&2; exit 1; }

problems=0
problem() { echo "check-ios-archive: $*" >&2; problems=$((problems + 1)); }
plist_value() { /usr/libexec/PlistBuddy -c "Print :$2" "$1" 2>/dev/null || true; }

if [ -d "$app/Frameworks" ]; then
  for bundle in "$app"/Frameworks/*; do
    [ -e "$bundle" ] || continue
    case "$bundle" in
      *.framework)
        exe=$(plist_value "$bundle/Info.plist" CFBundleExecutable)
        if [ -z "$exe" ] || [ ! -f "$bundle/$exe" ]; then
          problem "$bundle: Info.plist names no existing CFBundleExecutable"
          continue
        fi
        [ -n "$(plist_value "$bundle/Info.plist" MinimumOSVersion)" ] || problem "$bundle: Info.plist has no MinimumOSVersion"
        file -b "$bundle/$exe" | grep -q 'dynamically linked shared library' ||
          problem "$bundle/$exe is not a dynamic library (ITMS-90171): $(file -b "$bundle/$exe")"
        ;;
      *.dylib) ;;
      *) problem "$bundle: unexpected item in Frameworks/" ;;
    esac
  done
fi
[ ! -e "$app/Frameworks/DailyNotificationCore.framework" ] || problem "DailyNotificationCore.framework is embedded: the core must be a library XCFramework, linked, not embedded"

while IFS= read -r -d '' found; do
  problem "$found: a static library or XCFramework inside the app"
done < <(find "$app" \( -name '*.a' -o -name '*.xcframework' \) -print0)

while IFS= read -r -d '' macho; do
  if file -b "$macho" | grep -q 'Mach-O'; then
    archs=$(lipo -archs "$macho" 2>/dev/null || true)
    [ "$archs" = arm64 ] || problem "$macho: architectures '$archs', expected arm64 only"
  fi
done < <(find "$app" -type f -perm -u+x -print0)

# The same property list (compared parsed: a build may rewrite the format), in some bundle.
manifest="$(cd "$(dirname "$0")/.." && pwd)/ios/Sources/DailyNotificationPlugin/PrivacyInfo.xcprivacy"
found_manifest=
while IFS= read -r -d '' candidate; do
  if python3 -c 'import plistlib, sys; sys.exit(plistlib.load(open(sys.argv[1], "rb")) != plistlib.load(open(sys.argv[2], "rb")))' \
    "$candidate" "$manifest" 2>/dev/null; then
    found_manifest=$candidate
  fi
done < <(find "$app" -name PrivacyInfo.xcprivacy -path '*.bundle/*' -print0)
[ -n "$found_manifest" ] ||
  problem "the plugin's privacy manifest is not in any bundle of the app (Package.swift resources, the podspec's resource_bundles)"

if [ "$problems" -ne 0 ]; then
  echo "check-ios-archive: $problems problem(s) in $app" >&2
  exit 1
fi
echo "check-ios-archive: $app passes the binary packaging checks"
