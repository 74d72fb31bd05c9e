#!/usr/bin/env bash
# Long fuzz runs (docs/testing.md): each target of fuzz/ for RUNS executions (default 10 million)
# from the committed seed corpus, on nightly with libFuzzer. Prints per target: executions, coverage
# (libFuzzer's `cov`, covered edges, and `ft`, features), corpus size, crashes, seconds. Usage:
#   bash scripts/fuzz-long.sh [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10000000}
targets=${*:-$(cd fuzz && cargo +nightly fuzz list)}
(cd fuzz && cargo +nightly fuzz build -O)
work=${FUZZ_WORK:-$(mktemp -d)}
printf '%-9s %12s %7s %7s %7s %8s %8s\n' target executions cov ft corpus crashes seconds
for t in $targets; do
  mkdir -p "$work/$t"
  start=$(date +%s)
  status=0
  (cd fuzz && cargo +nightly fuzz run -O "$t" "$work/$t" "corpus/$t" -- \
      -runs="$runs" -print_final_stats=1) >"$work/$t.log" 2>&1 || status=$?
  secs=$(( $(date +%s) - start ))
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.log" | grep -o '[0-9]*$' || echo '?')
  last=$(grep -E '^#[0-9]+' "$work/$t.log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo '?')
  ft=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo '?')
  corpus=$(find "$work/$t" -type f | wc -l)
  crashes=$(find "fuzz/artifacts/$t" -type f 2>/dev/null | wc -l)
  [ "$status" -eq 0 ] || crashes="$crashes(exit $status)"
  printf '%-9s %12s %7s %7s %7s %8s %8s\n' "$t" "$execs" "$cov" "$ft" "$corpus" "$crashes" "$secs"
done
echo "logs and grown corpora in $work"
