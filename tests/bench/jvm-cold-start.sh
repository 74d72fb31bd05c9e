#!/usr/bin/env bash
# Cold start of the JNI library on the host JVM (docs/benchmarks.md, "Whole processes"): in a fresh
# `java` process each run, System.loadLibrary (NativeCore's static initialiser), NativeCore.init,
# the first status and the first prefetch (no changes, the Endorser double on loopback http), with
# the release libdaily_notification.so. Medians of RUNS processes, and the whole process's wall
# time. Prints figures; asserts nothing. JNI_DIR=DIR measures the libdaily_notification.so in DIR
# instead (another build, to compare).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/lib/ensure-rust.sh
source tests/lib/host-tools.sh
ensure_packages javac:openjdk-17-jdk-headless mvn:maven python3:python3

RUNS=${RUNS:-15}
JNI_DIR=$(realpath "${JNI_DIR:-target/release}")
work=$(mktemp -d)
trap 'kill "${double_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== building the release JNI library (alone, as the Android build does) and the tools"
cargo build --release --locked -q -p daily-notification-jni
# The tools (the double, `dnp mint`) in the profiling profile, shared with cold-start.sh.
cargo build --profile profiling --locked -q -p dnp -p endorser-double
tools=target/profiling

# NativeCore's signatures name android.content.Context: compile against the real framework jar
# (Maven Central, as tests/android does); at run time Context is never loaded (null is passed).
mvn -q -B -Dstyle.color=never -f tests/android/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/deps.txt" >/dev/null
android_all=$(tr ':' '\n' <"$work/deps.txt" | grep -E '/android-all-[0-9][^/]*\.jar$' | head -n 1)
[ -n "$android_all" ] || {
  echo "jvm-cold-start: android-all not found in the Maven classpath" >&2
  exit 1
}
src=android/src/main/java/com/timesafari/dailynotification
javac --release 17 -nowarn -d "$work/classes" -cp "$android_all" \
  "$src/NativeCore.java" "$src/KeyWrapper.java" "$src/NativeCoreException.java" tests/bench/jvm/ColdStart.java
java_run() {
  java -Djava.library.path="$JNI_DIR" -cp "$work/classes" \
    com.timesafari.dailynotification.ColdStart "$@"
}

mkfifo "$work/out"
"$tools/endorser-double" --plans 3 --ignore-stdin >"$work/out" &
double_pid=$!
line=$(head -n 1 "$work/out")
did=$("$tools/dnp" --store "$work/mint" mint --count 100 --out "$work/tokens" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["did"])')
python3 - "$line" "$did" "$work/tokens" >"$work/options.json" <<'PY'
import json, sys
double, did, tokens = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
print(json.dumps({"apiBaseUrl": double["baseUrl"], "activeDid": did,
                  "jwtTokens": open(tokens).read().split(), "starredPlanIds": double["planIds"]}))
PY
# Configure, and a first prefetch that sees the three new plans: the measured ones see no change.
java_run setup "$work/store" "$work/options.json"

python3 - "$RUNS" "$JNI_DIR" "$work/classes" "$work/store" <<'PY'
import json, statistics, subprocess, sys, time
runs, lib, classes, store = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
cmd = ["java", f"-Djava.library.path={lib}", "-cp", classes,
       "com.timesafari.dailynotification.ColdStart", "run", store]
phases, walls, outcomes = {}, [], set()
for _ in range(runs):
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout
    walls.append((time.perf_counter() - start) * 1000)
    figures = json.loads(out)
    outcomes.add(figures.pop("outcome"))
    for name, value in figures.items():
        phases.setdefault(name, []).append(value)
print(f"JVM cold start, medians of {runs} fresh processes (outcomes: {', '.join(sorted(outcomes))}):")
for name, values in phases.items():
    print(f"  {name:12} {statistics.median(values):8.2f} ms")
print(f"  {'native sum':12} {statistics.median([sum(v) for v in zip(*phases.values())]):8.2f} ms")
print(f"  {'whole java':12} {statistics.median(walls):8.2f} ms (JVM start and exit included)")
PY
