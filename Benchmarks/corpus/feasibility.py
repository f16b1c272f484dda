#!/usr/bin/env python3
"""How few steps can any judge use on the real-curve corpus while keeping the best trial?

Usage: python3 Benchmarks/corpus/feasibility.py [DATA_DIR] [--orders N] [--markdown]

Issue 5 asks for a judge that uses at most 25% of the steps and keeps the trial with the best
final value at least 95% of the time. This script computes floors under that number, per study,
each over the file order and N-1 seeded shuffles (as many orders as `sweep replay --shuffles 20`
replays, though not the same shuffles: the floors are averages, not paired with the judges' runs):

  records     A judge decides before a trial ends, so it must run to the end the startup trials
              (the first 5, as every judge here waits for 5 complete trials) and every trial that
              becomes the best so far: otherwise the best is lost whenever it comes later in the
              order. Here every other trial stops after one step (a clairvoyant lower bound).
  noise K95   The best trial's final value is one report. Model each trial's final as its true
              level (a straight line fitted to the last 20% of its curve, read at the end) plus
              Gaussian noise with its residual SD there. Even an oracle that knows every true
              level must run to the end the smallest set of trials that holds the best with
              probability 0.95 (K95, Monte Carlo; keeping any trial that ties the best counts).
              A metric on a grid (successes out of n) is rounded to it; when 3 or more trials
              end exactly at the best value, that value is taken as an optimum nobody exceeds.
  floor       records and the K95 set both run to the end, every other trial one step.
  rank        The best a rule "prune when the trial's smoothed rank among all the study's trials
              at this fraction of the run is worse than r(fraction)" can do with ONE schedule r for
              all studies chosen in hindsight (the loosest one that never prunes any study's best,
              ranks computed from every trial's full curve), plus the record trials run to the end.

A causal judge sees neither the true levels, the future ranks, nor which trial will be a record,
so its steps are above every floor. Output: one row per study and the mean over studies (the
benchmark's "steps used" is a mean over replays, every study has the same number of orders).
"""
import argparse
import json
import os
import random
import zlib

import numpy as np

STARTUP = 5
SIMULATIONS = 20_000


def load(data_dir):
    studies = []
    for name in sorted(os.listdir(data_dir)):
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(data_dir, name)) as f:
            records = [json.loads(line) for line in f if line.strip()]
        sign = 1.0 if records[0].get("direction", "maximize") == "maximize" else -1.0
        curves = [np.array([np.nan if v is None else v for v in r["curve"]], float) * sign for r in records]
        studies.append((name[: -len(".jsonl")], curves))
    return studies


def finals(curves):
    return np.array([c[-1] if np.isfinite(c[-1]) else -np.inf for c in curves])


def orders(name, n, count):
    result = [list(range(n))]
    for k in range(1, count):
        order = list(range(n))
        random.Random(zlib.crc32(f"1|{name}|{k}".encode())).shuffle(order)
        result.append(order)
    return result


def records_in(order, final):
    """The trials that must run to the end in this order: the startup ones and each new best."""
    must, best = set(), -np.inf
    for j, i in enumerate(order):
        if j < STARTUP or final[i] > best:
            must.add(i)
        best = max(best, final[i])
    return must


def k95_set(curves, rng):
    """Smallest set of trials (taken by their chance to end best) that holds a trial ending at the
    best final value with probability 0.95, under the noise model."""
    final = finals(curves)
    levels, sds = [], []
    for c in curves:
        m = max(5, len(c) // 5)
        tail = c[-m:]
        tail = tail[np.isfinite(tail)]
        if len(tail) < 3:
            levels.append(-np.inf)
            sds.append(0.0)
            continue
        x = np.arange(len(tail))
        fit = np.polyfit(x, tail, 1)
        levels.append(np.polyval(fit, len(tail) - 1))
        sds.append((tail - np.polyval(fit, x)).std(ddof=2))
    levels, sds = np.array(levels), np.array(sds)
    draws = levels[None, :] + sds[None, :] * rng.standard_normal((SIMULATIONS, len(curves)))
    top = final[np.isfinite(final)].max()
    if (final == top).sum() >= 3:
        draws = np.minimum(draws, top)  # an optimum several trials reach: nobody ends above it
    grid = resolution(final)
    if grid:
        draws = np.round(draws / grid) * grid  # a metric on a grid (k successes of n) ties often
    attains = draws >= draws.max(1, keepdims=True) - 1e-12
    ranked = np.argsort(-attains.mean(0))
    held = np.cumsum(attains[:, ranked], axis=1) > 0
    k = int(np.searchsorted(held.mean(0), 0.95) + 1)
    return set(ranked[:k].tolist())


def resolution(values):
    """The grid step of a metric whose finals are all multiples of one step, else None."""
    v = np.unique(values[np.isfinite(values)])
    if len(v) < 3:
        return None
    step = np.diff(v).min()
    if step <= 0 or not np.allclose(np.round(v / step) * step, v, rtol=0, atol=step * 1e-6):
        return None
    return step


def smoothed(c):
    """Causal trailing mean over max(3, min(10, 10% of the steps so far)) finite values."""
    out = np.empty(len(c))
    for t in range(len(c)):
        w = int(np.clip(round(0.1 * (t + 1)), 3, 10))
        seg = c[max(0, t + 1 - w): t + 1]
        seg = seg[np.isfinite(seg)]
        out[t] = seg.mean() if len(seg) else -np.inf
    return out


def rank_schedule(studies):
    """The loosest shared schedule r(fraction) (100 bins) that keeps every study's best."""
    schedule = np.zeros(100)
    prepared = []
    for name, curves in studies:
        s = np.array([smoothed(c) for c in curves])
        n, steps = s.shape
        final = finals(curves)
        relative = []
        for b in np.flatnonzero(final == final.max()):
            relative.append(((s > s[b][None, :]).sum(0) + 1) / n)
        relative = min(relative, key=lambda r: r.mean())
        bins = (np.arange(steps) * 100) // steps
        for b in np.unique(bins):
            schedule[b] = max(schedule[b], relative[bins == b].max())
        prepared.append((s, bins))
    stops = []
    for s, bins in prepared:
        n, steps = s.shape
        # Competition ranks (1 + how many are strictly better), as the schedule was built with.
        rank = (s[None, :, :] > s[:, None, :]).sum(1) + 1
        bad = rank > schedule[bins][None, :] * n + 1e-9
        stops.append(np.where(bad.any(1), bad.argmax(1) + 1, steps))
    return schedule, stops


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data_dir", nargs="?", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    p.add_argument("--orders", type=int, default=21, help="the file order and ORDERS-1 shuffles (default 21)")
    p.add_argument("--markdown", action="store_true", help="print a markdown table")
    args = p.parse_args()
    if args.orders < 1:
        p.error("--orders must be at least 1")
    count = args.orders
    studies = load(args.data_dir)
    rng = np.random.default_rng(1)
    _, rank_stops = rank_schedule(studies)
    rows = []
    for (name, curves), stops in zip(studies, rank_stops):
        n, steps = len(curves), len(curves[0])
        final = finals(curves)
        noisy = k95_set(curves, rng)
        rec, flo, rnk = [], [], []
        for order in orders(name, n, count):
            must = records_in(order, final)
            rec.append((len(must) * steps + (n - len(must))) / (n * steps))
            full = must | noisy
            flo.append((len(full) * steps + (n - len(full))) / (n * steps))
            rnk.append(sum(steps if i in must else stops[i] for i in range(n)) / (n * steps))
        rows.append((name, n, np.mean(rec), len(noisy), np.mean(flo), np.mean(rnk)))
    markdown = args.markdown
    header = ("study", "trials", "records", "noise K95", "floor", "rank")
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
    else:
        print(f"{header[0]:20s} {header[1]:>6s} {header[2]:>8s} {header[3]:>9s} {header[4]:>7s} {header[5]:>7s}")
    for name, n, rec, k, flo, rnk in rows:
        cells = (name, str(n), f"{rec:.1%}", f"{k} ({k / n:.0%})", f"{flo:.1%}", f"{rnk:.1%}")
        if markdown:
            print("| " + " | ".join(cells) + " |")
        else:
            print(f"{cells[0]:20s} {cells[1]:>6s} {cells[2]:>8s} {cells[3]:>9s} {cells[4]:>7s} {cells[5]:>7s}")
    means = [np.mean([r[i] for r in rows]) for i in (2, 4, 5)]
    cells = ("mean", "", f"{means[0]:.1%}", "", f"{means[1]:.1%}", f"{means[2]:.1%}")
    if markdown:
        print("| " + " | ".join(cells) + " |")
    else:
        print(f"{cells[0]:20s} {cells[1]:>6s} {cells[2]:>8s} {cells[3]:>9s} {cells[4]:>7s} {cells[5]:>7s}")


if __name__ == "__main__":
    main()
