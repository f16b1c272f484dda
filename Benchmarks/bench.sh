#!/usr/bin/env bash
# Runs Sweep's benchmarks beside their peers (Optuna 5.0.0) in one run on this machine and writes
# docs/benchmarks.md. Needs: pip install optuna==5.0.0. Takes about 10 minutes on 2 cores.
# Usage: Benchmarks/bench.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --quick ]; then OPTUNA_SQLITE_TRIALS=100; SEEDS=3; else OPTUNA_SQLITE_TRIALS=300; SEEDS=10; fi
OUT=Benchmarks/out
mkdir -p "$OUT"
rm -f "$OUT"/*.jsonl
swift build -c release --product sweep --product sweep-bench 2>&1 | tail -1
BIN=$(swift build -c release --show-bin-path)
B="$BIN/sweep-bench"
P="python3 Benchmarks/peers_optuna.py"
T="python3 Benchmarks/tpe_optuna.py"
rep() { local n=$1; shift; for _ in $(seq "$n"); do "$@"; done; }

echo "engine..." >&2
for w in pruned complete; do
  rep 5 $B engine --storage memory --workload $w --trials 5000 >> $OUT/engine.jsonl
  rep 3 $B engine --storage sqlite --workload $w --trials 5000 >> $OUT/engine.jsonl
  $P engine --storage memory --workload $w --trials 5000 >> $OUT/engine.jsonl
  $P engine --storage sqlite --workload $w --trials $OPTUNA_SQLITE_TRIALS >> $OUT/engine.jsonl
done

echo "decisions..." >&2
for n in 1000 10000 100000; do $B decisions --trials $n >> $OUT/decisions.jsonl; done
for n in 1000 10000; do $P decisions --trials $n >> $OUT/decisions.jsonl; done

echo "cli..." >&2
$P cli --reps 5 >> $OUT/cli.jsonl
python3 - "$BIN/sweep" >> $OUT/cli.jsonl <<'PY'
import json, statistics, subprocess, sys, tempfile, time
sweep, d = sys.argv[1], tempfile.mkdtemp()
s = ["--storage", f"sqlite:{d}/cli.db"]
subprocess.run([sweep, "create", "s", "--param", "x=float:0:1", *s], check=True, capture_output=True)
times = []
for i in range(20):
    t = time.perf_counter()
    n = subprocess.run([sweep, "ask", *s], check=True, capture_output=True, text=True).stdout.split()[0]
    subprocess.run([sweep, "report", "--trial", n, "--step", "0", "--value", "0.5", *s], check=True, capture_output=True)
    subprocess.run([sweep, "tell", "--trial", n, "--value", "0.5", *s], check=True, capture_output=True)
    times.append(time.perf_counter() - t)
print(json.dumps({"benchmark": "cli", "tool": "sweep", "commands": "ask + report + tell", "reps": 20, "seconds": statistics.median(times)}))
PY

echo "replay..." >&2
python3 Benchmarks/make_curves.py $OUT/curves-100k.jsonl --trials 100000 --steps 100
for pr in median nop; do
  start=$(date +%s.%N)
  "$BIN/sweep" replay $OUT/curves-100k.jsonl --pruner $pr --json > $OUT/replay-$pr.json
  end=$(date +%s.%N)
  python3 -c "import json,sys; r=json.load(open('$OUT/replay-$pr.json')); print(json.dumps({'benchmark':'replay','pruner':'$pr','trials':len(r['trials']),'seconds':$end-$start,'decisions':r['decisions'],'steps_used_fraction':r['steps_used_fraction']}))" >> $OUT/replay.jsonl
done
rm -f $OUT/curves-100k.jsonl

echo "runner..." >&2
for s in memory sqlite; do rep 3 $B runner-overhead --trials 300 --storage $s >> $OUT/runner.jsonl; done
rep 3 $B metric-lines --lines 1000000 >> $OUT/runner.jsonl

echo "tpe..." >&2
$B tpe-quality --seeds $SEEDS --sampler tpe:multivariate=false > $OUT/q_sweep.jsonl
$B tpe-quality --seeds $SEEDS --sampler tpe:multivariate=true > $OUT/q_sweep_mv.jsonl
$T quality --seeds $SEEDS --multivariate false > $OUT/q_optuna.jsonl
$T quality --seeds $SEEDS --multivariate true > $OUT/q_optuna_mv.jsonl
$B tpe-speed --kind float --sampler tpe:multivariate=false > $OUT/s_float.jsonl
$B tpe-speed --kind float --sampler tpe:multivariate=true > $OUT/s_float_mv.jsonl
$T speed --kind float --multivariate false > $OUT/o_float.jsonl
$T speed --kind float --multivariate true > $OUT/o_float_mv.jsonl
$T table $OUT/q_*.jsonl $OUT/s_*.jsonl $OUT/o_*.jsonl > $OUT/tpe.md

python3 Benchmarks/report.py $OUT > docs/benchmarks.md
echo "wrote docs/benchmarks.md" >&2
