"""scikit-learn studies: models trained epoch by epoch (or stage by stage) on bundled datasets.

Every study draws its hyperparameters at random, trains each trial for a fixed number of epochs
and records a validation metric after every epoch on a held-out split that is fixed for the
whole study (so trials are compared on the same data). Only datasets bundled with scikit-learn
(`load_*`) are used: nothing is downloaded.
"""
import warnings

import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits, load_wine
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import SGDClassifier, SGDRegressor
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from common import choice, loguniform, record


def _split(loader, rng, test_size, stratify=True, scale=True):
    X, y = loader(return_X_y=True)
    state = int(rng.integers(2**31 - 1))
    Xtr, Xva, ytr, yva = train_test_split(
        X, y, test_size=test_size, random_state=state, stratify=y if stratify else None)
    if scale:
        sc = StandardScaler().fit(Xtr)
        return sc.transform(Xtr), sc.transform(Xva), ytr, yva, state
    return Xtr, Xva, ytr, yva, state


def _quiet():
    warnings.filterwarnings("ignore")
    np.seterr(all="ignore")


# ---------------------------------------------------------------------------------------------
def sgd_digits(name, rng, trials, epochs):
    """Linear classifiers trained by SGD (`partial_fit`, one pass a step) on digits; val accuracy."""
    _quiet()
    X, y = load_digits(return_X_y=True)
    state = int(rng.integers(2**31 - 1))
    Xtr, Xva, ytr, yva = train_test_split(X, y, test_size=0.25, random_state=state, stratify=y)
    sc = StandardScaler().fit(Xtr)
    classes = np.unique(y)
    for i in range(trials):
        p = {
            "loss": choice(rng, ["hinge", "log_loss", "modified_huber", "squared_hinge", "perceptron"]),
            "penalty": choice(rng, ["l2", "l1", "elasticnet"]),
            "alpha": loguniform(rng, 1e-7, 1.0),
            "learning_rate": choice(rng, ["constant", "optimal", "invscaling"]),
            "eta0": loguniform(rng, 1e-5, 10.0),
            "power_t": float(rng.uniform(0.1, 0.9)),
            "l1_ratio": float(rng.uniform(0.05, 0.95)),
            "standardize": bool(rng.random() < 0.7),
        }
        seed = int(rng.integers(1_000_000))
        xtr, xva = (sc.transform(Xtr), sc.transform(Xva)) if p["standardize"] else (Xtr, Xva)
        m = SGDClassifier(loss=p["loss"], penalty=p["penalty"], alpha=p["alpha"],
                          learning_rate=p["learning_rate"], eta0=p["eta0"], power_t=p["power_t"],
                          l1_ratio=p["l1_ratio"], random_state=seed)
        curve = []
        for _ in range(epochs):
            try:
                m.partial_fit(xtr, ytr, classes=classes)
                curve.append(float((m.predict(xva) == yva).mean()))
            except ValueError:  # sklearn raises on floating-point overflow: the run diverged
                curve.append(float("nan"))
                m = None
                break
        curve += [float("nan")] * (epochs - len(curve))
        yield record(name, i, p, curve, "maximize",
                     {"source": "sklearn", "study": name, "seed": seed, "metric": "val_accuracy",
                      "dataset": "digits", "model": "SGDClassifier", "split_seed": state})


# ---------------------------------------------------------------------------------------------
def sgd_diabetes(name, rng, trials, epochs):
    """Linear regression by SGD on diabetes (raw targets); val MSE, minimize. Diverged runs: null."""
    _quiet()
    Xtr, Xva, ytr, yva, state = _split(load_diabetes, rng, 0.25, stratify=False)
    for i in range(trials):
        p = {
            "loss": choice(rng, ["squared_error", "huber", "epsilon_insensitive"]),
            "penalty": choice(rng, ["l2", "l1", "elasticnet"]),
            "alpha": loguniform(rng, 1e-6, 1.0),
            "learning_rate": choice(rng, ["constant", "invscaling", "optimal"]),
            "eta0": loguniform(rng, 1e-5, 1.0),
            "power_t": float(rng.uniform(0.1, 0.7)),
            "epsilon": loguniform(rng, 0.1, 50.0),
            "average": bool(rng.random() < 0.3),
        }
        seed = int(rng.integers(1_000_000))
        m = SGDRegressor(loss=p["loss"], penalty=p["penalty"], alpha=p["alpha"],
                         learning_rate=p["learning_rate"], eta0=p["eta0"], power_t=p["power_t"],
                         epsilon=p["epsilon"], average=p["average"], random_state=seed)
        curve = []
        for _ in range(epochs):
            try:
                m.partial_fit(Xtr, ytr)
                pred = m.predict(Xva)
                curve.append(float(np.mean((pred - yva) ** 2)))
            except ValueError:
                curve.append(float("nan"))
                break
        curve += [float("nan")] * (epochs - len(curve))
        yield record(name, i, p, curve, "minimize",
                     {"source": "sklearn", "study": name, "seed": seed, "metric": "val_mse",
                      "dataset": "diabetes", "model": "SGDRegressor", "split_seed": state})


# ---------------------------------------------------------------------------------------------
def _mlp_params(rng):
    layers = int(rng.integers(1, 3))
    return {
        "hidden_layer_sizes": [int(choice(rng, [8, 16, 32, 64, 128, 256])) for _ in range(layers)],
        "activation": choice(rng, ["relu", "tanh", "logistic"]),
        "solver": choice(rng, ["adam", "sgd"]),
        "alpha": loguniform(rng, 1e-6, 1.0),
        "learning_rate_init": loguniform(rng, 1e-5, 1.0),
        "batch_size": int(choice(rng, [8, 16, 32, 64, 128, 256])),
        "momentum": float(rng.uniform(0.0, 0.99)),
        "nesterovs_momentum": bool(rng.random() < 0.5),
        "learning_rate": choice(rng, ["constant", "invscaling"]),
    }


def _mlp(p, seed):
    return MLPClassifier(hidden_layer_sizes=tuple(p["hidden_layer_sizes"]), activation=p["activation"],
                         solver=p["solver"], alpha=p["alpha"], learning_rate_init=p["learning_rate_init"],
                         batch_size=p["batch_size"], momentum=p["momentum"],
                         nesterovs_momentum=p["nesterovs_momentum"], learning_rate=p["learning_rate"],
                         random_state=seed)


def _mlp_run(p, seed, Xtr, ytr, Xva, yva, epochs, metric):
    """Trains one epoch per `partial_fit` call; records the metric on the validation split."""
    m = _mlp(p, seed)
    classes = np.unique(np.concatenate([ytr, yva]))
    curve = []
    for _ in range(epochs):
        try:
            m.partial_fit(Xtr, ytr, classes=classes)
            if metric == "val_accuracy":
                curve.append(float((m.predict(Xva) == yva).mean()))
            else:
                proba = m.predict_proba(Xva)
                curve.append(float(log_loss(yva, proba, labels=classes))
                             if np.all(np.isfinite(proba)) else float("nan"))
        except ValueError:  # non-finite weights: the run diverged
            curve.append(float("nan"))
            break
    return curve + [float("nan")] * (epochs - len(curve))


def _mlp_study(name, rng, trials, epochs, loader, test_size, metric, direction, dataset):
    _quiet()
    Xtr, Xva, ytr, yva, state = _split(loader, rng, test_size)
    for i in range(trials):
        p = _mlp_params(rng)
        seed = int(rng.integers(1_000_000))
        curve = _mlp_run(p, seed, Xtr, ytr, Xva, yva, epochs, metric)
        yield record(name, i, p, curve, direction,
                     {"source": "sklearn", "study": name, "seed": seed, "metric": metric,
                      "dataset": dataset, "model": "MLPClassifier", "split_seed": state})


def mlp_digits(name, rng, trials, epochs):
    """Small neural networks (MLPClassifier, one epoch a step) on digits; val accuracy."""
    return _mlp_study(name, rng, trials, epochs, load_digits, 0.25, "val_accuracy", "maximize", "digits")


def mlp_wine(name, rng, trials, epochs):
    """Small neural networks on wine (178 samples); val log loss, minimize (overfitting shows)."""
    return _mlp_study(name, rng, trials, epochs, load_wine, 0.3, "val_log_loss", "minimize", "wine")


# ---------------------------------------------------------------------------------------------
def gbm_breast_cancer(name, rng, trials, stages):
    """Gradient boosting, one tree a step (staged predictions), on breast_cancer; val log loss."""
    _quiet()
    Xtr, Xva, ytr, yva, state = _split(load_breast_cancer, rng, 0.3, scale=False)
    for i in range(trials):
        p = {
            "learning_rate": loguniform(rng, 0.002, 1.0),
            "max_depth": int(rng.integers(1, 7)),
            "subsample": float(rng.uniform(0.2, 1.0)),
            "min_samples_leaf": int(rng.integers(1, 40)),
            "max_features": choice(rng, ["all", "sqrt", "half"]),
        }
        seed = int(rng.integers(1_000_000))
        mf = {"all": None, "sqrt": "sqrt", "half": 0.5}[p["max_features"]]
        m = GradientBoostingClassifier(n_estimators=stages, learning_rate=p["learning_rate"],
                                       max_depth=p["max_depth"], subsample=p["subsample"],
                                       min_samples_leaf=p["min_samples_leaf"], max_features=mf,
                                       random_state=seed).fit(Xtr, ytr)
        curve = [float(log_loss(yva, proba, labels=[0, 1])) for proba in m.staged_predict_proba(Xva)]
        yield record(name, i, p, curve, "minimize",
                     {"source": "sklearn", "study": name, "seed": seed, "metric": "val_log_loss",
                      "dataset": "breast_cancer", "model": "GradientBoostingClassifier",
                      "split_seed": state})


# ---------------------------------------------------------------------------------------------
def al_digits(name, rng, trials, rounds):
    """Pool-based active learning on digits: a logistic regression is refit after each round of
    queries; a step is one round, the value the validation accuracy. Strategy (random, least
    confidence, margin, entropy), batch size, initial labelled set and C are random."""
    from sklearn.linear_model import LogisticRegression
    _quiet()
    Xtr, Xva, ytr, yva, state = _split(load_digits, rng, 0.3)
    for i in range(trials):
        p = {
            "strategy": choice(rng, ["random", "least_confidence", "margin", "entropy"]),
            "batch_size": int(choice(rng, [1, 2, 5, 10, 20])),
            "initial": int(choice(rng, [10, 20, 50, 100])),
            "C": loguniform(rng, 1e-4, 100.0),
            "init": choice(rng, ["random", "stratified"]),
        }
        seed = int(rng.integers(1_000_000))
        g = np.random.default_rng(seed)
        if p["init"] == "stratified":
            per = max(1, p["initial"] // 10)
            labelled = [int(j) for c in range(10) for j in g.choice(np.flatnonzero(ytr == c), per, replace=False)]
        else:
            labelled = [int(j) for j in g.choice(len(ytr), p["initial"], replace=False)]
        pool = np.setdiff1d(np.arange(len(ytr)), labelled)
        m = LogisticRegression(C=p["C"], max_iter=200)
        curve = []
        for _ in range(rounds):
            m.fit(Xtr[labelled], ytr[labelled])
            curve.append(float((m.predict(Xva) == yva).mean()))
            if p["strategy"] == "random":
                pick = g.choice(len(pool), p["batch_size"], replace=False)
            else:
                proba = m.predict_proba(Xtr[pool])
                if p["strategy"] == "least_confidence":
                    score = -proba.max(axis=1)
                elif p["strategy"] == "margin":
                    two = np.sort(proba, axis=1)[:, -2:]
                    score = -(two[:, 1] - two[:, 0])
                else:
                    score = -(proba * np.log(np.clip(proba, 1e-12, None))).sum(axis=1)
                pick = np.argsort(-score, kind="stable")[:p["batch_size"]]
            labelled += [int(j) for j in pool[pick]]
            pool = np.delete(pool, pick)
        yield record(name, i, p, curve, "maximize",
                     {"source": "sklearn", "study": name, "seed": seed, "metric": "val_accuracy",
                      "dataset": "digits", "model": "LogisticRegression (active learning)",
                      "split_seed": state})


# ---------------------------------------------------------------------------------------------
def sgd_breast_cancer(name, rng, trials, epochs):
    """Probabilistic linear classifiers by SGD (log loss or modified Huber, one pass a step) on
    breast_cancer; val log loss, minimize. Unscaled features (values up to ~4000) make large
    steps blow up; modified Huber gives probabilities of exactly 0 or 1, so its log loss jumps."""
    _quiet()
    X, y = load_breast_cancer(return_X_y=True)
    state = int(rng.integers(2**31 - 1))
    Xtr, Xva, ytr, yva = train_test_split(X, y, test_size=0.3, random_state=state, stratify=y)
    sc = StandardScaler().fit(Xtr)
    for i in range(trials):
        p = {
            "loss": choice(rng, ["log_loss", "modified_huber"]),
            "penalty": choice(rng, ["l2", "l1", "elasticnet", "none"]),
            "alpha": loguniform(rng, 1e-7, 1.0),
            "learning_rate": choice(rng, ["constant", "optimal", "invscaling", "adaptive"]),
            "eta0": loguniform(rng, 1e-6, 1.0),
            "power_t": float(rng.uniform(0.1, 0.9)),
            "l1_ratio": float(rng.uniform(0.05, 0.95)),
            "class_weight": choice(rng, ["none", "balanced"]),
            "standardize": bool(rng.random() < 0.75),
        }
        seed = int(rng.integers(1_000_000))
        xtr, xva = (sc.transform(Xtr), sc.transform(Xva)) if p["standardize"] else (Xtr, Xva)
        cw = None
        if p["class_weight"] == "balanced":
            counts = np.bincount(ytr)
            cw = {c: len(ytr) / (2.0 * counts[c]) for c in (0, 1)}
        m = SGDClassifier(loss=p["loss"], penalty=None if p["penalty"] == "none" else p["penalty"],
                          alpha=p["alpha"], learning_rate=p["learning_rate"], eta0=p["eta0"],
                          power_t=p["power_t"], l1_ratio=p["l1_ratio"], class_weight=cw,
                          random_state=seed)
        curve = []
        for _ in range(epochs):
            try:
                m.partial_fit(xtr, ytr, classes=[0, 1])
                proba = m.predict_proba(xva)
                curve.append(float(log_loss(yva, proba, labels=[0, 1]))
                             if np.all(np.isfinite(proba)) else float("nan"))
            except ValueError:  # sklearn raises on floating-point overflow: the run diverged
                curve.append(float("nan"))
                break
        curve += [float("nan")] * (epochs - len(curve))
        yield record(name, i, p, curve, "minimize",
                     {"source": "sklearn", "study": name, "seed": seed, "metric": "val_log_loss",
                      "dataset": "breast_cancer", "model": "SGDClassifier", "split_seed": state})


# ---------------------------------------------------------------------------------------------
def mlp_breast_cancer(name, rng, trials, epochs):
    """Small neural networks (MLPClassifier, one epoch a step, the mlp-digits space) on
    breast_cancer; val accuracy."""
    return _mlp_study(name, rng, trials, epochs, load_breast_cancer, 0.3, "val_accuracy", "maximize",
                      "breast_cancer")


# ---------------------------------------------------------------------------------------------
def hgb_digits(name, rng, trials, iterations):
    """Histogram gradient boosting (one boosting iteration, 10 trees, a step; staged predictions)
    on digits; val log loss, minimize."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    _quiet()
    Xtr, Xva, ytr, yva, state = _split(load_digits, rng, 0.3, scale=False)
    classes = np.unique(ytr)
    for i in range(trials):
        p = {
            "learning_rate": loguniform(rng, 0.005, 1.0),
            "max_leaf_nodes": int(choice(rng, [4, 8, 15, 31, 63])),
            "max_depth": int(choice(rng, [0, 2, 3, 5, 8])),  # 0: unlimited
            "min_samples_leaf": int(rng.integers(2, 60)),
            "l2_regularization": loguniform(rng, 1e-4, 10.0),
            "max_features": float(rng.uniform(0.1, 1.0)),
            "max_bins": int(choice(rng, [8, 16, 32, 64, 255])),
        }
        seed = int(rng.integers(1_000_000))
        m = HistGradientBoostingClassifier(
            max_iter=iterations, learning_rate=p["learning_rate"], max_leaf_nodes=p["max_leaf_nodes"],
            max_depth=p["max_depth"] or None, min_samples_leaf=p["min_samples_leaf"],
            l2_regularization=p["l2_regularization"], max_features=p["max_features"],
            max_bins=p["max_bins"], early_stopping=False, random_state=seed).fit(Xtr, ytr)
        curve = [float(log_loss(yva, proba, labels=classes)) for proba in m.staged_predict_proba(Xva)]
        yield record(name, i, p, curve, "minimize",
                     {"source": "sklearn", "study": name, "seed": seed, "metric": "val_log_loss",
                      "dataset": "digits", "model": "HistGradientBoostingClassifier",
                      "split_seed": state})
