#!/usr/bin/env python3
"""The learned selection policy on a dataset it was not trained on (issue 12).

Usage: python3 Benchmarks/al_policy.py --sweep .build/release/sweep [--episodes 60] [--seeds 8] [--replay 200] [--long 200] [--doc docs/benchmarks.md]

Trains a policy with `sweep al train-policy` on wine, breast cancer and two synthetic pools
(blobs, moons), never digits; then runs it on digits beside random, margin and the oracle with
issue 12's protocol (10 initial labels, 20 rounds of 10, logistic regression), `--seeds` runs.
Run r of every strategy uses the same split (stream r of seed 0), so the comparison with random
is paired: the difference of mean accuracy over the 21 rounds, per run, with a 95 % t interval.
The variants train the same way with experience replay (`--replay`), with the N×K batch head
(`--head batch`), replay over standard candidate sets and the batch head with replay, each compared paired with the plain policy as well as with random;
with --long E (0: none) all of them are trained again for E episodes and compared with the plain
policy of E episodes.
With --doc, rewrites the section between the active-learning-policy markers.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from al_training import train_policy_args, training_data
from doc_section import replace_section

HERE = os.path.dirname(os.path.abspath(__file__))
T95 = {2: 12.71, 3: 4.30, 4: 3.18, 5: 2.78, 6: 2.57, 7: 2.45, 8: 2.36, 9: 2.31, 10: 2.26, 12: 2.20, 16: 2.13, 20: 2.09}

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--sweep", required=True)
p.add_argument("--episodes", type=int, default=60)
p.add_argument("--seeds", type=int, default=8)
p.add_argument("--replay", type=int, default=200, help="replay buffer size of the replay variants")
p.add_argument("--long", type=int, default=200, help="episodes of the second, longer training of every variant (0: none)")
p.add_argument("--doc")
a = p.parse_args()
SWEEP = os.path.abspath(a.sweep)
DATA = os.path.join(HERE, "out", "al-data")
if not os.path.exists(os.path.join(DATA, "digits.csv")):
    subprocess.run([sys.executable, os.path.join(HERE, "al_datasets.py")], check=True, capture_output=True)
scratch = tempfile.mkdtemp(prefix="sweep-al-policy-")
policy = os.path.join(scratch, "policy.json")
control = os.path.join(scratch, "control.json")
training = training_data(DATA)


def sweep(args):
    r = subprocess.run([SWEEP, "al", *args, "--json"], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"al_policy.py: sweep al {' '.join(args)}: {r.stderr}")
    return json.loads(r.stdout)


KINDS = [("policy", []), (f"policy, replay {a.replay}", ["--replay", str(a.replay)]),
         (f"policy, replay {a.replay}, standard candidates", ["--replay", str(a.replay), "--standard-candidates"]), ("batch head", ["--head", "batch"]),
         (f"batch head, replay {a.replay}", ["--head", "batch", "--replay", str(a.replay)])]
# (name, train-policy options, episodes, the plain policy it is compared with)
VARIANTS = [(name, extra, a.episodes, "policy") for name, extra in KINDS]
if a.long:
    VARIANTS += [(f"{name}, {a.long} episodes", extra, a.long, f"policy, {a.long} episodes") for name, extra in KINDS]
files, train_seconds, variant_rewards = {}, {}, {}
for name, extra, episodes, _ in VARIANTS:
    files[name] = os.path.join(scratch, f"policy-{len(files)}.json")
    start = time.perf_counter()
    trained = sweep(train_policy_args(DATA, episodes, 10, 10, files[name], extra))
    train_seconds[name] = time.perf_counter() - start
    variant_rewards[name] = [e["mean_reward"] for e in trained["episodes"]]
    print(json.dumps({"benchmark": "al-policy-train", "variant": name, "seconds": train_seconds[name], "rewards": variant_rewards[name]}), flush=True)
policy = files["policy"]
# The control: the same initial weights after one episode, to show what training added.
sweep(["train-policy", "--data", training[0], "--episodes", "1", "--rounds", "10", "--initial", "10", "--batch", "10", "--out", control])
rewards = variant_rewards["policy"]

protocol = ["--data", os.path.join(DATA, "digits.csv"), "--initial", "10", "--batch", "10", "--rounds", "20", "--seeds", str(a.seeds), "--seed", "0"]
results = {}
STRATEGIES = [("random", "random"), ("policy", f"policy:file={policy}"), ("untrained", f"policy:file={control}"), ("margin", "margin"),
              ("oracle", "oracle:candidates=50,validation=300")]
STRATEGIES[2:2] = [(name, f"policy:file={files[name]}") for name, *_ in VARIANTS[1:]]
for name, spec in STRATEGIES:
    r = sweep(protocol + ["--strategy", spec])
    results[name] = {"mean_per_run": [statistics.mean(run["accuracy"]) for run in r["runs"]], "final_per_run": [run["accuracy"][-1] for run in r["runs"]],
                     "median": r["accuracy"]}
    print(json.dumps({"benchmark": "al-policy", "strategy": name, **results[name]}), flush=True)


def paired(name):
    return paired_with(name, "random")


def paired_with(name, other):
    d = [x - y for x, y in zip(results[name]["mean_per_run"], results[other]["mean_per_run"])]
    mean = statistics.mean(d)
    half = T95.get(len(d), 2.0) * statistics.stdev(d) / len(d) ** 0.5
    return mean, half


BEGIN = "<!-- active-learning-policy:begin (Benchmarks/al_policy.py rewrites this section) -->"
END = "<!-- active-learning-policy:end -->"
if a.doc:
    lines = [BEGIN, "## 17. The learned selection policy on a dataset it was not trained on", "",
             f"Measured {time.strftime('%Y-%m-%d')} on this machine, release build. `sweep al train-policy` trained a policy for "
             f"{a.episodes} episodes of 10 rounds of 10 on wine, breast cancer, 4 blobs in 6 dimensions and noisy moons "
             f"({train_seconds['policy']:.1f} s), never on digits; `untrained` is the same initial policy after a single episode; then digits with issue 12's protocol, {a.seeds} runs, run r of every "
             "strategy on the same split. The variants train the same way with `--replay` (a buffer of that many rounds, minibatches of 16 "
             "replayed in every update), with replay over the standard seeded candidate sets (`--standard-candidates`: the same candidates "
             "after every reset), with `--head batch` (the N×K head, K = 10) and with the batch head and replay. "
             f"Reproduce: `python3 Benchmarks/al_policy.py --sweep .build/release/sweep --replay {a.replay} --long {a.long} --doc docs/benchmarks.md`.", "",
             "| strategy | mean accuracy over the 21 rounds | accuracy at 210 labels (median) | over random: mean accuracy, paired, 95 % interval |",
             "| --- | ---: | ---: | ---: |"]
    for name, _ in STRATEGIES:
        r = results[name]
        over = "–" if name == "random" else "{:+.1f} ± {:.1f} points".format(*(100 * x for x in paired(name)))
        lines.append(f"| `{name}` | {statistics.mean(r['mean_per_run']):.3f} | {statistics.median(r['final_per_run']):.3f} | {over} |")
    mean, half = paired("policy")
    verdict = "beats random" if mean - half > 0 else ("is worse than random" if mean + half < 0 else "is not distinguishable from random")
    lines += ["", f"The policy {verdict} on digits here (interval {100 * (mean - half):+.1f} to {100 * (mean + half):+.1f} points). "
              f"Its training reward (validation accuracy over a random batch of the same candidates) went from "
              f"{statistics.mean(rewards[:max(1, len(rewards) // 5)]) * 100:+.2f} points in the first fifth of the episodes to "
              f"{statistics.mean(rewards[-max(1, len(rewards) // 5):]) * 100:+.2f} in the last fifth. Beside it, the policy is "
              "{:+.1f} ± {:.1f} points from margin and {:+.1f} ± {:.1f} from the oracle (paired, 95 %).".format(
                  *(100 * x for x in paired_with("policy", "margin")), *(100 * x for x in paired_with("policy", "oracle"))), ""]
    verdicts = []
    for name, extra, episodes, reference in VARIANTS[1:]:
        r = variant_rewards[name]
        if name == reference:
            lines.append(f"- `{name}` (`train-policy --episodes {episodes}`, {train_seconds[name]:.1f} s to train): the reference for the variants below;"
                         f" training reward {statistics.mean(r[:max(1, len(r) // 5)]) * 100:+.2f} points in the first fifth, "
                         f"{statistics.mean(r[-max(1, len(r) // 5):]) * 100:+.2f} in the last.")
            continue
        mean, half = paired_with(name, reference)
        verdict = "better than" if mean - half > 0 else ("worse than" if mean + half < 0 else "not distinguishable from")
        verdicts.append(verdict)
        lines.append(f"- `{name}` (`train-policy {' '.join(['--episodes', str(episodes), *extra])}`, {train_seconds[name]:.1f} s to train): "
                     f"{100 * mean:+.1f} ± {100 * half:.1f} points from `{reference}` (paired, 95 %), {verdict} it; training reward {statistics.mean(r[:max(1, len(r) // 5)]) * 100:+.2f} "
                     f"points in the first fifth, {statistics.mean(r[-max(1, len(r) // 5):]) * 100:+.2f} in the last.")
    lines += ["", f"Of the {len(verdicts)} variants, {verdicts.count('better than')} beat the plain policy trained as long, "
              f"{verdicts.count('worse than')} did worse and {verdicts.count('not distinguishable from')} were not distinguishable from it "
              "(`train-policy --replay` defaults to 0 and `--head` to sequential on this evidence).", END]
    replace_section(a.doc, BEGIN, END, "\n".join(lines))
