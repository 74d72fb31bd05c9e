#!/usr/bin/env bash
# Footprint figures: sizes of the stripped release `dnp` and of the host build of the JNI library
# (libdaily_notification.so, the same code as the Android .so), and the peak resident memory of
# `dnp prefetch` against the Endorser double on loopback (HTTPS).
# Prints figures; asserts nothing (performance is measured, not tested).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/lib/ensure-rust.sh
cargo build --release --locked -q -p dnp -p endorser-double -p daily-notification-jni
work=$(mktemp -d)
trap 'kill "${double_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

size=$(stat -c %s target/release/dnp)
echo "dnp release binary (stripped by the release profile): $size bytes ($((size / 1024)) KiB)"
size=$(stat -c %s target/release/libdaily_notification.so)
echo "libdaily_notification.so, host release cdylib (stripped): $size bytes ($((size / 1024)) KiB)"

mkfifo "$work/out"
target/release/endorser-double --tls --plans 3 --ca-out "$work/ca.pem" --ignore-stdin > "$work/out" &
double_pid=$!
line=$(head -n 1 "$work/out")
base=$(printf '%s' "$line" | python3 -c 'import json,sys; print(json.load(sys.stdin)["baseUrl"])')
plans=$(printf '%s' "$line" | python3 -c 'import json,sys; print(" ".join("--plan " + p for p in json.load(sys.stdin)["planIds"]))')
did=$(target/release/dnp --store "$work/store" mint --count 100 --out "$work/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["did"])')
# shellcheck disable=SC2086
target/release/dnp --store "$work/store" configure --api "$base" --did "$did" --tokens-file "$work/tokens" $plans > /dev/null

# Peak RSS in KiB of a command; its JSON answer goes to $work/answer.json.
peak() { /usr/bin/time -f '%M' -o "$work/rss" "$@" >"$work/answer.json"; cat "$work/rss"; }
outcome() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("outcome", "?"))' "$work/answer.json"; }
for i in 1 2 3; do
  kib=$(peak target/release/dnp --store "$work/store" prefetch --json --ca-cert "$work/ca.pem")
  echo "dnp prefetch peak RSS, run $i (outcome $(outcome)): ${kib} KiB"
done
echo "dnp status peak RSS: $(peak target/release/dnp --store "$work/store" status --json) KiB"
