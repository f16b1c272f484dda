#!/usr/bin/env python3
"""Times a command end to end (wall clock, output discarded) and prints one JSON object.

Usage: python3 Benchmarks/time_command.py [--repeats 3] [--field KEY=VALUE ...] -- COMMAND ARGS...

The object holds the given fields, "seconds" (the median), "all_seconds" and "repeats". The
command must succeed; its stderr is shown when it does not.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--repeats", type=int, default=3)
p.add_argument("--field", action="append", default=[], help="KEY=VALUE added to the output (numbers stay numbers)")
p.add_argument("command", nargs=argparse.REMAINDER)
a = p.parse_args()
command = a.command[1:] if a.command[:1] == ["--"] else a.command
if not command:
    p.error("give the command after --")
out = {}
for f in a.field:
    key, _, text = f.partition("=")
    try:
        out[key] = json.loads(text)
    except json.JSONDecodeError:
        out[key] = text
times = []
for _ in range(a.repeats):
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    times.append(time.perf_counter() - start)
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode(errors="replace"))
        sys.exit(f"time_command.py: {' '.join(command)} exited with {done.returncode}")
out.update({"command": " ".join(command), "repeats": a.repeats, "seconds": statistics.median(times), "all_seconds": times})
print(json.dumps(out), flush=True)
