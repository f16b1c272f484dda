#!/usr/bin/env python3
"""Optuna's side of Sweep's engine benchmarks (same workloads as `sweep-bench engine|decisions`).

  engine    --storage memory|sqlite --workload pruned|complete --trials N
            ask, 10 x (report + should_prune), tell, with the median pruner; prints trials/s.
  decisions --trials N   median time of one should_prune with N complete trials of 100 steps.
  cli       --reps R     optuna ask + optuna tell round trip from the shell (median seconds).

Each prints one JSON object per line.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
MASK = (1 << 64) - 1


def splitmix(seed, index):
    """The same mixing as Sweep's SplitMix64.derive: a uniform in [0, 1) for trial `index`."""
    def step(state):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return state, z ^ (z >> 31)
    state = seed ^ ((index * 0xD1B54A32D192ED03) & MASK)
    state, _ = step(state)
    state, z = step(state)
    return (z >> 11) * 2.0 ** -53


def value(workload, t, s):
    return splitmix(0, t) + 0.01 * s if workload == "pruned" else float(t + s)


def engine(args):
    tmp = tempfile.mkdtemp()
    storage = None if args.storage == "memory" else f"sqlite:///{tmp}/optuna.db"
    study = optuna.create_study(
        storage=storage, sampler=optuna.samplers.RandomSampler(seed=0), pruner=optuna.pruners.MedianPruner(),
        direction="maximize")
    pruned = 0
    start = time.perf_counter()
    for t in range(args.trials):
        trial = study.ask()
        trial.suggest_float("x", 0, 1)
        v = 0.0
        for s in range(10):
            v = value(args.workload, t, s)
            trial.report(v, s)
            if trial.should_prune():
                study.tell(trial, state=optuna.trial.TrialState.PRUNED)
                pruned += 1
                break
        else:
            study.tell(trial, v)
    seconds = time.perf_counter() - start
    print(json.dumps({"benchmark": "engine", "tool": "optuna", "storage": args.storage, "workload": args.workload,
                      "trials": args.trials, "pruned": pruned, "seconds": seconds, "trials_per_second": args.trials / seconds}))


def decisions(args):
    study = optuna.create_study(pruner=optuna.pruners.MedianPruner(), direction="maximize")
    dist = {"x": optuna.distributions.FloatDistribution(0, 1)}
    study.add_trials([
        optuna.trial.create_trial(
            params={"x": 0.5}, distributions=dist, value=splitmix(0, t) + 0.99,
            intermediate_values={s: splitmix(0, t) + 0.01 * s for s in range(100)})
        for t in range(args.trials)])
    times = []
    for k in range(args.reps):
        trial = study.ask()
        trial.suggest_float("x", 0, 1)
        for s in range(50):
            trial.report(splitmix(1, k) + 0.01 * s, s)
        start = time.perf_counter()
        trial.should_prune()
        times.append(time.perf_counter() - start)
        study.tell(trial, state=optuna.trial.TrialState.PRUNED)
    print(json.dumps({"benchmark": "decisions", "tool": "optuna", "trials": args.trials,
                      "microseconds_per_decision": statistics.median(times) * 1e6}))


def cli(args):
    tmp = tempfile.mkdtemp()
    url = f"sqlite:///{tmp}/cli.db"
    subprocess.run(["optuna", "create-study", "--storage", url, "--study-name", "s", "--direction", "maximize"],
                   check=True, capture_output=True)
    space = json.dumps({"x": {"name": "FloatDistribution", "attributes": {"low": 0.0, "high": 1.0, "step": None, "log": False}}})
    times = []
    for _ in range(args.reps):
        start = time.perf_counter()
        out = subprocess.run(["optuna", "ask", "--storage", url, "--study-name", "s", "--search-space", space],
                             check=True, capture_output=True, text=True).stdout
        number = json.loads(out.strip().splitlines()[-1])["number"]
        subprocess.run(["optuna", "tell", "--storage", url, "--study-name", "s", "--trial-number", str(number),
                        "--values", "1.0"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    print(json.dumps({"benchmark": "cli", "tool": "optuna", "commands": "ask + tell", "reps": args.reps,
                      "seconds": statistics.median(times)}))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("engine")
    e.add_argument("--storage", default="memory")
    e.add_argument("--workload", default="pruned")
    e.add_argument("--trials", type=int, default=5000)
    d = sub.add_parser("decisions")
    d.add_argument("--trials", type=int, default=1000)
    d.add_argument("--reps", type=int, default=15)
    c = sub.add_parser("cli")
    c.add_argument("--reps", type=int, default=5)
    args = p.parse_args()
    {"engine": engine, "decisions": decisions, "cli": cli}[args.cmd](args)


if __name__ == "__main__":
    main()
