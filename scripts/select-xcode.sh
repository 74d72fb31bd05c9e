#!/usr/bin/env bash
# Selects the Xcode named by XCODE_VERSION (set once, in .github/workflows/ios.yml) on a GitHub macOS
# runner, so the XCFramework, the tests and the archive never depend on the image's default Xcode.
# The runner images install each Xcode as /Applications/Xcode_<version>.app (actions/runner-images,
# images/macos/macos-26-arm64-Readme.md, "Xcode" table). Stops with the installed list if it is absent.
#   XCODE_VERSION=26.4.1 scripts/select-xcode.sh
set -euo pipefail
version=${XCODE_VERSION:?select-xcode.sh: set XCODE_VERSION (e.g. 26.4.1)}
app="/Applications/Xcode_${version}.app"
if [ ! -d "$app" ]; then
  echo "select-xcode.sh: $app is not on this runner; installed:" >&2
  ls -d /Applications/Xcode*.app >&2 || true
  echo "Pick one of them in XCODE_VERSION (.github/workflows/ios.yml)." >&2
  exit 1
fi
sudo xcode-select --switch "$app/Contents/Developer"
xcodebuild -version
