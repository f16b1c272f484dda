#!/usr/bin/env python3
"""Scores pruners ("judges") on curve datasets, each replayed in several random trial orders.

For every dataset (one study per JSON-lines file, DESIGN.md's curve dataset format) and every
shuffle seed, the lines are shuffled with Python's random.Random(seed) and the copy is replayed by
the built `sweep replay COPY --pruner A --pruner B ... --json` (all judges in one process). Per
judge and study the figures are averaged over the shuffles, then over the studies (each study
counts once):

  steps      fraction of the recorded steps that were run
  kept       fraction of replays in which the trial with the best final value ran to completion
  regret     mean normalised regret: (best final - best completed final) / (range of finals)
  worst      the largest per-study regret (mean over shuffles)
  dec/s      pruning decisions per second (median over replays)

Judges on the Pareto front of (steps used, best kept) are marked with *. The quality target of
issue 5 (steps <= 25%, kept >= 95%, regret <= 0.001) is checked per judge.

Usage:
  python3 Benchmarks/judge_table.py Benchmarks/corpus/data/*.jsonl
  python3 Benchmarks/judge_table.py FILES --shuffles 20 --sweep .build/release/sweep --jobs 2
  python3 Benchmarks/judge_table.py FILES --pruner median --pruner smoothed:k=3   # only these
  python3 Benchmarks/judge_table.py FILES --extra smoothed:window=10               # defaults + this
  python3 Benchmarks/judge_table.py FILES --per-study --json out.json
"""

import argparse
import concurrent.futures
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile

OPTUNA_JUDGES = [
    "median",
    "percentile:percentile=25",
    "hyperband",
    "successive_halving",
    "patient:patience=3,wrapped=median",
    "wilcoxon",
]
SWEEP_JUDGES = ["smoothed", "extrapolate"]
TARGET = {"steps": 0.25, "kept": 0.95, "regret": 0.001}


def replay(sweep, path, lines, seed, judges, tmpdir):
    order = list(lines)
    random.Random(seed).shuffle(order)
    base = os.path.splitext(os.path.basename(path))[0]
    copy = os.path.join(tmpdir, f"{base}.s{seed}.jsonl")
    with open(copy, "w") as f:
        f.writelines(order)
    cmd = [sweep, "replay", copy, "--json"]
    for j in judges:
        cmd += ["--pruner", j]
    out = subprocess.run(cmd, capture_output=True, text=True)
    os.unlink(copy)
    if out.returncode != 0:
        raise SystemExit(f"sweep replay failed on {path} (seed {seed}): {out.stderr.strip()}")
    results = json.loads(out.stdout)
    if isinstance(results, dict):
        results = [results]
    return path, seed, results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", help="curve datasets, one study per file")
    ap.add_argument("--sweep", default=".build/release/sweep", help="the sweep binary")
    ap.add_argument("--shuffles", type=int, default=20, help="random trial orders per study")
    ap.add_argument("--seed", type=int, default=0, help="first shuffle seed")
    ap.add_argument("--pruner", action="append", help="judge spec (repeat); default: Optuna's and Sweep's")
    ap.add_argument("--extra", action="append", default=[], help="judge spec added to the defaults (repeat)")
    ap.add_argument("--jobs", type=int, default=1, help="replays run at once")
    ap.add_argument("--per-study", action="store_true", help="also print a table per study")
    ap.add_argument("--json", metavar="OUT", help="write the aggregated figures as JSON")
    args = ap.parse_args()

    judges = args.pruner or (OPTUNA_JUDGES + SWEEP_JUDGES)
    judges = judges + [j for j in args.extra if j not in judges]
    datasets = {}
    for path in args.files:
        with open(path) as f:
            lines = [l if l.endswith("\n") else l + "\n" for l in f if l.strip()]
        if lines:
            datasets[path] = lines

    # per[judge][path] = list of per-replay dicts
    per = {j: {p: [] for p in datasets} for j in judges}
    seeds = range(args.seed, args.seed + args.shuffles)
    with tempfile.TemporaryDirectory() as tmpdir:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = [
                pool.submit(replay, args.sweep, p, lines, s, judges, tmpdir) for p, lines in datasets.items() for s in seeds
            ]
            done = 0
            for fut in concurrent.futures.as_completed(futures):
                path, seed, results = fut.result()
                for j, r in zip(judges, results):
                    per[j][path].append(
                        {
                            "steps": r["steps_used_fraction"],
                            "kept": 1.0 if r["best_kept"] else 0.0,
                            "regret": r["normalized_regret"],
                            "dps": r.get("decisions_per_second", 0.0),
                        }
                    )
                done += 1
                print(f"\r{done}/{len(futures)} replays", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)

    def study_means(j, p):
        rows = per[j][p]
        return {k: statistics.fmean(r[k] for r in rows) for k in ("steps", "kept", "regret")}

    summary = []
    for j in judges:
        studies = [study_means(j, p) for p in datasets]
        dps = [r["dps"] for p in datasets for r in per[j][p] if r["dps"] > 0]
        row = {
            "judge": j,
            "steps": statistics.fmean(s["steps"] for s in studies),
            "kept": statistics.fmean(s["kept"] for s in studies),
            "regret": statistics.fmean(s["regret"] for s in studies),
            "worst_regret": max(s["regret"] for s in studies),
            "decisions_per_second": statistics.median(dps) if dps else 0.0,
            "studies": {p: s for p, s in zip(datasets, studies)},
        }
        row["meets_target"] = (
            row["steps"] <= TARGET["steps"] and row["kept"] >= TARGET["kept"] and row["regret"] <= TARGET["regret"]
        )
        summary.append(row)
    for r in summary:
        r["pareto"] = not any(
            o is not r
            and o["steps"] <= r["steps"]
            and o["kept"] >= r["kept"]
            and (o["steps"] < r["steps"] or o["kept"] > r["kept"])
            for o in summary
        )

    print(f"{len(datasets)} studies x {args.shuffles} shuffles (seeds {args.seed}..{args.seed + args.shuffles - 1})")
    width = max(len(r["judge"]) for r in summary) + 2
    print(f"{'judge':<{width}} {'steps':>7} {'kept':>7} {'regret':>9} {'worst':>8} {'dec/s':>10}  target")
    for r in summary:
        mark = "*" if r["pareto"] else " "
        print(
            f"{r['judge'] + mark:<{width}} {r['steps'] * 100:6.1f}% {r['kept'] * 100:6.1f}% {r['regret']:9.5f} "
            f"{r['worst_regret']:8.4f} {r['decisions_per_second']:10.0f}  {'MET' if r['meets_target'] else '-'}"
        )
    print("* on the Pareto front of (steps used, best kept)")

    if args.per_study:
        for p in datasets:
            print(f"\n{p} ({len(datasets[p])} trials)")
            for r in summary:
                s = r["studies"][p]
                print(f"  {r['judge']:<{width}} {s['steps'] * 100:6.1f}% {s['kept'] * 100:6.1f}% {s['regret']:9.5f}")

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"shuffles": args.shuffles, "seed": args.seed, "files": list(datasets), "judges": summary}, f, indent=1)


if __name__ == "__main__":
    main()
