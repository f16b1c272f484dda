#!/usr/bin/env python3
"""A tiny training script for `sweep run`: an epsilon-greedy agent on a 10-armed Gaussian bandit.

Sweep passes the parameters as --name value (and as SWEEP_PARAMS JSON); the script prints one
JSON metric line per window of 100 steps: {"step": k, "reward": mean reward, "optimal": share}.
Other output is kept in the trial's log.
"""
import argparse
import json
import os
import random

parser = argparse.ArgumentParser()
parser.add_argument("--epsilon", type=float, default=0.1)
parser.add_argument("--step_size", type=float, default=0.1)
parser.add_argument("--optimistic", type=float, default=0.0)
parser.add_argument("--steps", type=int, default=4000)
args = parser.parse_args()

rng = random.Random(int(os.environ.get("SWEEP_SEED", "0")) % (2**32))
arms = 10
means = [rng.gauss(0, 1) for _ in range(arms)]
best = max(range(arms), key=lambda a: means[a])
q = [args.optimistic] * arms
print(f"trial {os.environ.get('SWEEP_TRIAL')} starting: {args}", flush=True)

window, total, optimal = 100, 0.0, 0
for t in range(args.steps):
    if rng.random() < args.epsilon:
        a = rng.randrange(arms)
    else:
        a = max(range(arms), key=lambda i: q[i])
    r = rng.gauss(means[a], 1)
    q[a] += args.step_size * (r - q[a])
    total += r
    optimal += a == best
    if (t + 1) % window == 0:
        print(json.dumps({"step": t // window, "reward": total / window, "optimal": optimal / window}), flush=True)
        total, optimal = 0.0, 0
