# shellcheck shell=bash
# shellcheck disable=SC2034  # did, double_pid and plan_ids are read by the sourcing script
# Sourced by test scripts that need a throw-away identity and the HTTPS Endorser double (the host
# builds of dnp and endorser-double in target/debug).
#
#   mint_tokens DIR COUNT          DIR/tokens (one JWT a line, never printed), sets `did`
#   start_endorser_double DIR      serves until the caller's fd 7 closes (so it cannot outlive
#                                  the script); sets double_pid, base_url, plan_ids, DIR/ca.pem;
#                                  returns 1 if it did not start

mint_tokens() {
  target/debug/dnp mint --count "$2" --expiry-days 30 --out "$1/tokens" > "$1/mint.json"
  did=$(grep -oE '"did": *"did:[^"]*"' "$1/mint.json" | sed -E 's/.*"(did:[^"]*)"/\1/')
}

start_endorser_double() {
  mkfifo "$1/double.stdin"
  target/debug/endorser-double --tls --ca-out "$1/ca.pem" --plans 2 \
    < "$1/double.stdin" > "$1/double.json" 2> "$1/double.err" &
  double_pid=$!
  exec 7> "$1/double.stdin"
  for _ in $(seq 1 100); do
    grep -q '"baseUrl"' "$1/double.json" 2>/dev/null && break
    sleep 0.1
  done
  base_url=$(grep -oE '"baseUrl":"[^"]*"' "$1/double.json" | cut -d'"' -f4 || true)
  plan_ids=$(grep -oE '"planIds":\[[^]]*\]' "$1/double.json" | sed 's/^"planIds"://' || true)
  [ -n "$base_url" ] || { cat "$1/double.err" >&2; echo "the Endorser double did not start" >&2; return 1; }
}
