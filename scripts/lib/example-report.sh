# shellcheck shell=bash
# Sourced by scripts/run-example-on-emulator.sh and run-example-on-simulator.sh: the example app's
# own report on its console (example/src/main.ts logs every line with the prefix "dnp-example:").

# await_example_report WHO LOG TIMEOUT [REFRESH...]: once a second runs REFRESH, if given, with its
# output written to LOG, then reads LOG. Returns 0 once the app reports the native fetcher
# configured, 1 on the app's error report or after TIMEOUT seconds with neither.
await_example_report() {
  local who=$1 log=$2 timeout=$3
  shift 3
  for _ in $(seq 1 "$timeout"); do
    if [ $# -gt 0 ]; then
      "$@" >"$log" || true
    fi
    if grep -q 'dnp-example: error:' "$log"; then
      grep 'dnp-example:' "$log" >&2
      echo "$who: the example app reported an error" >&2
      return 1
    fi
    if grep -q 'dnp-example: native fetcher: {.*"configured":true' "$log"; then
      grep 'dnp-example:' "$log"
      echo "$who: the example configured the native fetcher"
      return 0
    fi
    sleep 1
  done
  grep 'dnp-example:' "$log" >&2 || true
  echo "$who: no report from the example app in ${timeout} s" >&2
  return 1
}
