"""What the learned selection policy is trained on in the benchmarks (issue 12): wine, breast
cancer and two synthetic pools, never digits, which the benchmarks hold out to test on.
al_policy.py (§17) and active_learning.py's batch table (§16) both train with these."""
import os


def training_data(data_dir):
    """The `--data` values of `sweep al train-policy`."""
    return [os.path.join(data_dir, "wine.csv"), os.path.join(data_dir, "breast_cancer.csv"),
            "blobs:n=600,classes=4,dims=6,spread=2", "moons:n=600,noise=0.3"]


def train_policy_args(data_dir, episodes, rounds, batch, out, extra=()):
    """The arguments after `sweep al` that train one policy on `training_data` and save it to `out`."""
    return ["train-policy", *sum((["--data", d] for d in training_data(data_dir)), []), "--episodes", str(episodes),
            "--rounds", str(rounds), "--initial", "10", "--batch", str(batch), "--out", out, *extra]
