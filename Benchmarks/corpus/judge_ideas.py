#!/usr/bin/env python3
"""Causal judge ideas for issue 11, simulated on the corpus and tuned leave-one-family-out.

Usage: python3 Benchmarks/corpus/judge_ideas.py [--tune-orders 20] [--orders 20] [--json OUT] [--doc docs/benchmarks.md]

The replay is regret_sim.py's (the issue-11 measure; its median pruner matches `sweep replay` in
the file order of every study). Every idea is a grid of settings. For each family F, the setting is
chosen on the other three families only: among the settings with mean regret <= 0.002 and max
regret <= 0.05 over those families' studies, the one with the fewest steps; when none meets both,
the one closest to them (smallest max(mean / 0.002, max / 0.05)), then fewest steps. Tuning replays
use `--tune-orders` shuffles seeded with base 7000 and not the file order; F is then scored in the
file order and 19 shuffles seeded with base 1000 (frontier.py's count, though not its exact draws).
The "all" row is every study scored with the setting chosen without its family. For scale, an
"(in-sample)" row is the setting chosen on all 25 studies (tuning orders), scored on them.

Notation, at step t (0-based) of the current trial i, in a study whose curves have T steps
(a live judge reads T from the complete trials), K = the study's mean_last window:
  m_i(t)   mean of the trial's last K reports up to t (fewer at the start)
  s_i(t)   standard error of that window (its sample SD / sqrt(its width))
  c_j(t)   the same trailing mean of complete trial j at step t; v_j its value (mean of its last K)
  v*       the best value of the complete trials, R = v* - (worst complete value)
  G(t)     max over complete trials of (v_j - c_j(t)), at least 0: the most any complete trial
           gained from step t to its end
A trial is never pruned before step floor(w T) or while fewer than s0 trials are complete.

Ideas:
  median      Optuna's MedianPruner / PercentilePruner (n_startup_trials, n_warmup_steps), as a
              check of the simulation against docs/benchmarks.md section 11 (not tuned).
  gap         prune when m_i(t) + z s_i(t) < (k-th best c_j(t)) - margin R: the running mean of the
              recent window, noise-aware, against the top-k complete trials at the same step.
  reach       prune when m_i(t) + max(alpha G(t), gamma (1 - t / T) R, beta d_i(t) (T - 1 - t))
              + z s_i(t) < v*: the trial cannot reach the best complete value even if it gains as
              much as the complete trial that gained most from this step (times alpha), or a prior
              gain that shrinks linearly to 0 at the end of the run (gamma, in units of the
              complete trials' range), or its own recent rise continued to the end (beta times
              d_i(t) = max(0, m_i(t) - m_i(t - K)) / K per step).
  poprank     prune when the rank of m_i(t) + z s_i(t) among ALL earlier trials at step t (a
              pruned trial's trailing mean carried forward from where it stopped), as a fraction
              (1 + number strictly better) / (number of earlier trials + 1), is worse than
              r(t / T) = r0 + (r1 - r0) (t / T - w) / (1 - w) from t / T >= w on (never before):
              a causal stand-in for regret_floors.py's hindsight rank schedule.
  logistic    a logistic model of "this trial's value ends within 0.02 R of the best value of
              the complete trials or above it" on prefix features (fraction of the run, the gap
              (m_i(t) - best c_j(t)) / R, the gap to v* over R, the rank among complete trials,
              the trial's slope over the last K steps / R, s_i(t) / R), fitted on the training
              families' complete curves in the tuning orders; prune when its probability is below
              p after step wT.
"""
import argparse
import itertools
import json
import os
import sys

import numpy as np

import regret_sim as rs

MEAN_CAP, MAX_CAP = 0.002, 0.05


def prune_at(bad, w, T):
    bad[: int(w * T)] = False
    t = rs.first_true(bad, -1)
    return T if t < 0 else t + 1


def gap(k, z, margin, w, s0):
    def judge(s, completed, i):
        if len(completed) < s0:
            return s.T
        c = s.trail[completed]
        v = s.values[completed]
        ref = np.sort(c, 0)[-min(k, len(completed))]
        return prune_at(s.trail[i] + z * s.trail_se[i] < ref - margin * (v.max() - v.min()), w, s.T)

    return judge


def reach(alpha, gamma, beta, z, w, s0):
    def judge(s, completed, i):
        if len(completed) < s0:
            return s.T
        c = s.trail[completed]
        v = s.values[completed]
        g = np.maximum((v[:, None] - c).max(0), 0)
        t = np.arange(s.T)
        prior = gamma * (1 - t / s.T) * (v.max() - v.min())
        m = s.trail[i]
        lag = np.maximum(t - s.k, 0)
        trend = beta * np.maximum(m - m[lag], 0) / np.maximum(t - lag, 1) * (s.T - 1 - t)
        gain = np.maximum(np.maximum(alpha * g, prior), trend)
        return prune_at(m + gain + z * s.trail_se[i] < v.max(), w, s.T)

    return judge


def poprank(w, r0, r1, z, s0):
    def judge(s, history, i):
        if len(history) < s0:
            return s.T
        idx = np.array([j for j, _ in history])
        last = np.array([u for _, u in history]) - 1
        t = np.arange(s.T)
        # Every earlier trial at step t; a pruned one carries its last trailing mean forward.
        population = s.trail[idx[:, None], np.minimum(t[None, :], last[:, None])]
        m = s.trail[i] + z * s.trail_se[i]
        rank = ((population > m[None, :]).sum(0) + 1) / (len(history) + 1)
        f = t / s.T
        allowed = np.where(f < w, np.inf, r0 + (r1 - r0) * (f - w) / max(1 - w, 1e-9))
        return prune_at(rank > allowed, 0, s.T)

    judge.with_history = True
    return judge


def features(s, completed, i):
    """Per step features of trial i against the complete trials (rows: steps)."""
    c = s.trail[completed]
    v = s.values[completed]
    r = max(v.max() - v.min(), 1e-12)
    m = s.trail[i]
    f = np.arange(s.T) / s.T
    top = c.max(0)
    rank = (c > m[None, :]).sum(0) / len(completed)
    lag = np.maximum(np.arange(s.T) - s.k, 0)
    slope = (m - m[lag]) / r
    return np.column_stack([f, (m - top) / r, (m - v.max()) / r, rank, slope, s.trail_se[i] / r,
                            f * (m - top) / r, np.full(s.T, min(len(completed), 10) / 10)])


def label(s, completed, i):
    v = s.values[completed]
    r = max(v.max() - v.min(), 1e-12)
    return float(s.values[i] >= v.max() - 0.02 * r)


class Logistic:
    def __init__(self, x, y, l2=1e-3, iters=300):
        self.mu, self.sd = x.mean(0), x.std(0) + 1e-9
        z = np.column_stack([(x - self.mu) / self.sd, np.ones(len(x))])
        wpos = 0.5 / max(y.mean(), 1e-6)
        wneg = 0.5 / max(1 - y.mean(), 1e-6)
        sw = np.where(y > 0, wpos, wneg)
        beta = np.zeros(z.shape[1])
        for _ in range(iters):  # Newton steps on the class-balanced, L2-penalised log loss
            p = 1 / (1 + np.exp(-np.clip(z @ beta, -50, 50)))
            g = z.T @ (sw * (p - y)) / len(y) + l2 * beta
            h = (z * (sw * p * (1 - p))[:, None]).T @ z / len(y) + l2 * np.eye(len(beta))
            step = np.linalg.solve(h, g)
            beta -= step
            if np.abs(step).max() < 1e-8:
                break
        self.beta = beta

    def prob(self, x):
        z = np.column_stack([(x - self.mu) / self.sd, np.ones(len(x))])
        return 1 / (1 + np.exp(-np.clip(z @ self.beta, -50, 50)))


def training_set(studies, count, s0=2, stride=3):
    """Features and labels for every trial at every `stride`-th step, in the tuning orders, with
    the complete set grown as a judge that never prunes would (every earlier trial complete)."""
    xs, ys = [], []
    for s in studies:
        for order in rs.orders(s, count, 7000, file_order=False):
            for j, i in enumerate(order):
                if j < s0:
                    continue
                completed = order[:j]
                x = features(s, completed, i)[::stride]
                xs.append(x)
                ys.append(np.full(len(x), label(s, completed, i)))
    return np.vstack(xs), np.concatenate(ys)


def logistic(model, p, w, s0):
    def judge(s, completed, i):
        if len(completed) < s0:
            return s.T
        return prune_at(model.prob(features(s, completed, i)) < p, w, s.T)

    return judge


OPTUNA = ("median", "percentile", "hyperband", "successive_halving", "patient", "wilcoxon")


def optuna_rows(doc):
    """Section 11's Optuna rows per family: {family: [(spec, steps, mean regret)]} (frontier.py's
    tables; these are `sweep replay`'s own orders, not this simulation's)."""
    rows, family = {}, None
    inside = False
    with open(doc) as f:
        for line in f:
            if line.startswith("<!-- frontier:begin"):
                inside = True
            elif line.startswith("<!-- frontier:end"):
                break
            elif inside and line.startswith("**"):
                family = line.strip("*\n ").strip("*")
                family = "all" if family == "all studies" else family
            elif inside and family and line.startswith("| `"):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if cells[1] in OPTUNA:
                    rows.setdefault(family, []).append((cells[0].strip("`"), float(cells[2].rstrip("%")) / 100, float(cells[3])))
    return rows


def dominated_by(row, optuna):
    """The Optuna settings with both fewer steps and lower mean regret than `row`."""
    return [spec for spec, steps, regret in optuna if steps < row[0] and regret < row[1]]


def choose(per_setting, names):
    """The setting to use for studies outside `names`, chosen on `names` (see the docstring)."""
    best, best_key = None, None
    for key, per in per_setting.items():
        steps = np.mean([per[n][0] for n in names])
        mean = np.mean([per[n][1] for n in names])
        worst = max(per[n][2] for n in names)
        excess = max(mean / MEAN_CAP, worst / MAX_CAP)
        k = (0 if excess <= 1 else 1, excess if excess > 1 else 0, steps)
        if best_key is None or k < best_key:
            best, best_key = key, k
    return best, best_key


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tune-orders", type=int, default=20)
    p.add_argument("--orders", type=int, default=20)
    p.add_argument("--json")
    p.add_argument("--doc", default=os.path.join(os.path.dirname(rs.HERE), os.pardir, "docs", "benchmarks.md"),
                   help="where section 11's Optuna rows are read for the dominance check ('' to skip)")
    a = p.parse_args()
    if a.tune_orders < 1 or a.orders < 1:
        p.error("--tune-orders and --orders must be at least 1")
    studies = rs.load()
    by_family = {f: [s for s in studies if s.family == f] for f in rs.FAMILIES}
    out = {"median check": {}, "ideas": {}}

    # 1. The simulated median and percentile pruners beside section 11 (scoring orders).
    checks = {"median": (50, 5, 0), "median:n_warmup_steps=5": (50, 5, 5), "median:n_warmup_steps=10": (50, 5, 10),
              "median:n_warmup_steps=20": (50, 5, 20), "median:n_startup_trials=10,n_warmup_steps=10": (50, 10, 10),
              "percentile:percentile=25,n_warmup_steps=10": (25, 5, 10),
              "percentile:percentile=10,n_warmup_steps=5": (10, 5, 5)}
    table = []
    for spec, args in checks.items():
        rows = rs.summarize(studies, rs.evaluate(studies, rs.percentile_judge(*args), a.orders, 1000))
        out["median check"][spec] = rows
        table.append((f"`{spec}` (simulated)", rows))
    print("Optuna's median / percentile pruners in the simulation (compare docs/benchmarks.md section 11):\n")
    print(rs.format_rows(table, header=("setting",)))

    grids = {
        "gap": [("gap", q) for q in itertools.product([1, 2, 3], [0, 1, 2], [0, 0.1, 0.2], [0.05, 0.1, 0.2, 0.3], [1, 2, 3])],
        "reach": [("reach", q) for q in itertools.product([1, 1.5, 2], [0, 0.5, 1, 2], [0, 2, 4], [1, 2],
                                                          [0, 0.05, 0.1, 0.2], [2, 3])],
    }
    grids["poprank"] = [("poprank", q) for q in itertools.product([0.05, 0.1, 0.15, 0.2], [0.5, 0.6, 0.7, 0.8],
                                                                  [0.2, 0.3, 0.4], [0, 1], [2, 3])]
    makers = {"gap": gap, "reach": reach, "poprank": poprank}
    for idea, settings in grids.items():
        per_setting = {}
        for kind, q in settings:
            per_setting[q] = rs.evaluate(studies, makers[kind](*q), a.tune_orders, 7000, file_order=False)
        print(f"{idea}: {len(settings)} settings tuned", file=sys.stderr, flush=True)
        held, chosen = {}, {}
        for fam, members in by_family.items():
            train = [s.name for s in studies if s.family != fam]
            q, key = choose(per_setting, train)
            chosen[fam] = {"setting": q, "meets caps on training families": key[0] == 0}
            held.update(rs.evaluate(members, makers[idea](*q), a.orders, 1000))
        out["ideas"][idea] = {"chosen": chosen, "rows": rs.summarize(studies, held)}
        # In-sample, for scale: the setting chosen on all 25 studies (tuning orders), scored on them.
        q, key = choose(per_setting, [s.name for s in studies])
        out["ideas"][idea + " (in-sample)"] = {
            "chosen": {"all": {"setting": q, "meets caps on training families": key[0] == 0}},
            "rows": rs.summarize(studies, rs.evaluate(studies, makers[idea](*q), a.orders, 1000))}

    # The logistic idea: one model per held-out family, its threshold and warm-up tuned likewise.
    held, chosen = {}, {}
    for fam, members in by_family.items():
        train = [s for s in studies if s.family != fam]
        x, y = training_set(train, a.tune_orders)
        model = Logistic(x, y)
        per_setting = {}
        for q in itertools.product([0.02, 0.05, 0.1, 0.2, 0.3], [0, 0.05, 0.1, 0.2], [1, 2, 3]):
            per_setting[q] = rs.evaluate(train, logistic(model, *q), a.tune_orders, 7000, file_order=False)
        q, key = choose(per_setting, [s.name for s in train])
        chosen[fam] = {"setting": q, "meets caps on training families": key[0] == 0,
                       "weights": model.beta.tolist(), "mu": model.mu.tolist(), "sd": model.sd.tolist()}
        held.update(rs.evaluate(members, logistic(model, *q), a.orders, 1000))
        print(f"logistic: held out {fam}", file=sys.stderr, flush=True)
    out["ideas"]["logistic"] = {"chosen": chosen, "rows": rs.summarize(studies, held)}

    print("\nIdeas, each family scored with the setting tuned on the other three (held out):\n")
    print(rs.format_rows([(idea, v["rows"]) for idea, v in out["ideas"].items()], header=("idea",)))
    if a.doc:
        optuna = optuna_rows(a.doc)
        print("\nOptuna settings of section 11 that dominate each held-out row (fewer steps and lower mean "
              "regret; section 11 replays other shuffles, so differences of a few points are noise):\n")
        print("| idea | " + " | ".join(rs.FAMILIES) + " |")
        print("| --- |" + " --- |" * len(rs.FAMILIES))
        for idea, v in out["ideas"].items():
            if "in-sample" in idea:
                continue
            cells = [", ".join(f"`{d}`" for d in dominated_by(v["rows"][f], optuna.get(f, []))) or "none"
                     for f in rs.FAMILIES]
            print(f"| {idea} | " + " | ".join(cells) + " |")
    print("\nSettings chosen (per held-out family; * = met both caps on its training families):\n")
    for idea, v in out["ideas"].items():
        cells = [f"{fam}: {c['setting']}{'*' if c['meets caps on training families'] else ''}" for fam, c in v["chosen"].items()]
        print(f"- {idea}: " + "; ".join(cells))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
