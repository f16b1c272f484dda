"""Active-learning studies from Sweep's own lab (`sweep al`, Sources/SweepActiveLearning).

Each config (random model, strategy, initial labels, batch size) is run by one
`sweep al --json --seeds 3` call: three runs, each its own stratified test split and initial
labels (stream r of the study's seed), so the three runs are the config's seed repetitions (one
trial line each, one group). A step is one round (the initial fit, then one per batch of queried
labels) and the value is the run's test accuracy after it. The study seed is the same for every
config, so a synthetic pool and the three splits are the same data for all trials (trials compare
on the same data, as in the scikit-learn studies).

The sweep binary: $SWEEP_BIN, else .build/release/sweep at the repository root (build it with
`swift build -c release --product sweep`).
"""
import json
import os
import subprocess
import sys
import tempfile

from common import choice, loguniform, record

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def sweep_binary():
    path = os.environ.get("SWEEP_BIN", os.path.join(ROOT, ".build", "release", "sweep"))
    if not os.access(path, os.X_OK):
        sys.exit(f"al_studies: no sweep binary at {path}; build one with "
                 "`swift build -c release --product sweep` or set SWEEP_BIN")
    return path


def sweep_version():
    out = subprocess.run([sweep_binary(), "--version"], capture_output=True, text=True)
    return out.stdout.strip()


def _params(rng, batches):
    p = {"model": choice(rng, ["logreg", "mlp"])}
    if p["model"] == "logreg":
        p["C"] = loguniform(rng, 1e-3, 100.0)
    else:
        p.update(hidden=int(choice(rng, [4, 8, 16, 32, 64])), alpha=loguniform(rng, 1e-5, 1.0))
    p["strategy"] = choice(rng, ["random", "least_confident", "margin", "entropy", "density",
                                 "kcenter", "badge"])
    if p["strategy"] == "density":
        p.update(measure=choice(rng, ["least_confident", "margin", "entropy"]),
                 beta=float(rng.uniform(0.1, 3.0)))
    p["initial"] = int(choice(rng, [4, 10, 20, 50]))
    p["batch"] = int(choice(rng, batches))
    return p


def _spec(p):
    model = f"logreg:C={p['C']:.6g}" if p["model"] == "logreg" else \
        f"mlp:hidden={p['hidden']},alpha={p['alpha']:.6g}"
    strategy = p["strategy"]
    if strategy == "density":
        strategy += f":measure={p['measure']},beta={p['beta']:.6g}"
    return model, strategy


def _al_study(name, rng, data, data_label, configs, runs, rounds, batches):
    binary = sweep_binary()
    study_seed = int(rng.integers(1_000_000))
    i = 0
    for c in range(configs):
        p = _params(rng, batches)
        model, strategy = _spec(p)
        cmd = [binary, "al", "--data", data, "--model", model, "--strategy", strategy,
               "--initial", str(p["initial"]), "--batch", str(p["batch"]), "--rounds", str(rounds),
               "--seeds", str(runs), "--seed", str(study_seed), "--threads", "1", "--json"]
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"al_studies: {' '.join(cmd)} failed: {out.stderr.strip()}")
        report = json.loads(out.stdout)
        for r, run in enumerate(report["runs"]):
            yield record(name, i, p, run["accuracy"], "maximize",
                         {"source": "sweep", "study": name, "seed": study_seed, "run": r,
                          "metric": "test_accuracy", "dataset": data_label, "config": c,
                          "replicate": r, "labels_per_step": run["labels"][1] - run["labels"][0]
                          if len(run["labels"]) > 1 else p["batch"],
                          "command": "sweep al " + " ".join(data_label if x == data else x
                                                            for x in cmd[2:])})
            i += 1


def al_lab_digits(name, rng, configs, runs, rounds):
    """Sweep's lab on digits (the CSV of Benchmarks/al_datasets.py: pixels / 16, 10 classes)."""
    sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
    import al_datasets
    from sklearn.datasets import load_digits
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "digits.csv")
        X, y = load_digits(return_X_y=True)
        al_datasets.write(path, X / 16.0, y)
        yield from _al_study(name, rng, path, "digits.csv", configs, runs, rounds, [2, 5, 10, 20])


def al_lab_moons(name, rng, configs, runs, rounds):
    """Sweep's lab on its synthetic two moons with 10% flipped labels (600 points)."""
    data = "moons:n=600,noise=0.25,flip=0.1"
    return _al_study(name, rng, data, data, configs, runs, rounds, [1, 2, 3, 5])


def al_lab_xor(name, rng, configs, runs, rounds):
    """Sweep's lab on its synthetic XOR in 2 dimensions with 5% flipped labels (800 points): a
    linear model cannot learn it, a network can."""
    data = "xor:n=800,flip=0.05"
    return _al_study(name, rng, data, data, configs, runs, rounds, [1, 2, 3, 5])
