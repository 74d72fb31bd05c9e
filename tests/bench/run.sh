#!/usr/bin/env bash
# Every performance figure of docs/benchmarks.md: the core's criterion benchmarks (medians, and
# the prefetch/bare-request ratio), the footprint script, and the whole-process figures (cold start
# of `dnp`, of the JNI library on the JVM, the libraries' sizes and each crate's share of the Android
# one). Prints figures; asserts nothing.
# Not part of `npm test`: figures are measured, never tested. Takes about 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/lib/ensure-rust.sh
rm -rf target/criterion
cargo bench --locked -q -p daily-notification-core --bench pool --bench prefetch -- --noplot 2>&1 | grep -E 'time:|^[a-z0-9]' || true
python3 - <<'PY'
import glob, json
medians = {}
for f in sorted(glob.glob("target/criterion/**/new/estimates.json", recursive=True)):
    name = f.split("criterion/")[1].rsplit("/new/", 1)[0]
    medians[name] = json.load(open(f))["median"]["point_estimate"] / 1e6
    print(f"median {medians[name]:8.3f} ms  {name}")
for server in ("instant server", "7 ms server"):
    p, b = medians.get(f"{server}/prefetch"), medians.get(f"{server}/bare HTTP request")
    if p and b:
        print(f"ratio prefetch / bare request, {server}: {p / b:.2f}")
PY
bash tests/bench/footprint.sh
bash tests/bench/cold-start.sh
bash tests/bench/jvm-cold-start.sh
bash tests/bench/library-size.sh
bash tests/bench/crate-sizes.sh
