#!/usr/bin/env bash
# The fuzz targets of fuzz/ (docs/testing.md), each run for FUZZ_SECONDS (default 15: 7 targets,
# 105 s in all) from the committed seed corpus, with libFuzzer through cargo-fuzz on nightly.
# New inputs go to a scratch corpus, never into fuzz/corpus/. A crash fails the target and leaves
# its input in fuzz/artifacts/<target>/. Ends with "fuzz: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/lib/ensure-rust.sh
seconds=${FUZZ_SECONDS:-15}
# cargo-fuzz needs nightly (-Zsanitizer, libFuzzer's coverage passes): rustup fetches it.
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null 2>&1 || cargo +nightly install cargo-fuzz --version 0.13.2 --locked
targets=$(cd fuzz && cargo +nightly fuzz list)
(cd fuzz && cargo +nightly fuzz build -O)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0
for t in $targets; do
  mkdir -p "$scratch/$t"
  if (cd fuzz && cargo +nightly fuzz run -O "$t" "$scratch/$t" "corpus/$t" -- \
        -max_total_time="$seconds" -print_final_stats=1) >"$scratch/$t.log" 2>&1; then
    passed=$((passed + 1))
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$scratch/$t.log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz $t: ok, $runs executions in ${seconds} s"
  else
    failed=$((failed + 1))
    echo "fuzz $t: FAILED (input in fuzz/artifacts/$t/)"
    tail -n 30 "$scratch/$t.log"
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
