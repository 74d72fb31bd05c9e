#!/usr/bin/env bash
# npm run test:release — the release preflight on this repository (tests/release/preflight.sh:
# workflow paths and artifacts, the tarball listing, one version everywhere, pinned toolchains and
# actions, the publish job), then each preflight check on a mistake seeded into a copy of the
# repository (tests/release/seeded_mistakes.py), which it must catch.
# Ends with "release: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."

passed=0
failed=0

echo "== release: preflight on this repository"
if bash tests/release/preflight.sh; then
  passed=$((passed + 1))
else
  echo "release: FAILED the preflight" >&2
  failed=$((failed + 1))
fi

echo "== release: each preflight check catches a seeded mistake"
# preflight.sh has installed PyYAML into the venv by now.
set +e
output=$(tests/release/build/venv/bin/python tests/release/seeded_mistakes.py)
status=$?
set -e
echo "$output"
counts=$(echo "$output" | sed -n 's/^seeded mistakes: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p')
if [ -z "$counts" ]; then
  echo "release: FAILED seeded_mistakes.py printed no counts (exit $status)" >&2
  failed=$((failed + 1))
else
  read -r seeded_passed seeded_failed <<<"$counts"
  passed=$((passed + seeded_passed))
  failed=$((failed + seeded_failed))
fi

echo "release: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
