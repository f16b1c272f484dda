#!/usr/bin/env python3
"""A command judge for Sweep: `pruner = "command:format=json,interval_steps=10,run=python3 plateau_judge.py"`.

Reads the JSON brief on stdin (the running trial's curve and the best completed trials' curves) and
prints one answer line. Prunes a trial when, at the same step, it trails the worst of the best
completed trials by more than three times its own noise and has stopped improving over the last
quarter of its curve. A language model can stand in for this script: give it the brief's
"rendering" (markdown) and ask for the same one-line JSON answer.
"""
import json
import statistics
import sys

brief = json.load(sys.stdin)
values = [v for v in brief["curve"]["values"] if v is not None]
peers = brief["peers"]
sign = 1 if brief["direction"] == "maximize" else -1
if len(values) < 8 or not peers:
    print(json.dumps({"decision": "continue", "reason": "too early to tell"}))
    sys.exit(0)

step = brief["curve"]["steps"][-1]


def at_step(peer):
    """The peer's value at the trial's current step (its last value at or before it)."""
    best = None
    for s, v in zip(peer["steps"], peer["values"]):
        if s <= step and v is not None:
            best = v
    return best


diffs = [b - a for a, b in zip(values, values[1:])]
noise = statistics.median(abs(d) for d in diffs) / 0.6745 / 2 ** 0.5 if diffs else 0.0
recent = values[-max(3, len(values) // 4):]
improving = sign * (recent[-1] - recent[0]) > 2 * noise
peer_values = [v for v in (at_step(p) for p in peers) if v is not None]
if not peer_values:
    print(json.dumps({"decision": "continue", "reason": "no peer reached this step"}))
    sys.exit(0)
worst_peer = min(peer_values, key=lambda v: sign * v)
mean_recent = sum(recent) / len(recent)
gap = sign * (worst_peer - mean_recent)
if gap > 3 * max(noise, 1e-12) and not improving:
    print(json.dumps({"decision": "prune",
                      "reason": f"flat at {mean_recent:.4g}, {gap:.3g} behind the best trials at step {step} (noise {noise:.2g})"}))
else:
    print(json.dumps({"decision": "continue",
                      "reason": "still improving" if improving else "within the noise of the best trials"}))
