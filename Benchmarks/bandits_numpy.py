"""The numpy peer of `sweep-bench bandits`: 10 Bernoulli arms (means 0.05, 0.15, ..., 0.95),
10,000 steps x 100 runs, vectorised across runs (every run is a row; one loop over steps), for
epsilon-greedy (epsilon = 0.1, sample averages), UCB1 (c = sqrt 2) and Thompson sampling (Beta(1, 1)
prior). Prints one JSON object per agent with the median seconds over the repeats.

    python3 Benchmarks/bandits_numpy.py [--repeats 5] [--steps 10000] [--runs 100]
"""
import argparse
import json
import statistics
import time

import numpy as np

MEANS = 0.05 + 0.1 * np.arange(10)


def epsilon_greedy(rng, steps, runs, epsilon=0.1):
    k = len(MEANS)
    values = np.zeros((runs, k))
    counts = np.zeros((runs, k))
    rows = np.arange(runs)
    regret = np.zeros(runs)
    for _ in range(steps):
        explore = rng.random(runs) < epsilon
        # Greedy with random tie-breaking: argmax of the values plus a tiny random jitter among ties.
        best = values.max(axis=1, keepdims=True)
        ties = (values == best) * rng.random((runs, k))
        greedy = ties.argmax(axis=1)
        arms = np.where(explore, rng.integers(0, k, runs), greedy)
        rewards = (rng.random(runs) < MEANS[arms]).astype(float)
        counts[rows, arms] += 1
        values[rows, arms] += (rewards - values[rows, arms]) / counts[rows, arms]
        regret += MEANS.max() - MEANS[arms]
    return regret.mean()


def ucb1(rng, steps, runs, c=np.sqrt(2)):
    k = len(MEANS)
    sums = np.zeros((runs, k))
    counts = np.zeros((runs, k))
    rows = np.arange(runs)
    regret = np.zeros(runs)
    for t in range(steps):
        if t < k:
            arms = np.full(runs, t)
        else:
            index = sums / counts + c * np.sqrt(np.log(t) / counts)
            arms = index.argmax(axis=1)
        rewards = (rng.random(runs) < MEANS[arms]).astype(float)
        sums[rows, arms] += rewards
        counts[rows, arms] += 1
        regret += MEANS.max() - MEANS[arms]
    return regret.mean()


def thompson(rng, steps, runs):
    k = len(MEANS)
    alpha = np.ones((runs, k))
    beta = np.ones((runs, k))
    rows = np.arange(runs)
    regret = np.zeros(runs)
    for _ in range(steps):
        arms = rng.beta(alpha, beta).argmax(axis=1)
        rewards = (rng.random(runs) < MEANS[arms]).astype(float)
        alpha[rows, arms] += rewards
        beta[rows, arms] += 1 - rewards
        regret += MEANS.max() - MEANS[arms]
    return regret.mean()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    for name, agent in [("epsilon_greedy", epsilon_greedy), ("ucb1", ucb1), ("thompson", thompson)]:
        times = []
        regret = 0.0
        for repeat in range(args.repeats):
            rng = np.random.default_rng(repeat)
            start = time.perf_counter()
            regret = agent(rng, args.steps, args.runs)
            times.append(time.perf_counter() - start)
        print(json.dumps({"bench": "bandits", "agent": name, "seconds": statistics.median(times),
                          "steps": args.steps, "runs": args.runs, "regret_mean": float(regret),
                          "implementation": "numpy"}), flush=True)


if __name__ == "__main__":
    main()
