"""Bandit study: our own pure-Python bandit algorithms run on one Bernoulli bandit instance.

The instance (arm means) is drawn once per study from the study's seed, so all trials face the
same problem; each trial runs one algorithm with random hyperparameters for a number of pulls,
and a step of its curve is the mean reward over a window of consecutive pulls. Several seeds per
config (the reward draws and the algorithm's own randomness change with the seed).
"""
import math
import random

from common import choice, loguniform, record


def _params(rng):
    algo = choice(rng, ["eps_greedy", "ucb1", "thompson", "softmax", "gradient"])
    p = {"algorithm": algo}
    if algo == "eps_greedy":
        p.update(eps=loguniform(rng, 0.001, 0.5), eps_decay=bool(rng.random() < 0.5),
                 q_init=float(rng.uniform(0.0, 1.0)))
    elif algo == "ucb1":
        p.update(c=loguniform(rng, 0.01, 5.0))
    elif algo == "thompson":
        p.update(prior_a=loguniform(rng, 0.1, 20.0), prior_b=loguniform(rng, 0.1, 20.0))
    elif algo == "softmax":
        p.update(temperature=loguniform(rng, 0.005, 1.0))
    else:
        p.update(alpha=loguniform(rng, 0.001, 1.0), baseline=bool(rng.random() < 0.7))
    return p


def _run(p, means, seed, pulls):
    r = random.Random(seed)
    k = len(means)
    n = [0] * k
    s = [0.0] * k
    rewards = []
    algo = p["algorithm"]
    q = [p.get("q_init", 0.0)] * k
    h = [0.0] * k  # gradient-bandit preferences
    avg = 0.0
    for t in range(1, pulls + 1):
        if algo == "eps_greedy":
            eps = p["eps"] / math.sqrt(t) if p["eps_decay"] else p["eps"]
            if r.random() < eps:
                a = r.randrange(k)
            else:
                m = max(q)
                a = r.choice([i for i in range(k) if q[i] == m])
        elif algo == "ucb1":
            if t <= k:
                a = t - 1
            else:
                lt = math.log(t)
                a = max(range(k), key=lambda i: s[i] / n[i] + p["c"] * math.sqrt(lt / n[i]))
        elif algo == "thompson":
            a = max(range(k), key=lambda i: r.betavariate(p["prior_a"] + s[i], p["prior_b"] + n[i] - s[i]))
        else:
            if algo == "softmax":
                z = [(s[i] / n[i] if n[i] else 1.0) / p["temperature"] for i in range(k)]
            else:
                z = h
            mz = max(z)
            e = [math.exp(x - mz) for x in z]
            tot = sum(e)
            probs = [x / tot for x in e]
            u, a = r.random(), k - 1
            for i, pr in enumerate(probs):
                u -= pr
                if u <= 0:
                    a = i
                    break
        rew = 1.0 if r.random() < means[a] else 0.0
        n[a] += 1
        s[a] += rew
        q[a] += (rew - q[a]) / n[a]
        if algo == "gradient":
            base = avg if p["baseline"] else 0.0
            for i in range(k):
                h[i] += p["alpha"] * (rew - base) * ((1.0 if i == a else 0.0) - probs[i])
            avg += (rew - avg) / t
        rewards.append(rew)
    return rewards


def bandit_bernoulli(name, rng, configs, seeds, arms, pulls, window):
    """Bandit algorithms (epsilon-greedy, UCB1, Thompson, softmax, gradient) on a Bernoulli bandit."""
    # One instance for the whole study: a few good arms close together, most arms mediocre.
    means = [float(x) for x in rng.beta(2.0, 5.0, arms)]
    i = 0
    for c in range(configs):
        p = _params(rng)
        base = int(rng.integers(1_000_000))
        for rep in range(seeds):
            seed = base + rep
            rew = _run(p, means, seed, pulls)
            curve = [sum(rew[j * window:(j + 1) * window]) / window for j in range(pulls // window)]
            yield record(name, i, p, curve, "maximize",
                         {"source": "own", "study": name, "seed": seed,
                          "metric": f"mean_reward_per_{window}_pulls", "config": c, "replicate": rep,
                          "arms": arms, "best_arm_mean": round(max(means), 5)})
            i += 1
