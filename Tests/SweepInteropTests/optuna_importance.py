"""Optuna's side of SweepImportanceTests.

  python3 optuna_importance.py make PATH [SEEDS]
      builds the parity studies in a new SQLite file at PATH and prints, as JSON, each study's
      importances from optuna.importance.get_param_importances: PED-ANOVA (deterministic) and
      fANOVA with seeds 0..SEEDS-1 (default 5; its forest is scikit-learn's).
  python3 optuna_importance.py bench PATH N
      builds one study of N trials at PATH and prints the seconds each evaluator takes.

Studies: "linear" (y = 10 x1 + 0.1 x2 + noise), "mixed" (maximised; float, log float, step float,
int, log int, step int, categorical; failed, pruned and infinite trials among them),
"conditional" (a parameter only some trials have, a distribution that changes half way).
"""

import json
import math
import sys
import time

import numpy as np
import optuna
from optuna.importance import FanovaImportanceEvaluator, PedAnovaImportanceEvaluator

optuna.logging.set_verbosity(optuna.logging.ERROR)


def linear(trial, rng):
    x1 = trial.suggest_float("x1", -1.0, 1.0)
    x2 = trial.suggest_float("x2", -1.0, 1.0)
    return 10 * x1 + 0.1 * x2 + 0.01 * rng.normal()


def mixed(trial, rng):
    x = trial.suggest_float("x", -2.0, 3.0)
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    q = trial.suggest_float("q", 0.0, 1.0, step=0.25)
    n = trial.suggest_int("n", -3, 7)
    m = trial.suggest_int("m", 1, 1024, log=True)
    k = trial.suggest_int("k", 0, 18, step=3)
    c = trial.suggest_categorical("c", ["a", "b", None, 2.5, True])
    if trial.number == 7:
        raise ValueError("a failed trial")
    if trial.number == 11:
        raise optuna.TrialPruned()
    if trial.number == 13:
        return float("inf")
    bonus = {"a": 0.0, "b": 3.0, None: 1.0, 2.5: -1.0, True: 0.5}[c]
    return -((x - 1) ** 2) + 0.8 * math.log10(lr) + 0.3 * n + 0.2 * math.log2(m) + 0.05 * k + q + bonus + 0.1 * rng.normal()


def conditional(trial, rng):
    kind = trial.suggest_categorical("kind", ["tree", "linear"])
    width = trial.suggest_int("width", 1, 64 if trial.number < 60 else 128, log=True)
    if kind == "tree":
        depth = trial.suggest_int("depth", 1, 12)
        return (depth - 6) ** 2 * 0.1 + 0.01 * width + 0.05 * rng.normal()
    alpha = trial.suggest_float("alpha", 1e-4, 1.0, log=True)
    return 2.0 + math.log10(alpha) ** 2 * 0.2 + 0.05 * rng.normal()


def build(url, name, objective, n, direction, seed):
    rng = np.random.default_rng(seed)
    sampler = optuna.samplers.RandomSampler(seed=seed)
    study = optuna.create_study(study_name=name, storage=url, direction=direction, sampler=sampler)
    study.optimize(lambda t: objective(t, rng), n_trials=n, catch=(ValueError,))
    return study


STUDIES = [("linear", linear, 150, "minimize"), ("mixed", mixed, 150, "maximize"), ("conditional", conditional, 120, "minimize")]


def make(path, seeds):
    url = f"sqlite:///{path}"
    out = {"optuna": optuna.__version__, "studies": {}}
    for i, (name, objective, n, direction) in enumerate(STUDIES):
        study = build(url, name, objective, n, direction, seed=i + 1)
        entry = {"ped-anova": optuna.importance.get_param_importances(study)}
        if name != "conditional":
            entry["fanova"] = [
                optuna.importance.get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=s))
                for s in range(seeds)
            ]
        out["studies"][name] = entry
    print(json.dumps(out))


def bench(path, n):
    study = build(f"sqlite:///{path}", "bench", mixed, n, "maximize", seed=7)
    times = {}
    for name, evaluator in [("ped-anova", PedAnovaImportanceEvaluator()), ("fanova", FanovaImportanceEvaluator(seed=0))]:
        start = time.perf_counter()
        optuna.importance.get_param_importances(study, evaluator=evaluator)
        times[name] = time.perf_counter() - start
    print(json.dumps(times))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5)
    elif sys.argv[1] == "bench":
        bench(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(f"unknown command {sys.argv[1]}")
