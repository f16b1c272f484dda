#!/usr/bin/env python3
"""Optuna's side of the TPE benchmarks, and the table that compares both sides.

    python Benchmarks/tpe_optuna.py quality [--seeds 10] [--trials 100] [--multivariate auto|true|false]
    python Benchmarks/tpe_optuna.py speed [--sizes 100,1000,10000] [--repeats 7] [--multivariate auto|true|false] [--kind float|int]
    python Benchmarks/tpe_optuna.py table FILE.jsonl [FILE.jsonl ...]

`quality` and `speed` print JSON lines with the same fields as `sweep-bench tpe-quality` and
`sweep-bench tpe-speed`; `table` reads lines from both and prints Markdown tables. The test
functions (and their boxes) are the same as in Benchmarks/SweepBench/TPEBenchmarks.swift.
`--multivariate auto` is Optuna 5.0's default (multivariate for single-objective studies).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time

import numpy as np


def branin(x):
    a, b, c, r, s, t = 1.0, 5.1 / (4 * math.pi**2), 5 / math.pi, 6.0, 10.0, 1 / (8 * math.pi)
    u = x[1] - b * x[0] ** 2 + c * x[0] - r
    return a * u * u + s * (1 - t) * math.cos(x[0]) + s


HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
HARTMANN_A = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
HARTMANN_P = [
    [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
    [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
    [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
    [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
]


def hartmann6(x):
    total = 0.0
    for i in range(4):
        inner = sum(HARTMANN_A[i][j] * (x[j] - HARTMANN_P[i][j]) ** 2 for j in range(6))
        total += HARTMANN_ALPHA[i] * math.exp(-inner)
    return -total


def rosenbrock4(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(3))


def quadratic(x):
    centre = [1.0, -2.0, 0.5]
    return sum((x[i] - centre[i]) ** 2 for i in range(3))


# name, bounds, noise standard deviation, function
FUNCTIONS = [
    ("branin", [(-5.0, 10.0), (0.0, 15.0)], 0.0, branin),
    ("hartmann6", [(0.0, 1.0)] * 6, 0.0, hartmann6),
    ("rosenbrock4", [(-2.048, 2.048)] * 4, 0.0, rosenbrock4),
    ("noisy_quadratic", [(-5.0, 5.0)] * 3, 0.5, quadratic),
]


def make_sampler(multivariate: str, seed: int):
    import optuna

    kwargs = {"seed": seed}
    if multivariate != "auto":
        kwargs["multivariate"] = multivariate == "true"
    return optuna.samplers.TPESampler(**kwargs)


def sampler_name(multivariate: str) -> str:
    return {"auto": "tpe", "true": "tpe:multivariate=true", "false": "tpe:multivariate=false"}[multivariate]


def quality(args) -> None:
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    names = set(args.functions.split(","))
    for name, bounds, noise, f in FUNCTIONS:
        if name not in names:
            continue
        for seed in range(args.seeds):
            noise_rng = np.random.default_rng(seed + 1_000_003)

            def objective(trial):
                x = [trial.suggest_float(f"x{i}", lo, hi) for i, (lo, hi) in enumerate(bounds)]
                truth = f(x)
                trial.set_user_attr("truth", truth)
                return truth + (noise * noise_rng.standard_normal() if noise > 0 else 0.0)

            study = optuna.create_study(direction="minimize", sampler=make_sampler(args.multivariate, seed))
            start = time.perf_counter()
            study.optimize(objective, n_trials=args.trials)
            best = study.best_trial
            print(
                json.dumps(
                    {
                        "tool": "optuna",
                        "sampler": sampler_name(args.multivariate),
                        "function": name,
                        "seed": seed,
                        "trials": args.trials,
                        "best": best.value,
                        "best_true": best.user_attrs["truth"],
                        "seconds": time.perf_counter() - start,
                    },
                    sort_keys=True,
                ),
                flush=True,
            )


def speed(args) -> None:
    import optuna
    from optuna.distributions import FloatDistribution, IntDistribution
    from optuna.trial import TrialState, create_trial

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    if args.kind == "float":
        distributions = {f"x{i}": FloatDistribution(-5.0, 5.0) for i in range(4)}
    else:
        distributions = {f"x{i}": IntDistribution(-5, 5) for i in range(4)}
    for size in [int(s) for s in args.sizes.split(",")]:
        rng = np.random.default_rng(7)
        study = optuna.create_study(direction="minimize", sampler=make_sampler(args.multivariate, 7))
        trials = []
        for _ in range(size):
            if args.kind == "float":
                params = {name: float(rng.uniform(-5.0, 5.0)) for name in distributions}
            else:
                params = {name: int(rng.integers(-5, 6)) for name in distributions}
            trials.append(
                create_trial(params=params, distributions=distributions, value=sum(v * v for v in params.values()))
            )
        study.add_trials(trials)
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            trial = study.ask(distributions)
            times.append((time.perf_counter() - start) * 1000)
            # Failed trials are ignored by TPE, so each suggestion sees the same history.
            study.tell(trial, state=TrialState.FAIL)
        print(
            json.dumps(
                {
                    "tool": "optuna",
                    "sampler": sampler_name(args.multivariate),
                    "trials": size,
                    "params": 4,
                    "kind": args.kind,
                    "repeats": args.repeats,
                    "median_ms": statistics.median(times),
                },
                sort_keys=True,
            ),
            flush=True,
        )


def mode(tool: str, sampler: str) -> str | None:
    """Which TPE variant a run is: plain `tpe` is multivariate in both (Optuna 5.0's default, and Sweep's)."""
    if sampler in ("tpe:multivariate=true", "tpe"):
        return "multivariate"
    if sampler == "tpe:multivariate=false":
        return "univariate"
    return None


def compare(rows, functions) -> None:
    """Sweep against Optuna in the same TPE mode: mean best of each, and a two-sided Mann-Whitney U
    p-value (SciPy) on the best values."""
    try:
        from scipy.stats import mannwhitneyu
    except ImportError:
        mannwhitneyu = None
    print("| function | mode | Sweep mean best | Optuna mean best | Sweep better on | Mann-Whitney p |")
    print("| --- | --- | ---: | ---: | --- | ---: |")
    for function in functions:
        for m in ["univariate", "multivariate"]:
            sweep = [r["best"] for r in rows if r["function"] == function and r["tool"] == "sweep" and mode(r["tool"], r["sampler"]) == m]
            optuna = [
                r["best"] for r in rows if r["function"] == function and r["tool"] == "optuna" and mode(r["tool"], r["sampler"]) == m
            ]
            if not sweep or not optuna:
                continue
            p = mannwhitneyu(sweep, optuna).pvalue if mannwhitneyu else float("nan")
            better = [name for name, ok in [("median", statistics.median(sweep) <= statistics.median(optuna)),
                                             ("mean", statistics.mean(sweep) <= statistics.mean(optuna))] if ok]
            print(
                f"| {function} | {m} | {statistics.mean(sweep):.4g} | {statistics.mean(optuna):.4g} | "
                f"{', '.join(better) or '-'} | {p:.2f} |"
            )
    print()


def table(args) -> None:
    rows = []
    for path in args.files:
        with open(path) as handle:
            rows.extend(json.loads(line) for line in handle if line.strip().startswith("{"))
    quality_rows = [r for r in rows if "function" in r]
    speed_rows = [r for r in rows if "median_ms" in r]
    if quality_rows:
        functions = list(dict.fromkeys(r["function"] for r in quality_rows))
        runs = list(dict.fromkeys((r["tool"], r["sampler"]) for r in quality_rows))
        print("| function | tool | sampler | seeds | median best | mean best | mean true value of best |")
        print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
        for function in functions:
            for tool, sampler in runs:
                sel = [r for r in quality_rows if r["function"] == function and (r["tool"], r["sampler"]) == (tool, sampler)]
                if not sel:
                    continue
                best = [r["best"] for r in sel]
                truth = [r["best_true"] for r in sel]
                print(
                    f"| {function} | {tool} | `{sampler}` | {len(sel)} | {statistics.median(best):.4g} | "
                    f"{statistics.mean(best):.4g} | {statistics.mean(truth):.4g} |"
                )
        print()
        compare(quality_rows, functions)
    if speed_rows:
        sizes = sorted(set(r["trials"] for r in speed_rows))
        runs = list(dict.fromkeys((r.get("kind", "float"), r["tool"], r["sampler"]) for r in speed_rows))
        print("| params | tool | sampler | " + " | ".join(f"{n:,} trials" for n in sizes) + " |")
        print("| --- | --- | --- | " + " | ".join("---:" for _ in sizes) + " |")
        for kind, tool, sampler in sorted(runs, key=lambda run: run[0]):
            cells = []
            for n in sizes:
                sel = [
                    r["median_ms"]
                    for r in speed_rows
                    if r["trials"] == n and (r.get("kind", "float"), r["tool"], r["sampler"]) == (kind, tool, sampler)
                ]
                cells.append(f"{sel[0]:.3g} ms" if sel else "")
            print(f"| 4 {kind} | {tool} | `{sampler}` | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--seeds", type=int, default=10)
    q.add_argument("--trials", type=int, default=100)
    q.add_argument("--multivariate", choices=["auto", "true", "false"], default="auto")
    q.add_argument("--functions", default=",".join(name for name, *_ in FUNCTIONS))
    s = sub.add_parser("speed")
    s.add_argument("--sizes", default="100,1000,10000")
    s.add_argument("--repeats", type=int, default=7)
    s.add_argument("--multivariate", choices=["auto", "true", "false"], default="auto")
    s.add_argument("--kind", choices=["float", "int"], default="float")
    t = sub.add_parser("table")
    t.add_argument("files", nargs="+")
    args = parser.parse_args()
    {"quality": quality, "speed": speed, "table": table}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
