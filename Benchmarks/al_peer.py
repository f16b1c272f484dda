#!/usr/bin/env python3
"""The peer of `sweep al`: one pool-based active-learning run with scikit-learn's
LogisticRegression (lbfgs, C=1), the query strategies of modAL where it has them
(least_confident = uncertainty_sampling, margin = margin_sampling, entropy = entropy_sampling)
and numpy for the rest (random, density, kcenter, badge), written as Sweep's lab defines them.

Usage: python3 Benchmarks/al_peer.py --data digits.csv --strategy margin [--seed 0]
         [--split split.json] [--initial 10] [--batch 10] [--rounds 20] [--no-modal]
         [--tol 1e-4] [--max-iter 100]

Without --split the run makes its own split: a stratified third of the rows for testing
(`train_test_split`, random_state=seed) and `initial` random pool rows. With --split it uses the
`initial` and `test` rows of a `sweep al --json` run, so both tools start from the same labels.
Prints one JSON object: labels, accuracy and log-loss on the test rows after every round, the
loop's seconds (imports and data loading not included) and whether modAL chose the points.
modAL 0.4.2.1 needs scikit-learn < 1.6; run this with a Python that has both.
"""
import argparse
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split

try:
    from modAL.models import ActiveLearner
    from modAL.uncertainty import entropy_sampling, margin_sampling, uncertainty_sampling
    MODAL = {"least_confident": uncertainty_sampling, "margin": margin_sampling, "entropy": entropy_sampling}
except ImportError:
    MODAL = {}

TOL, MAX_ITER = 1e-4, 100


def full_proba(model, X, classes):
    """Probabilities over every class (a class no label has shown yet gets 0)."""
    p = np.zeros((X.shape[0], classes))
    p[:, model.classes_] = model.predict_proba(X)
    return p


def uncertainty(p, kind):
    if kind == "least_confident":
        return 1 - p.max(axis=1)
    if kind == "margin":
        s = np.sort(p, axis=1)
        return -(s[:, -1] - s[:, -2])
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.nansum(np.where(p > 0, p * np.log(p), 0), axis=1)


def top(scores, k):
    return np.argsort(-scores, kind="stable")[:k]


def kcenter(Xp, Xl, k):
    d = ((Xp[:, None, :] - Xl[None, :, :]) ** 2).sum(axis=2).min(axis=1)
    picked = []
    for _ in range(k):
        i = int(np.argmax(d))
        picked.append(i)
        d = np.minimum(d, ((Xp - Xp[i]) ** 2).sum(axis=1))
        d[picked] = -1
    return np.array(picked)


def badge(p, Xp, k, rng):
    u = p.copy()
    u[np.arange(len(u)), p.argmax(axis=1)] -= 1
    g = (u[:, :, None] * Xp[:, None, :]).reshape(len(u), -1)
    picked = [int(np.argmax((g ** 2).sum(axis=1)))]
    d = ((g - g[picked[0]]) ** 2).sum(axis=1)
    while len(picked) < k:
        d[picked] = 0
        i = int(rng.choice(len(d), p=d / d.sum())) if d.sum() > 0 else int(rng.choice(np.setdiff1d(np.arange(len(d)), picked)))
        picked.append(i)
        d = np.minimum(d, ((g - g[i]) ** 2).sum(axis=1))
    return np.array(picked)


def run(X, y, test, initial, strategy, batch, rounds, seed, use_modal):
    classes = int(y.max()) + 1
    rng = np.random.default_rng(seed)
    test = np.array(sorted(test))
    labelled = list(initial)
    pool = np.array(sorted(set(range(len(y))) - set(test) - set(labelled)))
    density = None
    if strategy == "density":
        all_pool = np.concatenate([pool, labelled])
        unit = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-300)
        density = dict(zip(all_pool, unit[all_pool] @ unit[all_pool].sum(axis=0) / len(all_pool)))
    modal = use_modal and strategy in MODAL
    learner = None
    curve = {"labels": [], "accuracy": [], "loss": []}
    start = time.perf_counter()
    for r in range(rounds + 1):
        if r > 0:
            if modal:
                idx, _ = learner.query(X[pool], n_instances=batch)
            else:
                p = full_proba(model, X[pool], classes)
                if strategy == "random":
                    idx = rng.choice(len(pool), size=batch, replace=False)
                elif strategy in ("least_confident", "margin", "entropy"):
                    idx = top(uncertainty(p, strategy), batch)
                elif strategy == "density":
                    idx = top(uncertainty(p, "entropy") * np.array([max(density[i], 0) for i in pool]), batch)
                elif strategy == "kcenter":
                    idx = kcenter(X[pool], X[labelled], batch)
                elif strategy == "badge":
                    idx = badge(p, X[pool], batch, rng)
                else:
                    sys.exit(f"al_peer.py: unknown strategy {strategy}")
            chosen = pool[np.asarray(idx)]
            labelled += [int(i) for i in chosen]
            pool = np.setdiff1d(pool, chosen)
            if modal:
                learner.teach(X[chosen], y[chosen])
        if modal and learner is None:
            learner = ActiveLearner(estimator=LogisticRegression(C=1.0, tol=TOL, max_iter=MAX_ITER), query_strategy=MODAL[strategy],
                                    X_training=X[labelled], y_training=y[labelled])
        model = learner.estimator if modal else LogisticRegression(C=1.0, tol=TOL, max_iter=MAX_ITER).fit(X[labelled], y[labelled])
        p = full_proba(model, X[test], classes)
        curve["labels"].append(len(labelled))
        curve["accuracy"].append(float((p.argmax(axis=1) == y[test]).mean()))
        curve["loss"].append(float(log_loss(y[test], p, labels=list(range(classes)))))
    curve["seconds"] = time.perf_counter() - start
    curve["modal"] = modal
    return curve


def main():
    import warnings
    warnings.simplefilter("ignore")
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--strategy", required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--split")
    p.add_argument("--initial", type=int, default=10)
    p.add_argument("--batch", type=int, default=10)
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--no-modal", action="store_true")
    p.add_argument("--tol", type=float, default=1e-4, help="LogisticRegression's tol (scikit-learn's default 1e-4)")
    p.add_argument("--max-iter", type=int, default=100, help="LogisticRegression's max_iter (default 100)")
    a = p.parse_args()
    global TOL, MAX_ITER
    TOL, MAX_ITER = a.tol, a.max_iter
    data = np.loadtxt(a.data, delimiter=",", skiprows=1)
    X, y = data[:, :-1], data[:, -1].astype(int)
    if a.split:
        split = json.load(open(a.split))
        test, initial = split["test"], split["initial"]
    else:
        rows = np.arange(len(y))
        rest, test = train_test_split(rows, test_size=1 / 3, stratify=y, random_state=a.seed)
        initial = list(np.random.default_rng(a.seed).choice(rest, size=a.initial, replace=False))
    print(json.dumps(run(X, y, test, initial, a.strategy, a.batch, a.rounds, a.seed, not a.no_modal)))


if __name__ == "__main__":
    main()
