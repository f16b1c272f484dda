#!/usr/bin/env python3
"""`sweep serve` on a study of 10,000 trials x 1,000 steps (issue 14: the study page's HTML and SVG
in at most 300 ms of server time and at most 2 MB), measured as a browser or script would: whole
HTTP requests to a release `sweep serve` on an SQLite file, medians of --repeats after one warm-up.

Usage: swift build -c release --product sweep --product sweep-bench
       python3 Benchmarks/dashboard_scale.py --sweep .build/release/sweep --bench .build/release/sweep-bench
                                             [--trials 10000] [--steps 1000] [--db /tmp/scale.db] [--doc docs/benchmarks.md]

The study is written by `sweep-bench dashboard-fixture` (two metrics a step, 20 M values; reused when
--db exists). optuna-dashboard, the peer, is not run beside it: loading 10 M intermediate values
through Optuna's RDBStorage takes hours here, and its documentation itself warns above about
10,000 trials.
"""
import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

from doc_section import replace_section

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--sweep", required=True)
p.add_argument("--bench", required=True)
p.add_argument("--trials", type=int, default=10_000)
p.add_argument("--steps", type=int, default=1_000)
p.add_argument("--db", default="/tmp/sweep-dashboard-scale.db")
p.add_argument("--repeats", type=int, default=9)
p.add_argument("--doc")
a = p.parse_args()

if not os.path.exists(a.db):
    out = subprocess.run([a.bench, "dashboard-fixture", "--db", a.db, "--trials", str(a.trials), "--steps", str(a.steps)],
                         capture_output=True, text=True, check=True)
    print(out.stdout.strip(), file=sys.stderr)

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
server = subprocess.Popen([a.sweep, "serve", "--storage", f"sqlite:{a.db}", "--port", str(port)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
base = f"http://127.0.0.1:{port}"
try:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/api/studies", timeout=5).read()
            break
        except OSError:
            time.sleep(0.1)
    # The first render after the server starts also reads the study's whole feed once (FeedCursors).
    t0 = time.perf_counter()
    page = urllib.request.urlopen(base + "/studies/scale", timeout=600).read().decode()
    rows = [{"what": "study page, the first after the server started", "path": "/studies/scale",
             "ms": (time.perf_counter() - t0) * 1000, "bytes": len(page.encode()), "repeats": 1}]
    print(json.dumps(rows[-1]), flush=True)
    cursor = re.search(r'data-cursor="(\d+)"', page).group(1)
    # The page's own first poll starts at its cursor; a script's first poll without one reads the
    # whole feed (every finished trial, at most 150 with their curves): fewer repeats for that one.
    for label, path, repeats in [
            ("study page (HTML + SVG)", "/studies/scale", a.repeats),
            ("study page, table sorted by value, trials 9,901-10,000", "/studies/scale?sort=value&order=desc&offset=9900", a.repeats),
            ("study page, loss on a log scale, smoothed over 10 reports", "/studies/scale?metric=loss&scale=log&smooth=10", a.repeats),
            ("trials API, a page of 50", "/api/studies/scale/trials?limit=50", a.repeats),
            ("one trial with its curves", "/api/studies/scale/trials/7", a.repeats),
            ("studies list", "/api/studies", a.repeats),
            ("live feed, the page's first poll", f"/api/studies/scale/live?cursor={cursor}", a.repeats),
            ("live feed from cursor 0 (a script's first poll)", "/api/studies/scale/live", 2)]:
        times, size = [], 0
        for i in range(repeats + 1):
            t0 = time.perf_counter()
            body = urllib.request.urlopen(base + path, timeout=600).read()
            if i > 0:
                times.append(time.perf_counter() - t0)
            size = len(body)
        rows.append({"what": label, "path": path, "ms": statistics.median(times) * 1000, "bytes": size, "repeats": repeats})
        print(json.dumps(rows[-1]), flush=True)
finally:
    server.terminate()
    server.wait()

if a.doc:
    page = rows[1]
    verdict = "met" if page["ms"] <= 300 and page["bytes"] <= 2_000_000 else "not met"
    lines = ["<!-- dashboard:begin (Benchmarks/dashboard_scale.py rewrites this section) -->",
             "## 13. The dashboard on 10,000 trials x 1,000 steps", "",
             f"Measured {time.strftime('%Y-%m-%d')} on this machine (2 cores), release build, `sweep serve` on an SQLite file "
             f"of {a.trials:,} trials x {a.steps:,} steps of two metrics (`sweep-bench dashboard-fixture`, "
             f"{os.path.getsize(a.db) / 1e9:.1f} GB), whole HTTP requests, medians of {a.repeats} after a warm-up. Reproduce: "
             "`swift build -c release --product sweep --product sweep-bench && python3 Benchmarks/dashboard_scale.py "
             "--sweep .build/release/sweep --bench .build/release/sweep-bench --doc docs/benchmarks.md`.", "",
             "| request | time | size |", "| --- | ---: | ---: |"]
    for r in rows:
        what = r['what'] + ("" if r['repeats'] == a.repeats else " (once)" if r['repeats'] == 1 else f" (median of {r['repeats']})")
        lines.append(f"| {what} (`{r['path']}`) | {r['ms']:,.0f} ms | {r['bytes'] / 1e6:.2f} MB |")
    lines += ["", f"Issue 14's target for the study page, at most 300 ms and 2 MB: {verdict}. The page reads every trial "
              "without curves (counts, the table's order, which curves to draw, the parameter plots), the curves of at "
              "most 150 (every running trial, then the best; `DrawnCurves`) and the last step of the 100 rows its table "
              "shows (`TrialQuery`: paged, sorted and filtered on the server), reads and draws those while it draws the "
              "parameter plots (sampled at 1,000 trials), and reads only the feed written since its last render to find "
              "where its live updates start (`FeedCursors`). Its progress and best-so-far plots are drawn from those same "
              "trials (states, finish times, values); another metric, a log scale or smoothing (`CurveView`) reads the chosen "
              "metric's curves of the same 150 trials instead of the objective's, and one trial's curves to list the metrics. Before: 309 to 362 ms (every trial with its last report, 500 rows); "
              "before that 18.3 s and 17.8 MB. The load average during this run was "
              f"{os.getloadavg()[0]:.1f} on 2 cores. optuna-dashboard is not run beside it (see the script's notes).",
              "<!-- dashboard:end -->"]
    replace_section(a.doc, lines[0], lines[-1], "\n".join(lines))
