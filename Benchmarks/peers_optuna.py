#!/usr/bin/env python3
"""Optuna's side of Sweep's engine, decision and CLI benchmarks (same workloads as `sweep-bench`).

  engine    --storage memory|sqlite|postgresql+psycopg2://URL --workload pruned|complete --trials N
            ask, 10 x (report + should_prune), tell, with the median pruner (Optuna's defaults) and
            RandomSampler + suggest_float; prints trials/s over the whole run and over the last
            100 trials (the rate the study has reached by then).
  decisions --trials N [--reps R]
            median time of one should_prune (median pruner, at step 50) of a fresh trial in a study
            of N complete trials with 100 intermediate values each.
  cli       --reps R [--sweep PATH/TO/sweep] [--prefill N]
            the shell round trip on an SQLite file: `optuna ask` + `optuna tell`, and with --sweep
            also `sweep ask` + `sweep report` + `sweep tell`, repetitions interleaved so both tools
            see the same machine load; median seconds, per command too. --prefill N puts N finished
            trials in both studies first (Optuna's with add_trials, Sweep's with `sweep run`).

Each prints one JSON object per line. Workload values are the same bits as in Sweep's benchmarks:
u_t comes from SplitMix64 (`splitmix` below is Sweep's `SplitMix64.derive(seed, t)`).
"""
import argparse
import json
import os
import shutil
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
    """Trial t's value at step s: u_t + 0.01 s ("pruned": most trials stop early) or t + s
    ("complete": each trial beats every earlier one, so none is pruned)."""
    return splitmix(0, t) + 0.01 * s if workload == "pruned" else float(t + s)


def engine(args):
    tmp = tempfile.mkdtemp(prefix="optuna-engine-")
    try:
        storage = (None if args.storage == "memory" else args.storage if args.storage.startswith("postgresql")
                   else f"sqlite:///{tmp}/optuna.db")
        study = optuna.create_study(
            storage=storage, sampler=optuna.samplers.RandomSampler(seed=0), pruner=optuna.pruners.MedianPruner(),
            direction="maximize")
        pruned = 0
        window = min(100, args.trials)
        window_start_trial = args.trials - window
        start = window_start = time.perf_counter()
        for t in range(args.trials):
            if t == window_start_trial:
                window_start = time.perf_counter()
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
        end = time.perf_counter()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps({
        "benchmark": "engine", "tool": "optuna",
        "storage": "postgres" if args.storage.startswith("postgresql") else args.storage, "workload": args.workload,
        "trials": args.trials, "pruned": pruned, "seconds": end - start, "trials_per_second": args.trials / (end - start),
        "last100_trials_per_second": window / (end - window_start)}), flush=True)


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
    print(json.dumps({"benchmark": "decisions", "tool": "optuna", "trials": args.trials, "reps": args.reps,
                      "microseconds_per_decision": statistics.median(times) * 1e6}), flush=True)


def optuna_command():
    """Optuna's console script next to this interpreter (not a pyenv shim, whose start-up would
    be charged to Optuna), else whatever `optuna` is on PATH."""
    beside = os.path.join(os.path.dirname(os.path.realpath(sys.executable)), "optuna")
    return beside if os.access(beside, os.X_OK) else (shutil.which("optuna") or "optuna")


def timed(argv):
    start = time.perf_counter()
    done = subprocess.run(argv, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout


def cli(args):
    tmp = tempfile.mkdtemp(prefix="cli-bench-")
    try:
        optuna_bin = optuna_command()
        url = f"sqlite:///{tmp}/optuna.db"
        base = ["--storage", url, "--study-name", "s"]
        subprocess.run([optuna_bin, "create-study", *base, "--direction", "maximize"], check=True, capture_output=True)
        space = json.dumps({"x": {"name": "FloatDistribution",
                                  "attributes": {"low": 0.0, "high": 1.0, "step": None, "log": False}}})
        sweep_store = ["--storage", f"sqlite:{tmp}/sweep.db"]
        if args.prefill:
            # Finished trials already in the study (each command then reads them).
            study = optuna.load_study(study_name="s", storage=url)
            dist = {"x": optuna.distributions.FloatDistribution(0.0, 1.0)}
            study.add_trials([optuna.trial.create_trial(params={"x": (i % 100) / 100}, distributions=dist, value=0.5,
                                                        intermediate_values={0: 0.5}) for i in range(args.prefill)])
        if args.sweep:
            subprocess.run([args.sweep, "create", "s", "--direction", "maximize", "--pruner", "median",
                            "--param", "x=float:0:1", *sweep_store], check=True, capture_output=True)
            if args.prefill:
                with open(f"{tmp}/prefill.toml", "w") as f:
                    f.write(f'name = "s"\ntrials = {args.prefill}\ndirection = "maximize"\npruner = "median"\n'
                            'sampler = "random"\n[objective]\ncommand = ["/bin/echo", "{\\"value\\": 0.5}"]\n'
                            '[params]\nx = "float:0:1"\n')
                subprocess.run([args.sweep, "run", f"{tmp}/prefill.toml", *sweep_store], check=True, capture_output=True)
        o_ask, o_tell, o_total, s_ask, s_report, s_tell, s_total, imports = [], [], [], [], [], [], [], []
        for _ in range(args.reps):
            a, out = timed([optuna_bin, "ask", *base, "--search-space", space])
            number = json.loads(out.strip().splitlines()[-1])["number"]
            t, _ = timed([optuna_bin, "tell", *base, "--trial-number", str(number), "--values", "0.5"])
            o_ask.append(a), o_tell.append(t), o_total.append(a + t)
            i, _ = timed([sys.executable, "-c", "import optuna"])
            imports.append(i)
            if args.sweep:
                a, out = timed([args.sweep, "ask", "--study", "s", *sweep_store])
                number = out.split()[0]
                r, answer = timed([args.sweep, "report", "--study", "s", "--trial", number, "--step", "0",
                                   "--value", "0.5", *sweep_store])
                t = 0.0
                if answer.strip() != "prune":
                    t, _ = timed([args.sweep, "tell", "--study", "s", "--trial", number, "--value", "0.5",
                                  *sweep_store])
                s_ask.append(a), s_report.append(r), s_tell.append(t), s_total.append(a + r + t)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    med = statistics.median
    print(json.dumps({"benchmark": "cli", "tool": "optuna", "commands": "ask + tell", "reps": args.reps,
                      "prefill": args.prefill,
                      "seconds": med(o_total), "ask_seconds": med(o_ask), "tell_seconds": med(o_tell),
                      "python_import_optuna_seconds": med(imports)}), flush=True)
    if args.sweep:
        print(json.dumps({"benchmark": "cli", "tool": "sweep", "commands": "ask + report + tell", "reps": args.reps,
                          "prefill": args.prefill,
                          "seconds": med(s_total), "ask_seconds": med(s_ask), "report_seconds": med(s_report),
                          "tell_seconds": med(s_tell)}), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("engine")
    e.add_argument("--storage", default="memory",
                   help="memory, sqlite, or a postgresql+psycopg2://... URL of a new database")
    e.add_argument("--workload", choices=["pruned", "complete"], default="pruned")
    e.add_argument("--trials", type=int, default=5000)
    d = sub.add_parser("decisions")
    d.add_argument("--trials", type=int, default=1000)
    d.add_argument("--reps", type=int, default=15)
    c = sub.add_parser("cli")
    c.add_argument("--reps", type=int, default=10)
    c.add_argument("--sweep", help="the sweep binary; also time sweep ask + report + tell")
    c.add_argument("--prefill", type=int, default=0, help="finished trials put in both studies first")
    args = p.parse_args()
    {"engine": engine, "decisions": decisions, "cli": cli}[args.cmd](args)


if __name__ == "__main__":
    main()
