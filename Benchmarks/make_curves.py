#!/usr/bin/env python3
"""Writes a curve dataset (DESIGN.md's JSON lines) of noisy learning curves for replay benchmarks.

Usage: python3 Benchmarks/make_curves.py OUT.jsonl --trials 100000 --steps 100 [--seed 1]
"""
import argparse
import json
import math
import random

p = argparse.ArgumentParser()
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
        f.write(json.dumps({"id": f"t{i}", "curve": curve}) + "\n")
