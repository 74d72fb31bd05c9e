#!/usr/bin/env bash
# The release preflight: what the first push of a tag depends on, checked here without GitHub's
# runners (tests/release/preflight.py lists its checks), then the checks other parts of the
# repository contribute. Run by `npm test` (tests/release/run.sh) and by hand before tagging:
#   bash tests/release/preflight.sh
# Installs its one dependency itself: PyYAML from PyPI into tests/release/build/venv.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYYAML_VERSION=6.0.3
venv=tests/release/build/venv
if ! "$venv/bin/python" -c "import sys, yaml; sys.exit(yaml.__version__ != '$PYYAML_VERSION')" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "PyYAML==$PYYAML_VERSION"
fi

status=0
"$venv/bin/python" tests/release/preflight.py . || status=1

# Hook point: the Android SDK levels, AGP, Gradle and Java compared with Capacitor's own
# (node_modules/@capacitor/android). The Android side owns that script; it runs here when present.
ANDROID_VERSIONS_CHECK=tests/android/check-versions.sh
if [ -f "$ANDROID_VERSIONS_CHECK" ]; then
  echo "== preflight: $ANDROID_VERSIONS_CHECK"
  bash "$ANDROID_VERSIONS_CHECK" || status=1
else
  echo "preflight: skipped the Android SDK levels check ($ANDROID_VERSIONS_CHECK is not in this tree)"
fi
exit "$status"
