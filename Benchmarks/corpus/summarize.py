#!/usr/bin/env python3
"""Sanity summary of the real-curve corpus; also checks every line against the dataset format.

Usage: python3 Benchmarks/corpus/summarize.py [DATA_DIR] [--markdown]

Per study (direction-aware; a null value counts as the worst possible; a trial whose last value
is null diverged and its final is the worst):
  trials, steps     number of trials and curve length (min-max)
  nulls             share of curve values that are null (NaN reported)
  near-best         share of trials whose final value is within 5% of the best final
                    (|final - best| <= 0.05 |best|)
  near-spread       share of trials whose final is within 5% of the spread of finals (best - worst)
                    from the best: the trials with normalised regret <= 0.05
  gap               |best final - median final|: how far the typical trial ends from the best
  lead-first        fraction of the curve at which the eventual best trial (best final value)
                    first has the best value of all trials at that step
  lead-from         fraction of the curve from which it stays the leader to the end
  bsf-first         as lead-first, but ranking trials by their best-so-far values ("never": some
                    other trial peaked higher at some point than the best trial ever got)
  rank@10%, @25%    rank (1 = best) of the eventual best trial at 10% and 25% of the steps
  noise             median over trials of the step-to-step noise: 10%-trimmed RMS of each value's
                    deviation from the mean of its neighbours, times sqrt(2/3) (the SD for white
                    noise on a locally linear trend), in the metric's units
  noise/gap         noise as a share of gap
Exits with status 1 if a line is not valid (bad JSON, NaN/Infinity tokens, missing id/curve/
direction, non-numeric values, duplicate ids).
"""
import json
import math
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load(path):
    errors, rows, ids = [], [], set()

    def bad_constant(tok):
        raise ValueError(f"non-JSON constant {tok}")

    with open(path) as f:
        for n, line in enumerate(f, 1):
            try:
                obj = json.loads(line, parse_constant=bad_constant)
                for key in ("id", "curve", "direction"):
                    if key not in obj:
                        raise ValueError(f"missing {key}")
                if obj["direction"] not in ("maximize", "minimize"):
                    raise ValueError("bad direction")
                if not obj["curve"] or not all(v is None or (isinstance(v, (int, float))
                                                             and not isinstance(v, bool))
                                               for v in obj["curve"]):
                    raise ValueError("curve must be a non-empty list of numbers or null")
                if obj["id"] in ids:
                    raise ValueError(f"duplicate id {obj['id']}")
                ids.add(obj["id"])
                rows.append(obj)
            except ValueError as e:
                errors.append(f"{os.path.basename(path)}:{n}: {e}")
    return rows, errors


def summarize(rows):
    sign = 1.0 if rows[0]["direction"] == "maximize" else -1.0
    # Work in "higher is better" units; null -> -inf.
    curves = [[sign * v if v is not None else -math.inf for v in r["curve"]] for r in rows]
    lengths = [len(c) for c in curves]
    n = min(lengths)
    finals = [c[-1] for c in curves]
    finite = [x for x in finals if math.isfinite(x)]
    best, worst = max(finite), min(finite)
    spread = best - worst if best > worst else 1.0
    near = sum(1 for x in finals if x >= best - 0.05 * abs(best)) / len(finals)
    near_spread = sum(1 for x in finals if x >= best - 0.05 * spread) / len(finals)
    gap = best - statistics.median(finals)
    b = finals.index(best)

    def leader_steps(cs):
        return [all(cs[b][s] >= c[s] for c in cs) for s in range(n)]

    lead = leader_steps(curves)
    bsf = []
    for c in curves:
        m, out = -math.inf, []
        for v in c:
            m = max(m, v)
            out.append(m)
        bsf.append(out)
    lead_bsf = leader_steps(bsf)
    first = next((s for s in range(n) if lead[s]), n)
    last_not = max((s for s in range(n) if not lead[s]), default=-1)
    first_bsf = next((s for s in range(n) if lead_bsf[s]), n)

    def rank_at(frac):
        s = max(0, min(n - 1, int(round(frac * n)) - 1))
        return 1 + sum(1 for c in curves if c[s] > curves[b][s])

    noises = []
    for c in curves:
        # Residual of each value from the mean of its two neighbours (removes a local linear
        # trend), scaled to the noise SD; 10%-trimmed RMS so divergence spikes don't dominate.
        r = sorted(abs(c[i] - (c[i - 1] + c[i + 1]) / 2) for i in range(1, len(c) - 1)
                   if math.isfinite(c[i - 1]) and math.isfinite(c[i]) and math.isfinite(c[i + 1]))
        r = r[:max(1, int(0.9 * len(r)))] if r else r
        if len(r) >= 5:
            noises.append(math.sqrt(sum(x * x for x in r) / len(r)) * math.sqrt(2.0 / 3.0))
    nulls = sum(1 for r in rows for v in r["curve"] if v is None) / sum(lengths)
    return {
        "trials": len(rows), "steps": f"{min(lengths)}-{max(lengths)}" if min(lengths) != max(lengths) else str(n),
        "direction": rows[0]["direction"][:3], "nulls": nulls, "near_best": near, "near_spread": near_spread,
        "lead_first": (first + 1) / n, "lead_from": (last_not + 2) / n, "bsf_first": (first_bsf + 1) / n,
        "rank10": rank_at(0.10), "rank25": rank_at(0.25),
        "noise": statistics.median(noises) if noises else float("nan"), "gap": gap,
        "best_final": sign * best, "best_id": rows[b]["id"],
    }


def frac(x):
    return "never" if x > 1 else f"{x:.2f}"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    md = "--markdown" in sys.argv
    data = args[0] if args else os.path.join(HERE, "data")
    order = []
    idx = os.path.join(data, "index.json")
    if os.path.exists(idx):
        with open(idx) as f:
            order = [s["file"] for s in json.load(f)["studies"]]
    files = order + sorted(x for x in os.listdir(data) if x.endswith(".jsonl") and x not in order)
    cols = ["study", "trials", "steps", "dir", "nulls", "near-best", "near-spread", "lead-first",
            "lead-from", "bsf-first", "rank@10%", "rank@25%", "best final", "gap", "noise", "noise/gap"]
    table, all_errors, total_bytes = [], [], 0
    for fn in files:
        path = os.path.join(data, fn)
        total_bytes += os.path.getsize(path)
        rows, errors = load(path)
        all_errors += errors
        if not rows:
            continue
        s = summarize(rows)
        table.append([fn[:-6], str(s["trials"]), s["steps"], s["direction"], f"{s['nulls']:.1%}",
                      f"{s['near_best']:.0%}", f"{s['near_spread']:.0%}", frac(s['lead_first']),
                      frac(s['lead_from']), frac(s['bsf_first']), str(s["rank10"]), str(s["rank25"]),
                      f"{s['best_final']:.4g}", f"{s['gap']:.3g}", f"{s['noise']:.3g}",
                      f"{s['noise'] / s['gap']:.2f}" if s["gap"] > 0 else "-"])
    if md:
        print("| " + " | ".join(cols) + " |")
        print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(cols))) + "|")
        for r in table:
            print("| " + " | ".join(r) + " |")
    else:
        w = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(cols)]
        print("  ".join(c.ljust(w[i]) if i == 0 else c.rjust(w[i]) for i, c in enumerate(cols)))
        for r in table:
            print("  ".join(x.ljust(w[i]) if i == 0 else x.rjust(w[i]) for i, x in enumerate(r)))
    print(f"\n{len(table)} studies, {sum(int(r[1]) for r in table)} trials, {total_bytes / 1e6:.2f} MB; "
          f"format check: {'OK' if not all_errors else f'{len(all_errors)} errors'}")
    for e in all_errors[:20]:
        print("  " + e)
    sys.exit(1 if all_errors else 0)


if __name__ == "__main__":
    main()
