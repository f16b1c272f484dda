#!/usr/bin/env python3
"""Writes a curve dataset (DESIGN.md's JSON lines) of noisy learning curves for replay benchmarks.

Each trial learns towards a quality q with time constant tau, plus Gaussian noise of its own
size: value(s) = q * (1 - exp(-(s + 1) / tau)) + noise * N(0, 1), rounded to 5 decimals.
One line per trial: {"id": "t17", "params": {"lr": ..., "width": ...}, "curve": [...],
"direction": "maximize"}. The same seed gives the same file.

Usage: python3 Benchmarks/make_curves.py OUT.jsonl [--trials 100000] [--steps 100] [--seed 1]
"""
import argparse
import json
import math
import random

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("out")
p.add_argument("--trials", type=int, default=100000)
p.add_argument("--steps", type=int, default=100)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()
rng = random.Random(a.seed)
with open(a.out, "w") as f:
    for i in range(a.trials):
        q, tau, noise = rng.random(), 5 + 40 * rng.random(), 0.05 * rng.random()
        curve = [round(q * (1 - math.exp(-(s + 1) / tau)) + noise * rng.gauss(0, 1), 5) for s in range(a.steps)]
        # Parameters a study might have drawn: a learning rate that sets the speed, a width.
        params = {"lr": round(10 ** (-4 + 3 * (45 - tau) / 40), 6), "width": 8 + int(248 * q)}
        f.write(json.dumps({"id": f"t{i}", "params": params, "curve": curve, "direction": "maximize"}) + "\n")
