#!/usr/bin/env python3
"""CLI latency at 100 and at 100,000 trials: what one `sweep` call costs as a study grows.

Usage: python3 Benchmarks/cli_scale.py --sweep .build/release/sweep [--big 100000] [--postgres URL]
                                       [--doc docs/benchmarks.md]

Builds two studies with `sweep run` (the built-in toy objective, 3 steps, median pruner) in an
SQLite file and, with --postgres (a server URL such as "$SWEEP_TEST_POSTGRES"), in a new database
on that server (dropped afterwards), then times whole commands as a shell loop runs them: ask,
report (which also judges), tell, best; medians of --repeats rounds. With --doc, rewrites the
section between the CLI-SCALE markers.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import postgres_admin
from doc_section import replace_section

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--sweep", required=True)
p.add_argument("--small", type=int, default=100)
p.add_argument("--big", type=int, default=100_000)
p.add_argument("--repeats", type=int, default=7)
p.add_argument("--postgres", metavar="URL", help="also measure on this PostgreSQL server (a new database)")
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


STORAGES = ["sqlite"] + (["postgres"] if a.postgres else [])
PG_DATABASE = "sweep_cli_scale_" + str(os.getpid())


def storage_url(kind, name):
    return f"sqlite:{name}.db" if kind == "sqlite" else postgres_admin.database_url(a.postgres, PG_DATABASE)


if a.postgres:
    postgres_admin.drop_database(a.postgres, PG_DATABASE)
    postgres_admin.admin(a.postgres, f"CREATE DATABASE {PG_DATABASE}")
results = {}
slowest = {}
try:
    for kind in STORAGES:
        for trials in (a.small, a.big):
            name = f"s{trials}"
            with open(os.path.join(d, f"{name}.toml"), "w") as f:
                f.write(f'name = "{name}"\ntrials = {trials}\nworkers = 4\nsampler = "random"\npruner = "median"\n'
                        '[objective]\nbuiltin = "toy"\nsteps = 3\n[params]\nx = "float:0:1"\n')
            storage = storage_url(kind, name)
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
            results[kind, trials] = {k: statistics.median(v) * 1000 for k, v in times.items()}
            slowest[kind, trials] = {k: max(v) * 1000 for k, v in times.items()}
            print(json.dumps({"benchmark": "cli-scale", "storage": kind, "trials": trials,
                              "milliseconds": results[kind, trials], "slowest_milliseconds": slowest[kind, trials]}),
                  flush=True)
finally:
    if a.postgres:
        postgres_admin.drop_database(a.postgres, PG_DATABASE)

BEGIN = "<!-- cli-scale:begin (Benchmarks/cli_scale.py rewrites this section) -->"
END = "<!-- cli-scale:end -->"
if a.doc:
    names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    lines = [BEGIN, f"## 9. One CLI call at {a.small:,} and at {a.big:,} trials", "",
             f"Measured {time.strftime('%Y-%m-%d')} on this machine, release build, "
             f"{' and '.join(names[k] for k in STORAGES)}, medians of {a.repeats} rounds "
             "of whole commands (process start included), each with `--study` as the README's shell loop calls them "
             "(without it a command lists the storage's studies with their counts first). Reproduce: `python3 "
             "Benchmarks/cli_scale.py --sweep .build/release/sweep --postgres \"$SWEEP_TEST_POSTGRES\" --doc "
             "docs/benchmarks.md` (after `eval \"$(scripts/postgres start)\"`; PostgreSQL 15 on loopback).", "",
             f"| command | storage | {a.small:,} trials (ms) | {a.big:,} trials (ms) | ratio | slowest round at {a.big:,} (ms) |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]
    for kind in STORAGES:
        small, big = results[kind, a.small], results[kind, a.big]
        for k in ("ask", "report", "tell", "best"):
            lines.append(f"| `sweep {k}` | {names[kind]} | {small[k]:.0f} | {big[k]:.0f} | {big[k] / small[k]:.1f}× "
                         f"| {slowest[kind, a.big][k]:.0f} |")
    worst = max(results[kind, a.big][k] / results[kind, a.small][k] for kind in STORAGES for k in ("ask", "report", "tell", "best"))
    lines += ["", f"Issue 10's target is within 2× of each other; the worst ratio here is {worst:.1f}×: "
              f"{'met' if worst <= 2 else 'not met'}. `report` judges the trial: the median pruner needs the study's "
              "per-step statistics, which a new process reads from the study's index snapshot plus the feed after it "
              "(at most about √n trials; docs/architecture.md, \"Index snapshots\"); `best` is one query on an index "
              "by value, and `ask` with a random sampler does not read the study. A call that finds more than about "
              "√n changes after the stored snapshot stores a new one (here the `sweep run` workers had stored the last).",
              END]
    replace_section(a.doc, BEGIN, END, "\n".join(lines))
