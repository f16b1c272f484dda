#!/usr/bin/env python3
"""CLI latency at 100 and at 100,000 trials: what one `sweep` call costs as a study grows.

Usage: python3 Benchmarks/cli_scale.py --sweep .build/release/sweep [--big 100000] [--doc docs/benchmarks.md]

Builds two SQLite studies with `sweep run` (the built-in toy objective, 3 steps, median pruner),
then times whole commands as a shell loop runs them: ask, report (which also judges), tell, best;
medians of --repeats rounds. With --doc, rewrites the section between the CLI-SCALE markers.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from doc_section import replace_section

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--sweep", required=True)
p.add_argument("--small", type=int, default=100)
p.add_argument("--big", type=int, default=100_000)
p.add_argument("--repeats", type=int, default=7)
p.add_argument("--doc")
a = p.parse_args()
SWEEP = os.path.abspath(a.sweep)
d = tempfile.mkdtemp(prefix="sweep-cli-scale-")


def sweep(args):
    start = time.perf_counter()
    r = subprocess.run([SWEEP] + args, cwd=d, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"cli_scale.py: sweep {' '.join(args)}: {r.stderr}")
    return time.perf_counter() - start, r.stdout


results = {}
slowest = {}
for trials in (a.small, a.big):
    name = f"s{trials}"
    with open(os.path.join(d, f"{name}.toml"), "w") as f:
        f.write(f'name = "{name}"\ntrials = {trials}\nworkers = 4\nsampler = "random"\npruner = "median"\n'
                '[objective]\nbuiltin = "toy"\nsteps = 3\n[params]\nx = "float:0:1"\n')
    storage = f"sqlite:{name}.db"
    sweep(["run", f"{name}.toml", "--storage", storage])
    times = {"ask": [], "report": [], "tell": [], "best": []}
    for _ in range(a.repeats):
        at = ["--storage", storage, "--study", name]  # as the README's shell loop calls it
        dt, out = sweep(["ask", *at, "--json"])
        times["ask"].append(dt)
        number = str(json.loads(out)["number"])
        times["report"].append(sweep(["report", *at, "--trial", number, "--step", "0", "--value", "0.5"])[0])
        times["tell"].append(sweep(["tell", *at, "--trial", number, "--value", "0.5", "--skip-if-finished"])[0])
        times["best"].append(sweep(["best", *at])[0])
    results[trials] = {k: statistics.median(v) * 1000 for k, v in times.items()}
    slowest[trials] = {k: max(v) * 1000 for k, v in times.items()}
    print(json.dumps({"benchmark": "cli-scale", "trials": trials, "milliseconds": results[trials],
                      "slowest_milliseconds": slowest[trials]}), flush=True)

BEGIN = "<!-- cli-scale:begin (Benchmarks/cli_scale.py rewrites this section) -->"
END = "<!-- cli-scale:end -->"
if a.doc:
    small, big = results[a.small], results[a.big]
    lines = [BEGIN, f"## 9. One CLI call at {a.small:,} and at {a.big:,} trials", "",
             f"Measured {time.strftime('%Y-%m-%d')} on this machine, release build, SQLite, medians of {a.repeats} rounds "
             "of whole commands (process start included), each with `--study` as the README's shell loop calls them "
             "(without it a command lists the storage's studies with their counts first). Reproduce: `python3 Benchmarks/cli_scale.py --sweep "
             ".build/release/sweep --doc docs/benchmarks.md`.", "",
             f"| command | {a.small:,} trials (ms) | {a.big:,} trials (ms) | ratio | slowest round at {a.big:,} (ms) |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for k in ("ask", "report", "tell", "best"):
        lines.append(f"| `sweep {k}` | {small[k]:.0f} | {big[k]:.0f} | {big[k] / small[k]:.1f}× | {slowest[a.big][k]:.0f} |")
    worst = max(big[k] / small[k] for k in big)
    lines += ["", f"Issue 10's target is within 2× of each other; the worst ratio here is {worst:.0f}×: "
              f"{'met' if worst <= 2 else 'not met'}. `report` judges the trial: the median pruner needs the study's "
              "per-step statistics, which a new process reads from the study's index snapshot plus the feed after it "
              "(at most about √n trials; docs/architecture.md, \"Index snapshots\"); `best` is one query, and `ask` "
              "with a random sampler does not read the study. A call that finds more than about √n changes after "
              "the stored snapshot stores a new one (here the `sweep run` workers had stored the last).", END]
    replace_section(a.doc, BEGIN, END, "\n".join(lines))
