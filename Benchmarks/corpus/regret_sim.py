"""A numpy replay of the issue-11 measure, shared by regret_floors.py and judge_ideas.py.

It follows `sweep replay FILE --value mean_last:K --shuffles 19 --seed 1000` (Sources/SweepRunner
Replay.swift, ReplayResult.swift, JudgeBenchmark.swift; CurveGroups.swift) and
Benchmarks/frontier.py:

- A study is one data file; lines with one "group" are one trial whose curve is the mean of its
  lines at each step and whose standard error is that mean's (sample SD / sqrt(lines)); the trial's
  steps cost one per line. Every study in the corpus has equal-length curves and no NaN.
- A trial's value is the mean of its (merged) curve's last K values, K = max(1, round(median line
  length / 10)), as frontier.py's `study_info`.
- Values are sign-flipped for minimised studies, so that higher is better everywhere here.
- Trials run one after another in an order; a judge sees each report and may stop the trial
  after it (a trial stopped after report t used t + 1 steps). A trial that ran to the end is
  complete; only complete trials are "completed" for later decisions.
- steps used = sum of steps run x lines / sum of steps x lines; regret = (best value of all
  trials - best value of the complete ones) / (max value - min value), 1 if none completed, 0 if
  the range is 0. A family's figures are the mean over its studies (each study counts once) of the
  mean over orders; "max" is the largest regret of any replay.
- Orders: the file order and 19 seeded shuffles. The Swift benchmark shuffles with SplitMix64;
  this uses Python's `random` seeded by crc32("<base>|<study>|<k>"), so the shuffles are
  different draws of the same distribution (base 1000 for scoring, other bases for tuning).
"""
import json
import os
import random
import statistics
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
FAMILIES = ("gymnasium", "own", "sklearn", "sweep")


class Study:
    """One study: merged curves (n x T, higher is better), their standard errors, lines per
    trial, values (mean of the last K) and its family."""

    def __init__(self, name, family, curves, se, runs, k):
        self.name, self.family, self.k = name, family, k
        self.curves, self.se, self.runs = curves, se, runs
        self.n, self.T = curves.shape
        self.values = curves[:, -k:].mean(1)
        self.lo, self.hi = self.values.min(), self.values.max()
        self.range = self.hi - self.lo
        # Trailing mean of the last K reports at each step (fewer at the start) and its standard
        # error from the window's spread (the noise a judge can see within one trial).
        c = np.cumsum(np.pad(curves, ((0, 0), (1, 0))), axis=1)
        c2 = np.cumsum(np.pad(curves ** 2, ((0, 0), (1, 0))), axis=1)
        idx = np.arange(self.T)
        start = np.maximum(0, idx + 1 - k)
        width = (idx + 1 - start).astype(float)
        self.trail = (c[:, idx + 1] - c[:, start]) / width
        var = np.maximum((c2[:, idx + 1] - c2[:, start]) / width - self.trail ** 2, 0) * width / np.maximum(width - 1, 1)
        self.trail_se = np.sqrt(var / width)

    def score(self, used, order=None):
        """(steps fraction, regret) for steps used per trial (T = ran to the end)."""
        steps = (used * self.runs).sum() / (self.T * self.runs).sum()
        kept = used >= self.T
        if not kept.any():
            return steps, 1.0
        if self.range <= 0:
            return steps, 0.0
        return steps, (self.hi - self.values[kept].max()) / self.range


def load(data_dir=DATA):
    studies = []
    for name in sorted(os.listdir(data_dir)):
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(data_dir, name)) as f:
            lines = [json.loads(line) for line in f if line.strip()]
        family = lines[0].get("labels", {}).get("source", "?")
        sign = 1.0 if lines[0].get("direction", "maximize") == "maximize" else -1.0
        k = max(1, round(statistics.median(len(r["curve"]) for r in lines) / 10))
        groups, order = {}, []
        for i, r in enumerate(lines):
            key = r.get("group") or f"\0{i}"
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(np.array([np.nan if v is None else v for v in r["curve"]], float) * sign)
        curves, ses, runs = [], [], []
        for key in order:
            m = np.array(groups[key])
            # As CurveGroups.swift sums it (value / lines, in line order), so that ties tie alike.
            mean = np.zeros(m.shape[1])
            for row in m:
                mean = mean + row / len(m)
            curves.append(mean)
            ses.append(np.nanstd(m, 0, ddof=1) / np.sqrt(len(m)) if len(m) > 1 else np.zeros(m.shape[1]))
            runs.append(len(m))
        studies.append(Study(name[: -len(".jsonl")], family, np.array(curves), np.array(ses), np.array(runs), k))
    return studies


def orders(study, count, base, file_order=True):
    """The file order (when asked) then seeded shuffles, `count` orders in all."""
    result = [list(range(study.n))] if file_order else []
    k = 0
    while len(result) < count:
        order = list(range(study.n))
        random.Random(zlib.crc32(f"{base}|{study.name}|{k}".encode())).shuffle(order)
        result.append(order)
        k += 1
    return result


def replay(study, order, judge):
    """Runs `judge(study, completed, i)` -> steps used by trial i (T to complete) through one
    order; `completed` is the list of complete trial indices so far (or, for a judge with
    `with_history` set, the list of (index, steps used) of every earlier trial, pruned ones too).
    Returns (steps, regret)."""
    used = np.empty(study.n, int)
    completed, history = [], []
    wants_history = getattr(judge, "with_history", False)
    for i in order:
        u = judge(study, history if wants_history else completed, i)
        used[i] = u
        history.append((i, u))
        if u >= study.T:
            completed.append(i)
    return study.score(used)


def evaluate(studies, judge, count=20, base=1000, file_order=True):
    """Per study: (mean steps, mean regret, max regret) over the orders."""
    out = {}
    for s in studies:
        res = [replay(s, o, judge) for o in orders(s, count, base, file_order)]
        out[s.name] = (float(np.mean([r[0] for r in res])), float(np.mean([r[1] for r in res])),
                       float(max(r[1] for r in res)))
    return out


def summarize(studies, per_study, names=None):
    """Family rows {family: (steps, regret mean, regret max)} plus "all"."""
    rows = {}
    for fam in FAMILIES + ("all",):
        ss = [s for s in studies if (fam == "all" or s.family == fam) and (names is None or s.name in names)]
        if not ss:
            continue
        vals = [per_study[s.name] for s in ss]
        rows[fam] = (float(np.mean([v[0] for v in vals])), float(np.mean([v[1] for v in vals])),
                     float(max(v[2] for v in vals)))
    return rows


def first_true(mask, default):
    """Index of the first True along axis -1 of a 1-D mask, or `default`."""
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else default


def percentile_judge(percentile=50.0, n_startup=5, warmup=0):
    """Optuna's PercentilePruner / MedianPruner (Sources/SweepPruners/PercentilePruner.swift):
    once n_startup trials are complete, from step `warmup` on, prune when the trial's best value so
    far is worse than the (100 - percentile)th percentile of the complete trials' values at the
    same step (numpy linear interpolation)."""

    def judge(study, completed, i):
        if len(completed) < max(1, n_startup):
            return study.T
        threshold = np.percentile(study.curves[completed], 100 - percentile, axis=0)
        best = np.maximum.accumulate(study.curves[i])
        bad = best < threshold
        bad[:warmup] = False
        t = first_true(bad, -1)
        return study.T if t < 0 else t + 1

    return judge


def format_rows(title_rows, header=("judge",)):
    """Markdown table: one row per (label, {family: (steps, mean, max)})."""
    fams = [f for f in FAMILIES + ("all",)]
    lines = ["| " + " | ".join(header) + " | " + " | ".join(f"{f} steps / mean / max" for f in fams) + " |",
             "| " + " | ".join("---" for _ in header) + " | " + " | ".join("---:" for _ in fams) + " |"]
    for label, rows in title_rows:
        cells = [f"{rows[f][0]:.0%} / {rows[f][1]:.4f} / {rows[f][2]:.3f}" if f in rows else "" for f in fams]
        lines.append("| " + " | ".join(label if isinstance(label, tuple) else (label,)) + " | " + " | ".join(cells) + " |")
    return "\n".join(lines)
