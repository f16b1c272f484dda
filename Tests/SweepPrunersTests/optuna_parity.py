#!/usr/bin/env python3
"""Pruner parity cases, decided by Optuna itself, for SweepPrunersTests.

Generates seeded random studies (curves that rise or fall with noise, ties, NaN and the odd
infinity; trials of different lengths; both directions; several study names) and many pruner
configurations covering every pruner Sweep shares with Optuna. Each case is replayed through
Optuna in DESIGN.md's order: trials one after another; each reports steps 0..n-1, asks
`should_prune` after each report, and ends PRUNED at that step or is told its last value (a NaN
last value makes Optuna fail the trial).

About one case in eight reports other steps than 0..n-1 (gaps, swapped or repeated steps), which
the Study API allows. Also checks the statistics the pruners lean on: numpy's nanpercentile, scipy's Wilcoxon p-value
(zero_method="zsplit") and CRC-32.

Prints one JSON object on stdout. Every float is written with float.hex() ("nan", "inf" and
"0x1.8p+1" alike) so that Swift reads back exactly the same double.

Usage: python3 optuna_parity.py [--seed N] [--scale K]
"""

import argparse
import binascii
import json
import math
import random
import sys
import warnings


def hexf(x):
    return float(x).hex()


# ---------------------------------------------------------------------------------------------
# Pruner configurations: (name, [(key, value), ...]); "wrapped" holds a nested configuration.

def fmt(v):
    if isinstance(v, bool):
        raise TypeError("no booleans in pruner specs")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def spec_text(cfg):
    name, params = cfg
    parts = [f"{k}={fmt(v)}" for k, v in params if k != "wrapped"]
    wrapped = [v for k, v in params if k == "wrapped"]
    if wrapped:
        parts.append("wrapped=" + spec_text(wrapped[0]))
    return name + (":" + ",".join(parts) if parts else "")


def build(cfg):
    import optuna.pruners as P

    name, params = cfg
    kw = dict(params)
    if name == "nop":
        return P.NopPruner()
    if name == "median":
        return P.MedianPruner(**kw)
    if name == "percentile":
        return P.PercentilePruner(**kw)
    if name == "threshold":
        return P.ThresholdPruner(**kw)
    if name == "patient":
        wrapped = kw.pop("wrapped", None)
        return P.PatientPruner(build(wrapped) if wrapped is not None else None, **kw)
    if name == "successive_halving":
        return P.SuccessiveHalvingPruner(**kw)
    if name == "hyperband":
        return P.HyperbandPruner(**kw)
    if name == "wilcoxon":
        return P.WilcoxonPruner(**kw)
    raise ValueError(name)


def maybe(rng, params, key, choices, default=None, p_omit=0.3):
    """Adds key=choice, sometimes leaving a default value out of the spec."""
    v = rng.choice(choices)
    if default is not None and v == default and rng.random() < p_omit:
        return
    params.append((key, v))


def percentile_params(rng, with_percentile):
    params = []
    if with_percentile:
        params.append(("percentile", rng.choice([0.0, 5.0, 10.0, 25.0, 33.3, 50.0, 62.5, 75.0, 90.0, 100.0])))
    maybe(rng, params, "n_startup_trials", [0, 0, 1, 2, 3, 5], default=5)
    maybe(rng, params, "n_warmup_steps", [0, 0, 1, 2, 5], default=0)
    maybe(rng, params, "interval_steps", [1, 1, 2, 3], default=1)
    maybe(rng, params, "n_min_trials", [1, 1, 2, 4], default=1)
    rng.shuffle(params)
    return params


def threshold_params(rng):
    params = []
    kind = rng.choice(["lower", "upper", "both", "both"])
    lo = round(rng.uniform(-1.5, 0.5), 2)
    hi = round(lo + rng.uniform(0.0, 2.5), 2)
    if kind in ("lower", "both"):
        params.append(("lower", lo))
    if kind in ("upper", "both"):
        params.append(("upper", hi))
    maybe(rng, params, "n_warmup_steps", [0, 0, 1, 3], default=0)
    maybe(rng, params, "interval_steps", [1, 1, 2, 4], default=1)
    return params


def sh_params(rng):
    params = []
    min_resource = rng.choice(["auto", "auto", 1, 1, 2, 3])
    if min_resource != "auto" or rng.random() < 0.5:
        params.append(("min_resource", min_resource))
    maybe(rng, params, "reduction_factor", [2, 2, 3, 4, 4, 5], default=4)
    maybe(rng, params, "min_early_stopping_rate", [0, 0, 0, 1, 2], default=0)
    if min_resource != "auto":
        maybe(rng, params, "bootstrap_count", [0, 0, 1, 2, 3], default=0)
    rng.shuffle(params)
    return params


def hyperband_params(rng):
    params = []
    maybe(rng, params, "min_resource", [1, 1, 1, 2, 3], default=1)
    max_resource = rng.choice(["auto", "auto", 4, 9, 12, 20, 27, 40])
    if max_resource != "auto" or rng.random() < 0.5:
        params.append(("max_resource", max_resource))
    maybe(rng, params, "reduction_factor", [2, 3, 3, 4], default=3)
    if max_resource != "auto":
        maybe(rng, params, "bootstrap_count", [0, 0, 1, 2], default=0)
    rng.shuffle(params)
    return params


def wilcoxon_params(rng):
    params = []
    maybe(rng, params, "p_threshold", [0.0, 0.01, 0.05, 0.1, 0.1, 0.2, 0.3, 0.5, 1.0], default=0.1)
    maybe(rng, params, "n_startup_steps", [0, 1, 2, 2, 3, 5, 10], default=2)
    rng.shuffle(params)
    return params


def patient_params(rng):
    params = [("patience", rng.choice([0, 1, 1, 2, 3, 5]))]
    maybe(rng, params, "min_delta", [0.0, 0.0, 0.001, 0.01, 0.05, 0.2], default=0.0)
    inner = rng.choice(["none", "none", "median", "percentile", "threshold", "successive_halving",
                        "hyperband", "wilcoxon", "nop", "patient"])
    if inner != "none":
        params.append(("wrapped", config(rng, inner, depth=1)))
    return params


def config(rng, name, depth=0):
    if name == "nop":
        return ("nop", [])
    if name == "median":
        return ("median", percentile_params(rng, False))
    if name == "percentile":
        return ("percentile", percentile_params(rng, True))
    if name == "threshold":
        return ("threshold", threshold_params(rng))
    if name == "successive_halving":
        return ("successive_halving", sh_params(rng))
    if name == "hyperband":
        return ("hyperband", hyperband_params(rng))
    if name == "wilcoxon":
        return ("wilcoxon", wilcoxon_params(rng))
    if name == "patient":
        if depth > 0:
            return ("patient", [("patience", rng.choice([0, 1, 2]))])
        return ("patient", patient_params(rng))
    raise ValueError(name)


# ---------------------------------------------------------------------------------------------
# Studies.

STUDY_NAMES = ["study", "demo", "hb-0", "exp_42", "ppo-cartpole", "Ünïcode étude", "a",
               "sweep/rl lr=3e-4", "bandit_eps", "s7"]


def make_curve(rng, n, style):
    start = rng.gauss(0.0, 1.0)
    rate = rng.gauss(0.0, 1.0)
    tau = rng.uniform(1.0, 15.0)
    noise = style["noise"] * rng.uniform(0.5, 1.5)
    q = style["quantum"]
    values = []
    if rng.random() < style["all_nan"]:
        return [math.nan] * n
    for s in range(n):
        v = start + rate * (1.0 - math.exp(-s / tau)) + rng.gauss(0.0, noise)
        if q is not None:
            v = round(v / q) * q
            v = float(round(v, 6))
        r = rng.random()
        if r < style["nan"]:
            v = math.nan
        elif r < style["nan"] + style["inf"]:
            v = rng.choice([math.inf, -math.inf])
        values.append(v)
    return values


STEADY = {"noise": 0.1, "quantum": None, "nan": 0.0, "inf": 0.0, "all_nan": 0.0}


def make_study(rng, base_length=None, n_trials=None, ties_up_to=None):
    """Curves of one study. With `ties_up_to`, quantized values (many ties) only in studies whose
    trials are at most that long: scipy's Wilcoxon test with ties enumerates 2**n sign flips."""
    style = {
        "noise": rng.choice([0.0, 0.01, 0.05, 0.2, 0.5]),
        "quantum": rng.choice([None, None, None, 0.05, 0.1, 0.5, 1.0]),
        "nan": rng.choice([0.0, 0.0, 0.0, 0.03, 0.1]),
        "inf": rng.choice([0.0] * 9 + [0.02]),
        "all_nan": rng.choice([0.0, 0.0, 0.03]),
    }
    if base_length is None:
        base_length = rng.choice([1, 2, 3, 5, 8, 10, 12, 16, 20, 25, 30])
    if n_trials is None:
        n_trials = rng.randint(4, 30)
    longest = base_length + 3
    if ties_up_to is not None and style["quantum"] is not None and longest > ties_up_to:
        style["quantum"] = None
    curves = []
    for _ in range(n_trials):
        if rng.random() < 0.6:
            n = base_length
        else:
            n = rng.randint(1, longest)
        curves.append(make_curve(rng, n, style))
    return curves


def irregular_steps(rng, n, kind):
    """Steps other than 0..n-1: with gaps (pruning checkpoints skipped), a few swapped (not
    increasing) or repeated (a repeated step is ignored, by Optuna and Sweep alike)."""
    steps = list(range(n))
    if kind == "gaps":
        s = rng.choice([0, 0, 1, 2])
        steps = []
        for _ in range(n):
            steps.append(s)
            s += rng.choice([1, 1, 2, 3, 5])
    elif kind == "swapped":
        for _ in range(max(1, n // 4)):
            if n > 1:
                i = rng.randrange(n - 1)
                steps[i], steps[i + 1] = steps[i + 1], steps[i]
    elif kind == "repeated":
        for i in range(1, n):
            if rng.random() < 0.15:
                steps[i] = steps[rng.randrange(i)]
    return steps


def run_case(cfg, direction, study_name, curves, steps=None):
    import optuna
    from optuna.trial import TrialState

    study = optuna.create_study(
        study_name=study_name,
        direction=direction,
        pruner=build(cfg),
        sampler=optuna.samplers.RandomSampler(seed=0),
    )
    pruned = []
    for number, curve in enumerate(curves):
        trial = study.ask()
        at = None
        trial_steps = steps[number] if steps is not None else range(len(curve))
        for step, value in zip(trial_steps, curve):
            trial.report(value, step)
            if trial.should_prune():
                at = step
                break
        if at is None:
            study.tell(trial, curve[-1])  # a NaN last value fails the trial
        else:
            study.tell(trial, state=TrialState.PRUNED)
        pruned.append(at)
    return pruned


PLAN = [  # (pruner, number of cases)
    ("nop", 8),
    ("median", 110),
    ("percentile", 110),
    ("threshold", 60),
    ("patient", 120),
    ("successive_halving", 120),
    ("hyperband", 120),
    ("wilcoxon", 100),
]


def wraps(cfg, name):
    return any(k == "wrapped" and (v[0] == name or wraps(v, name)) for k, v in cfg[1])


def cases(rng, scale):
    out = []
    for name, count in PLAN:
        for i in range(max(1, int(count * scale))):
            cfg = config(rng, name)
            direction = rng.choice(["minimize", "maximize"])
            study_name = rng.choice(STUDY_NAMES)
            base_length = None
            n_trials = None
            ties_up_to = None
            growing = False
            if name == "successive_halving" and i % 12 == 0:
                base_length, n_trials = rng.choice([150, 220, 310]), rng.randint(4, 10)
                growing = i % 24 == 0
            elif name == "hyperband" and i % 10 == 0:
                base_length, n_trials = rng.choice([27, 40, 60]), rng.randint(20, 40)
            elif name == "wilcoxon" or wraps(cfg, "wilcoxon"):
                ties_up_to = 9
                if i % 8 == 0:
                    base_length, n_trials = rng.choice([14, 30, 48, 55, 70]), rng.randint(3, 6)
                else:
                    base_length = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 14, 20])
                    n_trials = rng.randint(3, 12)
            curves = make_study(rng, base_length, n_trials, ties_up_to)
            if growing:
                # min_resource=auto is estimated once, from the first complete trial: the longer
                # trials that follow must not move it.
                cfg = (name, [(k, v) for k, v in cfg[1] if k not in ("min_resource", "bootstrap_count")])
                lengths = sorted(rng.randint(40, 330) for _ in curves)
                curves = [make_curve(rng, n, STEADY) for n in lengths]
            steps = None
            if rng.random() < 0.12 and not growing:
                kind = rng.choice(["gaps", "swapped", "repeated"])
                steps = [irregular_steps(rng, len(c), kind) for c in curves]
            out.append({"pruner": name, "cfg": cfg, "direction": direction,
                        "study": study_name, "curves": curves, "steps": steps})
    return out


# ---------------------------------------------------------------------------------------------
# Statistics.

def percentile_checks(rng, n):
    import numpy as np

    out = []
    for _ in range(n):
        size = rng.randint(1, 40)
        quantum = rng.choice([None, 0.1, 1.0])
        values = []
        for _ in range(size):
            v = rng.gauss(0, 10) * rng.choice([1e-3, 1.0, 1e3])
            if quantum is not None:
                v = round(v / quantum) * quantum
            values.append(v)
        q = rng.choice([0.0, 100.0, 50.0, 25.0, 75.0, 33.3, 66.7, 12.5, 99.9, 0.1,
                        rng.uniform(0, 100)])
        if rng.random() < 0.5:
            q = 100.0 - q  # what a maximizing PercentilePruner asks for
        expected = float(np.nanpercentile(np.array(values, dtype=float), q))
        out.append({"values": [hexf(v) for v in values], "q": hexf(q), "expected": hexf(expected)})
    return out


def wilcoxon_checks(rng, n):
    import numpy as np
    import scipy.stats as ss

    out = []
    for i in range(n):
        size = rng.choice([2, 3, 4, 5, 7, 9, 12, 13, 14, 15, 20, 30, 50, 51, 60, 80])
        quantum = rng.choice([None, None, 0.5, 1.0, 0.25])
        if 9 < size <= 13:
            quantum = None  # scipy enumerates 2**n sign flips when there are ties: keep it fast
        d = []
        shift = rng.gauss(0, 0.7)
        for _ in range(size):
            v = rng.gauss(shift, 1.0)
            if quantum is not None:
                v = round(v / quantum) * quantum
            d.append(v)
        if i % 25 == 0:
            d = [0.0] * min(size, 9)
        alternative = rng.choice(["less", "greater"])
        out.append(wilcoxon_check(ss, np, d, alternative))
    # The edges of scipy's method choice: 13 and 14 differences with ties (permutation test, then
    # normal approximation), 50 and 51 without (exact distribution, then normal approximation).
    edges = [
        [round(rng.gauss(0.3, 1.0) * 2) / 2 for _ in range(13)],
        [0.0, 0.0] + [round(rng.gauss(0.3, 1.0), 1) for _ in range(11)],
        [round(rng.gauss(0.3, 1.0) * 2) / 2 for _ in range(14)],
        [rng.gauss(0.2, 1.0) for _ in range(50)],
        [rng.gauss(0.2, 1.0) for _ in range(51)],
    ]
    for d in edges:
        for alternative in ("less", "greater"):
            out.append(wilcoxon_check(ss, np, d, alternative))
    return out


def wilcoxon_check(ss, np, d, alternative):
    p = float(ss.wilcoxon(np.array(d), alternative=alternative, zero_method="zsplit").pvalue)
    return {"d": [hexf(v) for v in d], "alternative": alternative, "p": hexf(p)}


def crc_checks():
    texts = ["", "a", "study_0", "hb-0_17", "Ünïcode étude_3", "sweep/rl lr=3e-4_1234567",
             "The quick brown fox jumps over the lazy dog"]
    texts += [f"{name}_{k}" for name in STUDY_NAMES for k in (0, 1, 9, 99, 1000)]
    return [{"text": t, "crc": binascii.crc32(t.encode())} for t in texts]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies the number of cases")
    args = parser.parse_args()

    warnings.filterwarnings("ignore")
    import numpy as np
    import optuna

    np.seterr(all="ignore")
    optuna.logging.set_verbosity(optuna.logging.ERROR)

    rng = random.Random(args.seed)
    result = {"optuna": optuna.__version__, "cases": []}
    for case in cases(rng, args.scale):
        pruned = run_case(case["cfg"], case["direction"], case["study"], case["curves"], case["steps"])
        result["cases"].append({
            "pruner": case["pruner"],
            "spec": spec_text(case["cfg"]),
            "direction": case["direction"],
            "study": case["study"],
            "curves": [[hexf(v) for v in curve] for curve in case["curves"]],
            "steps": case["steps"],
            "pruned": pruned,
        })
    result["percentiles"] = percentile_checks(rng, 400)
    result["wilcoxon"] = wilcoxon_checks(rng, 300)
    result["crc32"] = crc_checks()
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
