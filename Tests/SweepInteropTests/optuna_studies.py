"""Optuna's side of SweepInteropTests.

  python3 optuna_studies.py make PATH   builds Optuna studies in a new SQLite file at PATH
  python3 optuna_studies.py dump PATH   loads every study of PATH with optuna.load_study and
                                        prints them as JSON (floats as float.hex(), exact)

PATH may also be journal:FILE (a JournalFileBackend file) or an RDB URL (postgresql://...).

`make` covers every distribution type (float, float log, float step, int, int log, int step,
categorical with mixed choices and None), complete, pruned, failed, running and waiting trials,
intermediate values (NaN and infinity among them), user and system attributes of studies and
trials, several studies in one file, one of them multi-objective and one empty, and a study
created and deleted again.
"""

import json
import math
import sys

import optuna


def storage_of(path):
    """The storage PATH names: a journal file, an RDB URL, or a SQLite file."""
    if path.startswith("journal:"):
        backend = optuna.storages.journal.JournalFileBackend(path[len("journal:"):])
        return optuna.storages.JournalStorage(backend)
    if path.startswith("postgresql://"):
        # SQLAlchemy 2.1 defaults to psycopg 3; psycopg2 is what CI installs.
        return optuna.storages.RDBStorage("postgresql+psycopg2://" + path[len("postgresql://"):])
    if "://" in path:
        return optuna.storages.RDBStorage(path)
    return optuna.storages.RDBStorage(f"sqlite:///{path}")


def make(path):
    url = storage_of(path)
    gone = optuna.create_study(study_name="gone", storage=url)
    gone.set_user_attr("soon", "deleted")
    optuna.delete_study(study_name="gone", storage=url)
    pruner = optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=2)
    study = optuna.create_study(study_name="mixed", storage=url, direction="minimize", pruner=pruner)
    study.set_user_attr("owner", "me")
    study.set_user_attr("config", {"layers": [1, 2.5, "x"], "none": None, "flag": True})
    study._storage.set_study_system_attr(study._study_id, "engine", {"rung": 2})

    def objective(trial):
        x = trial.suggest_float("x", -2.0, 3.0)
        lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
        q = trial.suggest_float("q", 0.0, 1.0, step=0.25)
        n = trial.suggest_int("n", -3, 7)
        m = trial.suggest_int("m", 1, 1024, log=True)
        k = trial.suggest_int("k", 0, 18, step=3)
        c = trial.suggest_categorical("c", [None, 2, 2.5, "s", True])
        trial.set_user_attr("tag", f"t{trial.number}")
        trial.set_user_attr("nested", {"list": [trial.number, 0.5], "none": None})
        if trial.number == 3:
            raise ValueError("boom")
        value = (x - 1) ** 2 + q + n * 0.01 + math.log10(lr) * 0.001 + m * 1e-6 + k * 1e-3
        for step in range(6):
            reported = value + 1.0 / (step + 1)
            if trial.number == 2 and step == 1:
                reported = float("nan")
            if trial.number == 4 and step == 2:
                reported = float("inf")
            trial.report(reported, step)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return value

    study.optimize(objective, n_trials=14, catch=(ValueError,))
    # A trial told with an infinite value, a running one and a waiting one.
    t = study.ask()
    t.suggest_float("x", -2.0, 3.0)
    study.tell(t, float("inf"))
    running = study.ask()
    running.suggest_int("n", -3, 7)
    running.report(0.25, 0)
    running.set_user_attr("tag", "running")
    study.enqueue_trial({"x": 0.5, "n": 2}, user_attrs={"queued": True})

    maxi = optuna.create_study(study_name="maxi", storage=url, direction="maximize")
    for i in range(3):
        maxi.add_trial(
            optuna.trial.create_trial(
                params={"u": 0.1 * i, "w": ["a", "b"][i % 2]},
                distributions={
                    "u": optuna.distributions.FloatDistribution(0.0, 1.0),
                    "w": optuna.distributions.CategoricalDistribution(["a", "b"]),
                },
                value=float(i) - 0.5,
                intermediate_values={0: 0.1 * i, 5: 0.2 * i},
            )
        )
    pruned = maxi.ask()
    pruned.suggest_float("u", 0.0, 1.0)
    maxi.tell(pruned, state=optuna.trial.TrialState.PRUNED)

    multi = optuna.create_study(study_name="multi", storage=url, directions=["minimize", "maximize"])
    multi.optimize(lambda t: (t.suggest_float("a", 0, 1), 1.0), n_trials=2)
    optuna.create_study(study_name="empty", storage=url)


def hexed(v):
    return None if v is None else float(v).hex()


def param(value):
    if value is None:
        return {"type": "none"}
    if isinstance(value, bool):
        return {"type": "bool", "value": value}
    if isinstance(value, int):
        return {"type": "int", "value": value}
    if isinstance(value, float):
        return {"type": "float", "value": value.hex()}
    return {"type": "str", "value": value}


def stamp(t):
    return None if t is None else t.timestamp()


def dump(path):
    url = storage = storage_of(path)
    studies = []
    for summary in optuna.get_all_study_summaries(storage):
        study = optuna.load_study(study_name=summary.study_name, storage=url)
        trials = []
        for t in study.get_trials(deepcopy=False):
            trials.append({
                "number": t.number,
                "state": t.state.name,
                "values": None if t.values is None else [hexed(v) for v in t.values],
                "params": {k: param(v) for k, v in t.params.items()},
                "distributions": {k: optuna.distributions.distribution_to_json(d) for k, d in t.distributions.items()},
                "intermediate": [[s, hexed(v)] for s, v in sorted(t.intermediate_values.items())],
                "user_attrs": {k: json.dumps(v) for k, v in t.user_attrs.items()},
                "system_attrs": {k: json.dumps(v) for k, v in t.system_attrs.items()},
                "start": stamp(t.datetime_start),
                "complete": stamp(t.datetime_complete),
            })
        studies.append({
            "name": study.study_name,
            "directions": [d.name for d in study.directions],
            "user_attrs": {k: json.dumps(v) for k, v in study.user_attrs.items()},
            "system_attrs": {k: json.dumps(v) for k, v in storage.get_study_system_attrs(study._study_id).items()},
            "trials": trials,
        })
    print(json.dumps({"optuna": optuna.__version__, "studies": studies}))


if __name__ == "__main__":
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    {"make": make, "dump": dump}[sys.argv[1]](sys.argv[2])
