#!/usr/bin/env bash
# Cold-start figures (docs/benchmarks.md, "Whole processes"): a WorkManager prefetch or an iOS
# background refresh usually starts in a process that was not running, which the in-process
# criterion benchmarks cannot see. Against the Endorser double on loopback plain HTTP:
#  1. `dnp prefetch` (no changes) vs `curl` posting the same request: medians and the pairwise
#     median ratio (each run of one is paired with a run of the other, order alternating);
#  2. `dnp configure` (100 tokens) vs `dnp status`: the same;
#  3. instructions of one `dnp prefetch` under `valgrind --tool=callgrind`: the process, and the
#     core's own functions (self cost of `daily_notification_core::*`), each beside its budget;
#  4. peak RSS and context switches of one `dnp prefetch` (`/usr/bin/time -v`);
#  5. 1 and 2 again with the store on tmpfs (/dev/shm), where fsync costs nothing: what remains
#     when the durable vault writes (two per prefetch, one per configure) are taken out.
# The measured `dnp` is the lean build (`--no-default-features`: no demo, no test double, no
# minter), in the `profiling` profile (the release profile with symbols, for callgrind); so are
# the tools (the double, and `dnp mint` for the pool).
# Prints figures; asserts nothing (performance is measured, not tested). RUNS=N sets the pairs.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/lib/ensure-rust.sh
source tests/lib/host-tools.sh
ensure_packages curl:curl valgrind:valgrind /usr/bin/time:time python3:python3

RUNS=${RUNS:-41}
# Budgets (issue 12): the process, and the core's share within it (its entry points and what they
# call: the vault's JSON and AES-GCM, the request), measured at 4.55 million.
PROCESS_BUDGET=15000000
CORE_BUDGET=5000000

work=$(mktemp -d)
trap 'kill "${double_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== building (profiling profile): dnp with its demo tools and the double, then the lean dnp"
cargo build --profile profiling --locked -q -p dnp -p endorser-double
cp target/profiling/dnp "$work/dnp-tools"
cp target/profiling/endorser-double "$work/endorser-double"
cargo build --profile profiling --locked -q -p dnp --no-default-features
cp target/profiling/dnp "$work/dnp"

mkfifo "$work/out"
"$work/endorser-double" --plans 3 --ignore-stdin >"$work/out" &
double_pid=$!
line=$(head -n 1 "$work/out")
base=$(printf '%s' "$line" | python3 -c 'import json,sys; print(json.load(sys.stdin)["baseUrl"])')
mapfile -t plans < <(printf '%s' "$line" | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["planIds"]))')
plan_args=()
for p in "${plans[@]}"; do plan_args+=(--plan "$p"); done
did=$("$work/dnp-tools" --store "$work/mint" mint --count 100 --out "$work/tokens" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["did"])')

dnp() { "$work/dnp" --store "$work/store" "$@"; }
dnp configure --api "$base" --did "$did" --tokens-file "$work/tokens" "${plan_args[@]}" >/dev/null
# The first prefetch sees the three new plans; every later one is the "no changes" case measured.
dnp prefetch --json >/dev/null
cursor=$(dnp status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["cursor"])')
# curl sends what the core sends: the same path, headers and JSON body, with a token of the pool.
python3 - "$cursor" "${plans[@]}" >"$work/body.json" <<'PY'
import json, sys
print(json.dumps({"planIds": sys.argv[2:], "afterId": sys.argv[1]}), end="")
PY
head -n 1 "$work/tokens" | sed 's/^/Authorization: Bearer /' >"$work/auth-header"
curl_cmd=(curl -sS --fail -o /dev/null -H "@$work/auth-header" -H 'Accept: application/json'
  -H 'Content-Type: application/json' --data-binary "@$work/body.json"
  "$base/api/v2/report/plansLastUpdatedBetween")

# pairs NAME_A NAME_B -- CMD_A... -- CMD_B...: RUNS pairs, medians and the pairwise median ratio.
pairs() {
  python3 - "$RUNS" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, name_a, name_b = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rest = sys.argv[5:]
split = rest.index("--")
cmd_a, cmd_b = rest[:split], rest[split + 1:]

def timed(cmd):
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({done.returncode}): {done.stdout[:300]!r} {done.stderr[:300]!r}")
    return elapsed, done.stdout

a_ms, b_ms, ratios, outcomes = [], [], [], set()
for i in range(runs):
    if i % 2 == 0:
        (a, out), (b, _) = timed(cmd_a), timed(cmd_b)
    else:
        (b, _), (a, out) = timed(cmd_b), timed(cmd_a)
    a_ms.append(a); b_ms.append(b); ratios.append(a / b)
    if b'"outcome"' in out:
        import json
        outcomes.add(json.loads(out).get("outcome"))
note = f" (outcomes: {', '.join(sorted(outcomes))})" if outcomes else ""
print(f"{name_a}: median {statistics.median(a_ms):.2f} ms over {runs} runs{note}")
print(f"{name_b}: median {statistics.median(b_ms):.2f} ms")
print(f"ratio {name_a} / {name_b}: pairwise median {statistics.median(ratios):.2f}x")
PY
}

echo "== 1. whole-process prefetch (no changes, loopback http) vs curl of the same POST"
pairs "dnp prefetch" "curl" -- "$work/dnp" --store "$work/store" prefetch --json -- "${curl_cmd[@]}"

echo "== 2. whole-process configure (100 tokens) vs status"
"$work/dnp" --store "$work/store2" configure --api "$base" --did "$did" --tokens-file "$work/tokens" >/dev/null
pairs "dnp configure (100 tokens)" "dnp status" -- \
  "$work/dnp" --store "$work/store2" configure --api "$base" --did "$did" --tokens-file "$work/tokens" -- \
  "$work/dnp" --store "$work/store2" status --json

echo "== 3. instructions of one dnp prefetch (no changes) under valgrind --tool=callgrind"
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$work/dnp" --store "$work/store" prefetch --json >"$work/answer.json" 2>"$work/valgrind.txt"
python3 - "$work/callgrind.out" "$work/answer.json" "$PROCESS_BUDGET" "$CORE_BUDGET" <<'PY'
# Self cost per function, read from the callgrind file itself: names are compressed ("(id) name"
# the first time, "(id)" after), and the cost line after a "calls=" line is the callee's inclusive
# cost, so it is skipped.
import collections, json, re, sys
out, answer, process_budget, core_budget = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
names, self_cost, total = {}, collections.Counter(), 0
ob = fn = cfn = None
skip_next = False
# Inclusive cost of the calls `dnp` itself makes into the core (Fetcher::open, prefetch, ...):
# the core's share, with everything it calls.
into_core = collections.Counter()
is_core = lambda f: (f or "").lstrip("<").startswith("daily_notification_core::")
is_dnp = lambda f: (f or "").lstrip("<").startswith(("dnp::", "main"))
def name(kind, value):
    m = re.match(r"\((\d+)\)(?: (.*))?$", value)
    if not m:
        return value
    if m.group(2) is not None:
        names[(kind, m.group(1))] = m.group(2)
    return names.get((kind, m.group(1)), "?")
for line in open(out, errors="replace"):
    line = line.rstrip("\n")
    if line.startswith(("summary:", "totals:")):
        total = int(line.split()[1])
    elif line.startswith("ob="):
        ob = name("ob", line[3:])
    elif line.startswith("fn="):
        fn = name("fn", line[3:])
    elif line.startswith("cob="):
        name("ob", line[4:])
    elif line.startswith("cfn="):
        cfn = name("fn", line[4:])
    elif line.startswith("calls="):
        skip_next = True
    elif line[:1].isdigit() or line[:1] in "+-*":
        if skip_next:
            skip_next = False
            parts = line.split()
            if len(parts) > 1 and is_core(cfn) and is_dnp(fn):
                into_core[cfn] += int(parts[1])
            continue
        parts = line.split()
        if len(parts) > 1:
            self_cost[(ob, fn)] += int(parts[1])
groups = collections.Counter()
for (obj, func), cost in self_cost.items():
    if not (obj or "").endswith("/dnp"):
        key = "(" + (obj or "?").rsplit("/", 1)[-1].split(".so")[0] + ", outside dnp)"
    elif "::" not in func:
        key = "(C in dnp: CPU-jitter entropy)" if func.startswith("jent_") else "(C in dnp: crypto)"
    else:
        key = re.split(r"::|<| ", re.sub(r"^[<&*]+(mut |dyn )?", "", func), maxsplit=1)[0] or "?"
    groups[key] += cost
core = sum(into_core.values())
print(f"outcome {json.load(open(answer)).get('outcome')}")
print(f"process: {total:,} instructions (budget {process_budget:,}: {'within' if total <= process_budget else 'OVER'})")
print(f"the core's share: {core:,} instructions in the calls dnp makes into it, with what they call (budget {core_budget:,}: {'within' if core <= core_budget else 'OVER'});")
print(f"  the core's own functions alone (self cost, after inlining): {groups.get('daily_notification_core', 0):,}")
for entry, cost in into_core.most_common(4):
    print(f"  {cost:>12,}  {entry}")
print(f"largest shares (self cost by crate, or by shared object outside dnp; sum {sum(groups.values()):,}):")
for key, cost in groups.most_common(12):
    print(f"  {cost:>12,}  {100 * cost / total:5.1f} %  {key}")
PY

echo "== 4. one dnp prefetch under /usr/bin/time -v"
/usr/bin/time -v "$work/dnp" --store "$work/store" prefetch --json 2>"$work/time.txt" >/dev/null
grep -E 'Maximum resident|Elapsed|context switches|File system inputs' "$work/time.txt" | sed 's/^\s*/  /'

if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  echo "== 5. the same pairs with the store on tmpfs (fsync costs nothing there)"
  shm=$(mktemp -d /dev/shm/dnp-bench.XXXXXX)
  trap 'kill "${double_pid:-}" 2>/dev/null || true; rm -rf "$work" "$shm"' EXIT
  cp -a "$work/store" "$shm/store"
  cp -a "$work/store2" "$shm/store2"
  pairs "dnp prefetch (tmpfs)" "curl" -- "$work/dnp" --store "$shm/store" prefetch --json -- "${curl_cmd[@]}"
  pairs "dnp configure (100 tokens, tmpfs)" "dnp status (tmpfs)" -- \
    "$work/dnp" --store "$shm/store2" configure --api "$base" --did "$did" --tokens-file "$work/tokens" -- \
    "$work/dnp" --store "$shm/store2" status --json
fi
