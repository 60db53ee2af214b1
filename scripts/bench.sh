#!/usr/bin/env bash
# Terminal performance of jiaoguan against the bare ratatui list (tuimin), with the shared pty
# harness. Reproduces every figure in BENCHMARKS.md. Needs only python3 and cargo (strace is
# used if installed, for the optional syscall counts). Not part of `cargo test`.
#
#   scripts/bench.sh                          # build the working tree, measure, print a summary
#   JG_REV=5aab82c PHASES=1 scripts/bench.sh  # the run in BENCHMARKS.md: a commit, exported with a
#                                             # read-only `git archive` into $OUT, plus the phases
#
# Knobs (environment): ROUNDS=21 (interleaved timing pass), RUNS=11 (suite pass), IDLE_S=5,
# SIZES="80x24 200x50", OUT=/tmp/jiaoguan-bench, CARGO_TARGET_DIR=/tmp/bench-target,
# TUIMIN_TARGET=/tmp/tuimin, PERF=<repo>/../shared/tools/perf.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PERF=${PERF:-$(cd "$ROOT/../shared/tools/perf" && pwd)}
OUT=${OUT:-/tmp/jiaoguan-bench}
ROUNDS=${ROUNDS:-21}
RUNS=${RUNS:-11}
IDLE_S=${IDLE_S:-5}
SIZES=${SIZES:-80x24 200x50}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/bench-target}
TUIMIN_TARGET=${TUIMIN_TARGET:-/tmp/tuimin}

JG_MARKER='退出'              # last glyphs of the footer, the last row ratatui draws
TUIMIN_MARKER='退出系统并打印凭条' # item 20, the last row of the bare list
JG_QUIT='q,y'                # q opens the confirm dialog, y confirms
TUIMIN_QUIT='q'

rm -rf "$OUT"
mkdir -p "$OUT"

# ---- build ---------------------------------------------------------------------------------------
SRC=$ROOT
if [ -n "${JG_REV:-}" ]; then
    SRC=$OUT/src
    mkdir -p "$SRC"
    git -C "$ROOT" archive "$JG_REV" | tar -x -C "$SRC"
fi
echo "== build jiaoguan ($SRC${JG_REV:+ @ $JG_REV}) and tuimin" >&2
(cd "$SRC" && cargo build --release --quiet)
cargo build --release --quiet --manifest-path "$PERF/tuimin/Cargo.toml" --target-dir "$TUIMIN_TARGET"
JG=$CARGO_TARGET_DIR/release/jiaoguan
TM=$TUIMIN_TARGET/release/tuimin

# ---- machine --------------------------------------------------------------------------------------
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "kernel: $(uname -r)"
    echo "rustc: $(rustc --version)"
    echo "python: $(python3 --version 2>&1)"
    if [ -n "${JG_REV:-}" ]; then
        echo "jiaoguan: commit $(git -C "$ROOT" rev-parse --short "$JG_REV")"
    else
        dirty=$(git -C "$ROOT" diff --quiet HEAD -- src assets config build.rs Cargo.toml Cargo.lock \
            2>/dev/null || echo ' + uncommitted changes')
        echo "jiaoguan: working tree at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$dirty"
    fi
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"

# ---- warm data folder: seeded once by a real (untimed) interactive run ----------------------------
python3 "$PERF/ptyperf.py" --size 80x24 --marker "$JG_MARKER" --quit "$JG_QUIT" --runs 1 --no-runs \
    -- "$JG" --data-dir "$OUT/warm" --seed 7 > "$OUT/seed-run.json"

# ---- pass 1: interleaved timing (like interleave.py, plus a fresh data folder per round) ----------
# interleave.py repeats fixed arguments, so it cannot give each round its own new --data-dir;
# this driver runs the same `ptyperf.py --runs 1` per case per round and aggregates the same way.
cat > "$OUT/interleave_fresh.py" <<'EOF'
import json, os, shutil, statistics, subprocess, sys
perf, out, rounds, size, jg, tm, jg_marker, tm_marker, jg_quit, tm_quit = sys.argv[1:11]
rounds = int(rounds)
common = ["--runs", "1", "--size", size, "--keys", "down*3"]
def case_args(label, r):
    if label == "tuimin":
        return common + ["--marker", tm_marker, "--quit", tm_quit, "--", tm]
    if label == "jiaoguan --version":  # exec floor of our binary: loader + clap, no app work
        return ["--runs", "1", "--size", size, "--marker", "0.1", "--quit", "", "--", jg, "--version"]
    d = os.path.join(out, "warm") if label == "jiaoguan-warm" else \
        os.path.join(out, "fresh", f"{size}-{r}")
    return common + ["--marker", jg_marker, "--quit", jg_quit, "--", jg, "--data-dir", d, "--seed", "7"]
labels = ["tuimin", "jiaoguan --version", "jiaoguan-warm", "jiaoguan-fresh"]
vals = {l: {} for l in labels}
per_round = {l: [] for l in labels}
for r in range(rounds):
    rows = {}
    for label in labels:
        cmd = [sys.executable, os.path.join(perf, "ptyperf.py")] + case_args(label, r)
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        try:
            run = json.loads(p.stdout)["runs"][0]
        except (ValueError, KeyError, IndexError):
            print(f"round {r} {label}: bad output {p.stderr[-300:]}", file=sys.stderr); continue
        if not run.get("ok"):
            print(f"round {r} {label}: {run.get('error')}", file=sys.stderr); continue
        rows[label] = run
        for k, v in run.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool) and k != "run":
                vals[label].setdefault(k, []).append(v)
        for kk in run.get("keys", []):
            if kk.get("last_ms") is not None:
                vals[label].setdefault("key_last_ms_all", []).append(kk["last_ms"])
                vals[label].setdefault("key_bytes_all", []).append(kk["bytes"])
    for label, run in rows.items():
        if "tuimin" in rows:
            per_round[label].append((run, rows["tuimin"]))
shutil.rmtree(os.path.join(out, "fresh"), ignore_errors=True)
stat = lambda v: {"median": round(statistics.median(v), 3), "min": min(v), "max": max(v), "n": len(v)}
res = {l: {k: stat(v) for k, v in d.items()} for l, d in vals.items()}
# ratios against tuimin within the same round
for l in labels[1:]:
    for k in ("t_frame_ms", "cpu_ms_at_frame"):
        rs = [a[k] / b[k] for a, b in per_round[l] if k in a and k in b]
        if rs:
            res[l][k + "_ratio_per_round"] = stat([round(x, 3) for x in rs])
        if k in res[l]:
            res[l][k + "_ratio_of_medians"] = round(res[l][k]["median"] / res["tuimin"][k]["median"], 3)
json.dump({"size": size, "rounds": rounds, "cases": res}, sys.stdout, ensure_ascii=False, indent=1)
print()
EOF
for size in $SIZES; do
    echo "== pass 1 (interleaved timing): $size, $ROUNDS rounds x tuimin / jiaoguan --version / warm / fresh" >&2
    python3 "$OUT/interleave_fresh.py" "$PERF" "$OUT" "$ROUNDS" "$size" "$JG" "$TM" \
        "$JG_MARKER" "$TUIMIN_MARKER" "$JG_QUIT" "$TUIMIN_QUIT" > "$OUT/timing-$size.json"
done

# ---- pass 2: suite (bytes, idle, RSS, per-key latency), RUNS runs each with an idle window ------
for size in $SIZES; do
    echo "== pass 2 (suite): $size, $RUNS runs each, ${IDLE_S}s idle" >&2
    python3 "$PERF/ptyperf.py" --label tuimin --size "$size" --marker "$TUIMIN_MARKER" --keys 'down*5' \
        --quit "$TUIMIN_QUIT" --idle-s "$IDLE_S" --runs "$RUNS" \
        -- "$TM" > "$OUT/suite-tuimin-$size.json"
    python3 "$PERF/ptyperf.py" --label jiaoguan-warm --size "$size" --marker "$JG_MARKER" --keys 'down*5' \
        --quit "$JG_QUIT" --idle-s "$IDLE_S" --runs "$RUNS" --dump "$OUT/dump-$size" \
        -- "$JG" --data-dir "$OUT/warm" --seed 7 > "$OUT/suite-jiaoguan-$size.json"
done
python3 "$PERF/summarize.py" "$OUT"/suite-*.json > "$OUT/suite.md"

# ---- syscall counts (optional: only if strace is installed) --------------------------------------
if command -v strace > /dev/null; then
    echo "== strace -c: first run (fresh folder) and warm start, 80x24, start -> quit, no keys" >&2
    for kind in fresh warm; do
        dir=$OUT/warm
        [ "$kind" = fresh ] && dir=$OUT/strace-fresh
        python3 "$PERF/ptyperf.py" --size 80x24 --marker "$JG_MARKER" --quit "$JG_QUIT" --runs 1 --no-runs \
            -- strace -f -c -w -o "$OUT/strace-$kind.txt" -e trace=write,fsync,openat,read \
            "$JG" --data-dir "$dir" --seed 7 > /dev/null
    done
fi

# ---- optional: where the start-up time goes (instrumented copy, never the real sources) -----------
if [ "${PHASES:-0}" = 1 ]; then
    echo "== phases: instrumented copy, $ROUNDS warm + $ROUNDS fresh starts at 80x24" >&2
    PSRC=$OUT/phases-src
    mkdir -p "$PSRC"
    (cd "$SRC" && cp -r src assets config benches build.rs Cargo.toml Cargo.lock "$PSRC"/)
    if python3 - "$PSRC" <<'PY'
import sys
root = sys.argv[1]
MARK = """
pub static T0: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
static MARKS: std::sync::Mutex<Vec<(String, f64)>> = std::sync::Mutex::new(Vec::new());
/// Benchmark-only: records ms since main() and appends them to $JG_TIMING at the first draw.
pub fn mark(label: &str) {
    use std::io::Write;
    let t = T0.get().map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
    let mut marks = MARKS.lock().unwrap();
    marks.push((label.to_string(), t));
    if label == "first draw" && let Some(p) = std::env::var_os("JG_TIMING")
        && let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(p) {
        for (l, t) in marks.iter() { let _ = writeln!(f, "{l}\\t{t:.3}"); }
    }
}
"""
def place(path, steps):
    """steps: (needle, label, where, required, search_from). Inserts `mark(label);` on its own
    line after (or before) the line holding the first needle found after search_from."""
    fn = "jiaoguan::mark" if path == "src/main.rs" else "crate::mark"
    p = f"{root}/{path}"
    s = open(p).read()
    for needle, label, where, required, search_from in steps:
        base = s.find(search_from) if search_from else 0
        i = s.find(needle, max(base, 0)) if base >= 0 else -1
        if i < 0:
            if required:
                sys.exit(f"phases: {needle!r} not found in {path} (sources changed); skipped")
            print(f"phases: no {label!r} step ({needle!r} not in {path})", file=sys.stderr)
            continue
        line_start = s.rfind("\n", 0, i) + 1
        indent = s[line_start:len(s) - len(s[line_start:].lstrip(" "))]
        stmt = f'{indent}{fn}("{label}");\n'
        if where == "after":
            at = s.index("\n", i) + 1
        else:
            at = line_start
        s = s[:at] + stmt + s[at:]
    open(p, "w").write(s)
main = "src/main.rs"
s = open(f"{root}/{main}").read()
if "fn main() -> ExitCode {\n" not in s:
    sys.exit("phases: fn main not found; skipped")
s = s.replace("fn main() -> ExitCode {\n",
              "fn main() -> ExitCode {\n    jiaoguan::T0.get_or_init(std::time::Instant::now);\n", 1)
open(f"{root}/{main}", "w").write(s)
open(f"{root}/src/lib.rs", "a").write(MARK)
place(main, [
    ("match run_cli(cli) {", "clap: build + parse", "before", True, None),
    ("let mut config = config::load(cli.config.as_deref())", "config load", "after", False, None),
    ("let dir = open_dir(&path)?;", "open data folder + LOCK", "after", False, "fn interactive"),
    ("let plan = seed_plan(", "seed plan", "after", False, "fn interactive"),
    ("let mut session = Session::open_current(", "session: state + signed-in account", "after", False,
     "fn interactive"),
    ("session.catch_up_with_wall_clock(", "session: catch up with wall clock", "after", False,
     "fn interactive"),
    ("let (mut tui, signals) = terminal::enter(", "terminal::enter", "after", False, "fn interactive"),
    ("let mut app = App::starting(", "App::starting", "after", False, "fn interactive"),
])
place("src/app/run.rs", [("after_first_frame(app)?;", "first draw", "before", True, "pub fn run<")])
PY
    then
        PT=${PHASE_TARGET:-/tmp/bench-prof}
        (cd "$PSRC" && CARGO_TARGET_DIR=$PT cargo build --release --quiet)
        python3 "$PERF/ptyperf.py" --size 80x24 --marker "$JG_MARKER" --quit "$JG_QUIT" --runs 1 --no-runs \
            -- "$PT/release/jiaoguan" --data-dir "$OUT/phases-warm" --seed 7 > /dev/null
        for r in $(seq "$ROUNDS"); do
            for kind in warm fresh; do
                dir=$OUT/phases-warm
                [ "$kind" = fresh ] && dir=$OUT/phases-dir-fresh-$r
                python3 "$PERF/ptyperf.py" --size 80x24 --marker "$JG_MARKER" --quit "$JG_QUIT" --runs 1 \
                    --no-runs --env "JG_TIMING=$OUT/phases-$kind.txt" \
                    -- "$PT/release/jiaoguan" --data-dir "$dir" --seed 7 \
                    | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["t_frame_ms"]["median"])' \
                    >> "$OUT/phases-$kind-frame.txt"
            done
        done
        rm -rf "$OUT"/phases-dir-fresh-*
    fi
fi

ls -l "$JG" "$TM" > "$OUT/size.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"

# ---- summary ------------------------------------------------------------------------------------
python3 - "$OUT" "$SIZES" <<'EOF'
import json, os, re, sys
out, sizes = sys.argv[1], sys.argv[2].split()
print(open(os.path.join(out, "machine.txt")).read().rstrip())
def f(s, k, nd=2):
    v = s.get(k)
    if not v:
        return "–"
    fmt = (lambda x: f"{x:.{nd}f}") if nd else (lambda x: f"{int(round(x))}")
    return fmt(v["median"]) if v["min"] == v["max"] else f"{fmt(v['median'])} ({fmt(v['min'])}–{fmt(v['max'])})"
verdict = {}
print("\n## Start-up, interleaved (median (min–max) over rounds)")
print("| size | case | start→frame ms | CPU to frame ms | ratio vs tuimin (of medians / per-round median) | Down→last byte ms | peak RSS KiB |")
print("|---|---|---|---|---|---|---|")
for size in sizes:
    t = json.load(open(os.path.join(out, f"timing-{size}.json")))["cases"]
    for label, s in t.items():
        ratio = "–" if label == "tuimin" else \
            f"{s['t_frame_ms_ratio_of_medians']:.2f} / {s['t_frame_ms_ratio_per_round']['median']:.2f}"
        print(f"| {size} | {label} | {f(s, 't_frame_ms')} | {f(s, 'cpu_ms_at_frame')} | {ratio} | "
              f"{f(s, 'key_last_ms_all')} | {f(s, 'peak_rss_kb', 0)} |")
        if size == "80x24" and label.startswith("jiaoguan-"):
            verdict[f"start ({label}) ≤ 1.5× tuimin"] = (s["t_frame_ms_ratio_of_medians"] <= 1.5,
                f"{s['t_frame_ms_ratio_of_medians']:.2f}× ({s['t_frame_ms']['median']:.2f} vs "
                f"{t['tuimin']['t_frame_ms']['median']:.2f} ms)")
print("\n## Suite (each run has a 5 s idle window)")
print(open(os.path.join(out, "suite.md")).read().rstrip())
doc = json.load(open(os.path.join(out, "suite-jiaoguan-80x24.json")))
s = doc["summary"]
keys = [k["bytes"] for r in doc["runs"] for k in r.get("keys", [])]
kb = max(keys)
verdict["bytes per Down ≤ 100"] = (kb <= 100, f"{s['key_bytes_median']['median']:g} B (max {kb} over {len(keys)} keys)")
rss = s["peak_rss_kb"]["max"]
verdict["peak RSS ≤ 8 MiB"] = (rss <= 8192, f"{s['peak_rss_kb']['median']:g} KiB (max {rss:g})")
idle = (s["idle_wakeups"]["max"], s["idle_bytes"]["max"], s["idle_cpu_ms"]["max"])
verdict["no wake-ups idle 5 s"] = (idle[0] == 0, f"max {idle[0]} wakeups, {idle[1]} B, {idle[2]} ms CPU")
for kind in ("fresh", "warm"):
    p = os.path.join(out, f"strace-{kind}.txt")
    if os.path.exists(p):
        calls = {m.group(3): (int(m.group(2)), float(m.group(1)) * 1000) for m in
                 re.finditer(r"^\s*[\d.]+\s+([\d.]+)\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$", open(p).read(), re.M)
                 if m.group(3) != "total"}
        print(f"\nstrace -c -w {kind} (start → quit, no keys; calls, wall ms in call): " +
              ", ".join(f"{k} {n} ({ms:.1f} ms)" for k, (n, ms) in sorted(calls.items())))
for kind in ("warm", "fresh"):
    p = os.path.join(out, f"phases-{kind}.txt")
    if not os.path.exists(p):
        continue
    import statistics
    marks = {}
    for line in open(p):
        label, t = line.rstrip("\n").split("\t")
        marks.setdefault(label, []).append(float(t))
    frames = [float(l) for l in open(os.path.join(out, f"phases-{kind}-frame.txt"))]
    print(f"\n## Start-up phases, {kind} folder, 80x24 (instrumented copy; median ms since main())")
    print("| step | done at ms | step ms |\n|---|---|---|")
    prev = 0.0
    for label, ts in marks.items():
        med = statistics.median(ts)
        print(f"| {label} | {med:.2f} | {med - prev:.2f} |")
        prev = med
    print(f"| ptyperf start → frame, same runs (n={len(frames)}) | {statistics.median(frames):.2f} | |")
print("\n" + open(os.path.join(out, "size.txt")).read().rstrip())
print("\n## Verdicts at 80x24")
for k, (ok, txt) in verdict.items():
    print(f"- {k}: {'met' if ok else 'MISSED'} — {txt}")
print(f"\nraw JSON and dumps: {out}")
EOF
