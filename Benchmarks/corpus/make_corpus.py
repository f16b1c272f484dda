#!/usr/bin/env python3
"""Builds Sweep's real learning-curve corpus: studies of real training runs with random
hyperparameters, one JSON-lines file per study in DESIGN.md's curve dataset format, plus
data/index.json. Deterministic from --seed (with the pinned versions in requirements.txt).

Usage:
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \\
    nice -n 15 python3 Benchmarks/corpus/make_corpus.py [--seed 1] [--only STUDY ...] [--out DIR]
"""
import argparse
import json
import os
import platform
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gymnasium  # noqa: E402
import numpy  # noqa: E402
import sklearn  # noqa: E402

import al_studies as al  # noqa: E402
import bandit_studies as bd  # noqa: E402
import rl_numpy_studies as rn  # noqa: E402
import rl_studies as rl  # noqa: E402
import sk_studies as sk  # noqa: E402
from common import study_rng  # noqa: E402

# name -> (source, direction, metric, seeds per config, description, function, arguments)
STUDIES = {
    "sgd-digits": ("sklearn", "maximize", "val_accuracy", 1,
                   "SGDClassifier on digits, one partial_fit pass a step: loss, penalty, alpha, "
                   "schedule, eta0, standardization random; 100 trials x 100 epochs",
                   sk.sgd_digits, dict(trials=100, epochs=100)),
    "sgd-diabetes": ("sklearn", "minimize", "val_mse", 1,
                     "SGDRegressor on diabetes (raw targets), one pass a step: loss, penalty, alpha, "
                     "schedule, eta0, averaging random; diverged runs are null; 80 trials x 150 epochs",
                     sk.sgd_diabetes, dict(trials=80, epochs=150)),
    "mlp-digits": ("sklearn", "maximize", "val_accuracy", 1,
                   "MLPClassifier on digits, one epoch a step: layers, widths, activation, adam/sgd, "
                   "alpha, learning rate, batch size, momentum random; 80 trials x 60 epochs",
                   sk.mlp_digits, dict(trials=80, epochs=60)),
    "mlp-wine": ("sklearn", "minimize", "val_log_loss", 1,
                 "MLPClassifier on wine (178 samples), one epoch a step, same space as mlp-digits; "
                 "80 trials x 120 epochs",
                 sk.mlp_wine, dict(trials=80, epochs=120)),
    "gbm-breast-cancer": ("sklearn", "minimize", "val_log_loss", 1,
                          "GradientBoostingClassifier on breast_cancer, one tree a step: learning "
                          "rate, depth, subsample, leaf size, max_features random; 80 trials x 200 trees",
                          sk.gbm_breast_cancer, dict(trials=80, stages=200)),
    "td-frozenlake": ("gymnasium", "maximize", "success_rate_per_40_episodes", 3,
                      "tabular Q-learning / SARSA / expected SARSA on slippery FrozenLake 4x4: alpha, "
                      "gamma, epsilon schedule, initial Q random; 30 configs x 3 seeds, 4000 episodes "
                      "in windows of 40",
                      rl.td_frozenlake, dict(configs=30, seeds=3, episodes=4000, window=40)),
    "td-taxi": ("gymnasium", "maximize", "mean_return_per_15_episodes", 3,
                "tabular TD control on Taxi: same space; 30 configs x 3 seeds, 1500 episodes in "
                "windows of 15",
                rl.td_taxi, dict(configs=30, seeds=3, episodes=1500, window=15)),
    "td-cartpole": ("gymnasium", "maximize", "mean_return_per_10_episodes", 3,
                    "tabular TD control on CartPole with a random grid (bins per dimension): same "
                    "space; 25 configs x 3 seeds, 1000 episodes in windows of 10",
                    rl.td_cartpole, dict(configs=25, seeds=3, episodes=1000, window=10)),
    "td-cliffwalking": ("gymnasium", "maximize", "mean_return_per_6_episodes", 3,
                        "tabular TD control on CliffWalking (episodes capped at 300 steps): same "
                        "space; 30 configs x 3 seeds, 600 episodes in windows of 6",
                        rl.td_cliffwalking, dict(configs=30, seeds=3, episodes=600, window=6,
                                                 max_steps=300)),
    "reinforce-cartpole": ("gymnasium", "maximize", "mean_return_per_4_episodes", 3,
                           "REINFORCE with a logistic linear policy on CartPole: lr, gamma, baseline, "
                           "sgd/adam, init scale, gradient clipping random; 30 configs x 3 seeds, 600 "
                           "episodes in windows of 4",
                           rl.reinforce_cartpole, dict(configs=30, seeds=3, episodes=600, window=4)),
    "bandit-bernoulli": ("own", "maximize", "mean_reward_per_50_pulls", 3,
                         "our own bandit algorithms (epsilon-greedy, UCB1, Thompson, softmax, "
                         "gradient) with random hyperparameters on one 30-armed Bernoulli bandit; "
                         "33 configs x 3 seeds, 5000 pulls in windows of 50",
                         bd.bandit_bernoulli, dict(configs=33, seeds=3, arms=30, pulls=5000, window=50)),
    "al-digits": ("sklearn", "maximize", "val_accuracy", 1,
                  "pool-based active learning on digits with logistic regression refit each round: "
                  "query strategy, batch size, initial set, C random; 60 trials x 50 rounds",
                  sk.al_digits, dict(trials=60, rounds=50)),
    "ac-cartpole": ("gymnasium", "maximize", "mean_return_per_3_episodes", 3,
                    "advantage actor-critic with tiny tanh MLPs (numpy) on CartPole: hidden width, "
                    "actor/critic lr, adam/sgd, gamma, GAE lambda, rollout length, entropy bonus, "
                    "advantage normalisation, clipping, init scale random; 20 configs x 3 seeds, 450 "
                    "episodes in windows of 3",
                    rn.ac_cartpole, dict(configs=20, seeds=3, episodes=450, window=3)),
    "ac-acrobot": ("gymnasium", "maximize", "mean_return_per_1_episodes", 3,
                   "the same actor-critic on Acrobot (500-step cap); 12 configs x 3 seeds, 100 "
                   "episodes, one a step",
                   rn.ac_acrobot, dict(configs=12, seeds=3, episodes=100, window=1)),
    "ac-pendulum": ("gymnasium", "maximize", "mean_return_per_2_episodes", 3,
                    "tile-coded Gaussian actor-critic with traces on Pendulum: tilings, tiles, "
                    "critic/actor/std step sizes, gamma, lambda, initial std, reward scale random; "
                    "12 configs x 3 seeds, 200 episodes in windows of 2",
                    rn.ac_pendulum, dict(configs=12, seeds=3, episodes=200, window=2)),
    "dqn-cartpole": ("gymnasium", "maximize", "mean_return_last_10_episodes_every_200_steps", 3,
                     "DQN (numpy MLP, replay buffer, target network) on CartPole: width, lr, gamma, "
                     "batch, buffer, learning starts, train frequency, target period, epsilon "
                     "schedule, Huber/MSE, double, clipping random; 15 configs x 3 seeds, 20000 "
                     "steps, the mean of the last 10 episodes every 200 steps",
                     rn.dqn_cartpole, dict(configs=15, seeds=3, total_steps=20000, log_every=200)),
    "tile-mountaincar": ("gymnasium", "maximize", "mean_return_per_2_episodes", 3,
                         "Sarsa(lambda) / Watkins Q(lambda) with tile coding on MountainCar (no "
                         "shaping): tilings, tiles, alpha, lambda, gamma, epsilon, initial Q, trace "
                         "kind random; 16 configs x 3 seeds, 200 episodes in windows of 2",
                         rn.tile_mountaincar, dict(configs=16, seeds=3, episodes=200, window=2)),
    "bandit-gaussian": ("own", "maximize", "mean_reward_per_40_pulls", 3,
                        "epsilon-greedy, UCB, Gaussian Thompson, softmax, gradient bandit (sample "
                        "average or constant step) on one 20-armed Gaussian testbed; 33 configs x 3 "
                        "seeds, 4000 pulls in windows of 40",
                        bd.bandit_gaussian, dict(configs=33, seeds=3, arms=20, pulls=4000, window=40)),
    "bandit-drifting": ("own", "maximize", "mean_reward_per_100_pulls", 3,
                        "the same algorithms plus sliding-window UCB and discounted Thompson on a "
                        "non-stationary 10-armed bandit (means random-walk, one path for the study); "
                        "33 configs x 3 seeds, 10000 pulls in windows of 100",
                        bd.bandit_drifting, dict(configs=33, seeds=3, arms=10, pulls=10000, window=100)),
    "sgd-breast-cancer": ("sklearn", "minimize", "val_log_loss", 1,
                          "SGDClassifier (log loss / modified Huber) on breast_cancer, one pass a "
                          "step: penalty, alpha, schedule, eta0, class weights, standardisation "
                          "random; 100 trials x 100 epochs",
                          sk.sgd_breast_cancer, dict(trials=100, epochs=100)),
    "mlp-breast-cancer": ("sklearn", "maximize", "val_accuracy", 1,
                          "MLPClassifier on breast_cancer, one epoch a step, the mlp-digits space; "
                          "80 trials x 100 epochs",
                          sk.mlp_breast_cancer, dict(trials=80, epochs=100)),
    "hgb-digits": ("sklearn", "minimize", "val_log_loss", 1,
                   "HistGradientBoostingClassifier on digits, one boosting iteration a step "
                   "(staged): learning rate, leaves, depth, leaf size, l2, max_features, bins "
                   "random; 50 trials x 150 iterations",
                   sk.hgb_digits, dict(trials=50, iterations=150)),
    "al-lab-digits": ("sweep", "maximize", "test_accuracy", 3,
                      "Sweep's active-learning lab (sweep al) on digits.csv: logreg C or MLP "
                      "width/alpha, strategy (7), initial labels, batch random; 20 configs x 3 runs, "
                      "50 rounds",
                      al.al_lab_digits, dict(configs=20, runs=3, rounds=50)),
    "al-lab-moons": ("sweep", "maximize", "test_accuracy", 3,
                     "Sweep's lab on its two moons (600 points, 10% flipped labels), same space; 24 "
                     "configs x 3 runs, 60 rounds",
                     al.al_lab_moons, dict(configs=24, runs=3, rounds=60)),
    "al-lab-xor": ("sweep", "maximize", "test_accuracy", 3,
                   "Sweep's lab on its XOR (800 points, 5% flipped labels), same space; 24 configs "
                   "x 3 runs, 60 rounds",
                   al.al_lab_xor, dict(configs=24, runs=3, rounds=60)),
}



def with_group(rec):
    """Seed repetitions of one configuration share a "group" (`sweep replay` makes them one trial)."""
    labels = rec.get("labels", {})
    if "replicate" in labels and "config" in labels:
        rec["group"] = f"{labels['study']}-c{labels['config']}"
    return rec

def check_line(line):
    """Raises ValueError unless `line` is a valid curve-dataset record (no NaN/Infinity tokens)."""
    def bad_constant(tok):
        raise ValueError(f"non-JSON constant {tok}")
    obj = json.loads(line, parse_constant=bad_constant)
    for key in ("id", "curve", "direction"):
        if key not in obj:
            raise ValueError(f"missing {key}")
    if obj["direction"] not in ("maximize", "minimize"):
        raise ValueError("bad direction")
    if not all(v is None or isinstance(v, (int, float)) for v in obj["curve"]):
        raise ValueError("curve values must be numbers or null")
    return obj


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", nargs="*", default=None, help="studies to (re)build; default: all")
    ap.add_argument("--out", default=os.path.join(HERE, "data"))
    ap.add_argument("--list", action="store_true", help="list the studies and exit")
    a = ap.parse_args()
    if a.list:
        for k, v in STUDIES.items():
            print(f"{k:20s} {v[0]:9s} {v[1]:8s} {v[4]}")
        return
    names = a.only if a.only else list(STUDIES)
    for n in names:
        if n not in STUDIES:
            sys.exit(f"unknown study {n}; known: {', '.join(STUDIES)}")
    os.makedirs(a.out, exist_ok=True)
    index_path = os.path.join(a.out, "index.json")
    old = {}
    if os.path.exists(index_path):
        with open(index_path) as f:
            old = json.load(f)
    index = {"studies": {s["name"]: s for s in old.get("studies", [])}}

    sweep_version = old.get("versions", {}).get("sweep")  # of the sweep that ran the AL studies
    if any(STUDIES[n][0] == "sweep" for n in names):
        sweep_version = al.sweep_version()
    for name in names:
        source, direction, metric, seeds, desc, fn, kw = STUDIES[name]
        t0 = time.perf_counter()
        path = os.path.join(a.out, f"{name}.jsonl")
        tmp = path + ".tmp"
        lengths, trials = [], 0
        with open(tmp, "w") as f:
            for rec in fn(name, study_rng(a.seed, name), **kw):
                with_group(rec)
                line = json.dumps(rec, separators=(",", ":"), allow_nan=False)
                check_line(line)
                f.write(line + "\n")
                lengths.append(len(rec["curve"]))
                trials += 1
        os.replace(tmp, path)
        secs = time.perf_counter() - t0
        index["studies"][name] = {
            "name": name, "file": f"{name}.jsonl", "source": source, "direction": direction,
            "metric": metric, "trials": trials, "seeds_per_config": seeds,
            "steps_min": min(lengths), "steps_max": max(lengths), "description": desc,
            "seconds": round(secs, 1), "bytes": os.path.getsize(path),
        }
        print(f"{name:20s} {trials:4d} trials  {min(lengths)}-{max(lengths)} steps  {secs:7.1f} s",
              flush=True)

    studies = [index["studies"][k] for k in STUDIES if k in index["studies"]]
    out = {
        "format": "DESIGN.md curve dataset (JSON lines), one file per study",
        "seed": a.seed,
        "command": "OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 nice -n 15 "
                   "python3 Benchmarks/corpus/make_corpus.py --seed %d" % a.seed,
        "versions": {"python": platform.python_version(), "numpy": numpy.__version__,
                     "scikit-learn": sklearn.__version__, "gymnasium": gymnasium.__version__,
                     "sweep": sweep_version},
        "total_seconds": round(sum(s["seconds"] for s in studies), 1),
        "total_trials": sum(s["trials"] for s in studies),
        "studies": studies,
    }
    with open(index_path + ".tmp", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    os.replace(index_path + ".tmp", index_path)


if __name__ == "__main__":
    main()
