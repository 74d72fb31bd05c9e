#!/usr/bin/env bash
# npm run test:web — build the package, check the README API section is what docgen generates,
# type-check the app-usage example against the built types, run the vitest suite and print its
# counts as "web: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."

# `npm test` runs `npm ci` first (pretest); a direct `npm run test:web` on a fresh clone needs it too.
if [ ! -x node_modules/.bin/vitest ] || [ ! -x node_modules/.bin/docgen ]; then
  npm ci --no-audit --no-fund
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "== web: build (tsc + rollup into dist/)"
npm run --silent build

echo "== web: README API section up to date with src-ts/definitions.ts (docgen)"
# docgen rewrites only the <docgen-index>/<docgen-api> blocks; run it on a copy so the check never
# touches the working tree, then compare.
cp README.md "$tmp/README.md"
npx --no-install docgen --project tsconfig.docgen.json --api DailyNotificationPlugin \
  --output-readme "$tmp/README.md" --silent
if ! diff -u README.md "$tmp/README.md" >"$tmp/readme.diff"; then
  head -n 60 "$tmp/readme.diff" >&2
  echo "README.md API section is out of date: run 'npm run docgen' and commit README.md" >&2
  exit 1
fi

echo "== web: type-check tests and the app-usage example against dist/esm/index.d.ts"
npx --no-install tsc -p tests/web/tsconfig.json

echo "== web: vitest"
status=0
npx --no-install vitest run --config tests/web/vitest.config.mts \
  --reporter=default --reporter=json --outputFile.json="$tmp/vitest.json" || status=$?
if [ -s "$tmp/vitest.json" ]; then
  # shellcheck disable=SC2016 # a JavaScript template literal, not a shell expansion
  node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`web: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  ' "$tmp/vitest.json"
else
  echo "web: 0 passed, 1 failed"
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
