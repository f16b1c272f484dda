#!/usr/bin/env python3
"""Interop speed (issue 13): a 10,000-trial x 100-step study exported to and imported from an Optuna
database by a release `sweep`, beside Optuna 5.0.0's own `optuna.copy_study` on the same data, and
`sweep export tensorboard` / `sweep curves export` on the same study. Whole commands (process start,
reading, writing, exit), each destination fresh, medians of --repeats.

Usage: swift build -c release --product sweep
       python3 Benchmarks/interop_speed.py --sweep .build/release/sweep [--trials 10000] [--steps 100]
                                           [--repeats 3] [--peer-repeats N] [--dir /tmp/sweep-interop-speed] [--doc docs/benchmarks.md]

The study is made once in bulk (`sweep import curves` of a generated curve dataset: three parameters,
one curve of --steps values a trial), then exported to `source.db` (an Optuna 5.0 database), which is
the source of both imports and of copy_study: `sweep import optuna --from sqlite:///source.db` into a
new Sweep file, and `optuna.copy_study(from_storage=source.db, to_storage=a new file)`. copy_study's
time is also given for the call alone (inside one Python process, after `import optuna`).
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

from doc_section import replace_section

BEGIN = "<!-- interop-speed:begin (Benchmarks/interop_speed.py rewrites this section) -->"
END = "<!-- interop-speed:end -->"

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--sweep", required=True)
p.add_argument("--trials", type=int, default=10_000)
p.add_argument("--steps", type=int, default=100)
p.add_argument("--repeats", type=int, default=3)
p.add_argument("--peer-repeats", type=int, help="copy_study's repeats (default: --repeats; it takes minutes a run)")
p.add_argument("--dir", default="/tmp/sweep-interop-speed")
p.add_argument("--doc")
a = p.parse_args()
sweep = os.path.abspath(a.sweep)
shutil.rmtree(a.dir, ignore_errors=True)
os.makedirs(a.dir)
d = lambda name: os.path.join(a.dir, name)
store = f"sqlite:{d('sweep.db')}"

# The study, in bulk.
rng = random.Random(13)
with open(d("curves.jsonl"), "w") as f:
    for t in range(a.trials):
        lr, layers = 10 ** rng.uniform(-4, -1), rng.randint(1, 8)
        opt = rng.choice(["adam", "sgd", "rmsprop"])
        level = rng.random()
        curve = [round(level * (1 - 0.97 ** (s + 1)) + rng.gauss(0, 0.01), 6) for s in range(a.steps)]
        f.write(json.dumps({"id": f"t{t}", "params": {"lr": lr, "layers": layers, "opt": opt}, "curve": curve}) + "\n")
subprocess.run([sweep, "import", "curves", d("curves.jsonl"), "--study", "speed", "--metric", "accuracy",
                "--storage", store], check=True, stdout=subprocess.DEVNULL)
subprocess.run([sweep, "export", "optuna", "--to", f"sqlite:///{d('source.db')}", "--study", "speed", "--storage", store],
               check=True, stdout=subprocess.DEVNULL)


def timed(make_command, clean, repeats=None):
    """The median of whole-process times, every time, and every run's output; `make_command(i)` gives
    run i's command, `clean(i)` removes its output."""
    times, outputs = [], []
    for i in range(repeats or a.repeats):
        clean(i)
        start = time.perf_counter()
        done = subprocess.run(make_command(i), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"interop_speed.py: {' '.join(make_command(i))} failed:\n{done.stderr.decode(errors='replace')}")
        outputs.append(done.stdout.decode())
        clean(i)
    return statistics.median(times), times, outputs


def remove(path):
    for suffix in ["", "-wal", "-shm", "-journal"]:
        if os.path.isdir(path + suffix):
            shutil.rmtree(path + suffix)
        elif os.path.exists(path + suffix):
            os.remove(path + suffix)


copy_script = f"""
import sys, time, optuna
optuna.logging.set_verbosity(optuna.logging.WARNING)
start = time.perf_counter()
optuna.copy_study(from_study_name="speed", from_storage="sqlite:///{d('source.db')}", to_storage="sqlite:///" + sys.argv[1])
print(time.perf_counter() - start)
"""
rows = {}
rows["export"] = timed(lambda i: [sweep, "export", "optuna", "--to", f"sqlite:///{d(f'export-{i}.db')}", "--study", "speed",
                                  "--storage", store], lambda i: remove(d(f"export-{i}.db")))
rows["import"] = timed(lambda i: [sweep, "import", "optuna", "--from", f"sqlite:///{d('source.db')}", "--study", "speed",
                                  "--storage", f"sqlite:{d(f'import-{i}.db')}"], lambda i: remove(d(f"import-{i}.db")))
rows["copy"] = timed(lambda i: [sys.executable, "-c", copy_script, d(f"copy-{i}.db")], lambda i: remove(d(f"copy-{i}.db")),
                     a.peer_repeats)
call_alone = [float(out.strip().splitlines()[-1]) for out in rows["copy"][2]]
rows["copy-call"] = (statistics.median(call_alone), call_alone, [])
rows["tensorboard"] = timed(lambda i: [sweep, "export", "tensorboard", d(f"tb-{i}"), "--study", "speed", "--storage", store],
                            lambda i: remove(d(f"tb-{i}")))
rows["csv"] = timed(lambda i: [sweep, "curves", "export", "--study", "speed", "--format", "csv", "--out", d(f"c-{i}.csv"),
                               "--storage", store], lambda i: remove(d(f"c-{i}.csv")))
rows["jsonl"] = timed(lambda i: [sweep, "curves", "export", "--study", "speed", "--format", "jsonl", "--out",
                                 d(f"c-{i}.jsonl"), "--storage", store], lambda i: remove(d(f"c-{i}.jsonl")))
for key, (median, all_times, _) in rows.items():
    print(json.dumps({"what": key, "seconds": median, "all_seconds": all_times}), flush=True)

if a.doc:
    import optuna

    copy = rows["copy"][0]
    reports = a.trials * a.steps
    fmt = lambda s: f"{s:.2f} s" if s < 100 else f"{s:.0f} s"
    table = [
        ("`sweep export optuna --to sqlite:///export.db`", rows["export"][0], f"{copy / rows['export'][0]:.1f}x faster than copy_study"),
        ("`sweep import optuna --from sqlite:///source.db`", rows["import"][0], f"{copy / rows['import'][0]:.1f}x faster than copy_study"),
        ("`optuna.copy_study` (Optuna " + optuna.__version__ + "), whole process", copy, "the peer"),
        ("`optuna.copy_study`, the call alone", rows["copy-call"][0], "after `import optuna`"),
        ("`sweep export tensorboard DIR`", rows["tensorboard"][0], f"{reports / rows['tensorboard'][0]:,.0f} scalars a second"),
        ("`sweep curves export --format csv`", rows["csv"][0], f"{reports / rows['csv'][0]:,.0f} rows a second"),
        ("`sweep curves export --format jsonl`", rows["jsonl"][0], ""),
    ]
    lines = [BEGIN, f"## 15. Interop: Optuna databases, TensorBoard and curve tables, {a.trials:,} trials x {a.steps} steps", "",
             f"Measured {time.strftime('%Y-%m-%d')} on this machine (2 cores), release build, whole commands (process start "
             f"to exit), each into a fresh destination, medians of {a.repeats} ({a.peer_repeats or a.repeats} for copy_study). The study ({a.trials:,} complete trials, three "
             f"parameters, {reports:,} reports) is made by `sweep import curves` and exported once to an Optuna 5.0 SQLite "
             "file, the source of both imports; `copy_study` copies that file's study into a new SQLite file. Reproduce: "
             "`swift build -c release --product sweep && python3 Benchmarks/interop_speed.py --sweep .build/release/sweep "
             "--doc docs/benchmarks.md`.", "",
             "| command | time (median) | compared |", "| --- | ---: | --- |"]
    lines += [f"| {what} | {fmt(s)} | {note} |" for what, s, note in table]
    lines += ["", END]
    replace_section(a.doc, BEGIN, END, "\n".join(lines))
