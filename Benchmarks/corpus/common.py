"""Shared helpers for the real-curve corpus: seeding, random hyperparameters, rounding, records."""
import math
import zlib

import numpy as np


def study_rng(master_seed, study):
    """The random generator of one study: depends only on the master seed and the study's name."""
    return np.random.default_rng([master_seed, zlib.crc32(study.encode())])


def loguniform(rng, lo, hi):
    return float(math.exp(rng.uniform(math.log(lo), math.log(hi))))


def choice(rng, options):
    return options[int(rng.integers(len(options)))]


def sig(x, digits=6):
    """x rounded to `digits` significant digits; None for NaN and infinities (JSON has no such tokens)."""
    if x is None:
        return None
    x = float(x)
    if not math.isfinite(x):
        return None
    if x == 0:
        return 0.0
    return float(f"{x:.{digits}g}")


def clean_params(params):
    """Params as plain JSON values, floats rounded to 6 significant digits."""
    out = {}
    for k, v in params.items():
        if isinstance(v, (bool, np.bool_)):
            out[k] = bool(v)
        elif isinstance(v, (int, np.integer)):
            out[k] = int(v)
        elif isinstance(v, (float, np.floating)):
            out[k] = sig(v)
        elif isinstance(v, (list, tuple)):
            out[k] = [int(x) if isinstance(x, (int, np.integer)) else x for x in v]
        else:
            out[k] = v
    return out


def record(study, index, params, curve, direction, labels):
    """One line of the curve dataset (DESIGN.md, "Curve dataset (JSON lines)")."""
    return {
        "id": f"{study}-{index:03d}",
        "params": clean_params(params),
        "curve": [sig(v) for v in curve],
        "direction": direction,
        "labels": labels,
    }


def window_means(values, window):
    """Means of consecutive windows of `window` values (the last partial window is dropped)."""
    n = len(values) // window
    return [sum(values[i * window:(i + 1) * window]) / window for i in range(n)]
