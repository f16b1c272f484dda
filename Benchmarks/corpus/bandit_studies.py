"""Bandit studies: our own pure-Python bandit algorithms on one instance per study: a Bernoulli
bandit, a Gaussian k-armed testbed, and a non-stationary Gaussian bandit whose means random-walk.

The instance (arm means, or the drift path of the non-stationary one) is drawn once per study
from the study's seed, so all trials face the same problem; each trial runs one algorithm with random hyperparameters for a number of pulls,
and a step of its curve is the mean reward over a window of consecutive pulls. Several seeds per
config (the reward draws and the algorithm's own randomness change with the seed).
"""
import collections
import math
import random

from common import choice, loguniform, record


def _softmax_pick(r, z):
    """An arm drawn from softmax(z) with one uniform draw; returns it and the probabilities."""
    mz = max(z)
    e = [math.exp(x - mz) for x in z]
    tot = sum(e)
    probs = [x / tot for x in e]
    u, a = r.random(), len(z) - 1
    for i, pr in enumerate(probs):
        u -= pr
        if u <= 0:
            a = i
            break
    return a, probs


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
            a, probs = _softmax_pick(r, z)
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


# ---------------------------------------------------------------------------------------------
# Gaussian rewards; a stationary testbed and a drifting (non-stationary) one. Sample-average or
# constant step-size estimates, as in Sutton & Barto, chapter 2.
def _gauss_params(rng, drifting):
    algo = choice(rng, ["eps_greedy", "ucb", "thompson", "softmax", "gradient"]
                  + (["sw_ucb"] if drifting else []))
    p = {"algorithm": algo}
    if algo in ("eps_greedy", "ucb", "softmax"):
        p["estimate"] = choice(rng, ["average", "constant"])
        p["step_size"] = loguniform(rng, 0.005, 0.5)  # used by "constant"
    if algo == "eps_greedy":
        p.update(eps=loguniform(rng, 0.001, 0.5), q_init=float(rng.uniform(-1.0, 5.0)))
    elif algo in ("ucb", "sw_ucb"):
        p.update(c=loguniform(rng, 0.01, 5.0))
        if algo == "sw_ucb":
            p.update(window=int(choice(rng, [50, 100, 200, 500, 1000, 2000])))
    elif algo == "thompson":
        p.update(prior_sd=loguniform(rng, 0.1, 10.0), noise_sd=loguniform(rng, 0.1, 5.0),
                 discount=choice(rng, [1.0, 1.0 - loguniform(rng, 0.0005, 0.05)]))
    elif algo == "softmax":
        p.update(temperature=loguniform(rng, 0.01, 2.0), q_init=float(rng.uniform(-1.0, 2.0)))
    else:
        p.update(alpha=loguniform(rng, 0.001, 1.0), baseline=bool(rng.random() < 0.7))
    return p


def _gauss_run(p, means_at, k, seed, pulls):
    """One run; `means_at(t)` gives the arm means at pull t (0-based). Returns the rewards."""
    r = random.Random(seed)
    algo = p["algorithm"]
    n = [0] * k
    q = [p.get("q_init", 0.0)] * k
    h = [0.0] * k
    avg = 0.0
    # Thompson: Gaussian posterior per arm (optionally discounted towards the prior).
    prec0 = 1.0 / p.get("prior_sd", 1.0) ** 2
    nprec = 1.0 / p.get("noise_sd", 1.0) ** 2
    sw, sr = [0.0] * k, [0.0] * k
    history = collections.deque()  # sliding-window UCB: the last `window` pulls, with their sums
    cnt, tot = [0] * k, [0.0] * k
    rewards = []
    for t in range(pulls):
        if algo == "eps_greedy":
            if r.random() < p["eps"]:
                a = r.randrange(k)
            else:
                m = max(q)
                a = r.choice([i for i in range(k) if q[i] == m])
        elif algo == "ucb":
            if t < k:
                a = t
            else:
                lt = math.log(t + 1)
                a = max(range(k), key=lambda i: q[i] + p["c"] * math.sqrt(lt / max(n[i], 1)))
        elif algo == "sw_ucb":
            untried = [i for i in range(k) if cnt[i] == 0]
            if untried:
                a = untried[0]
            else:
                lt = math.log(min(t + 1, p["window"]))
                a = max(range(k), key=lambda i: tot[i] / cnt[i] + p["c"] * math.sqrt(lt / cnt[i]))
        elif algo == "thompson":
            a = max(range(k), key=lambda i: r.gauss((sr[i] * nprec) / (prec0 + sw[i] * nprec),
                                                    1.0 / math.sqrt(prec0 + sw[i] * nprec)))
        else:
            z = [x / p["temperature"] for x in q] if algo == "softmax" else h
            a, probs = _softmax_pick(r, z)
        rew = r.gauss(means_at(t)[a], 1.0)
        n[a] += 1
        q[a] += (rew - q[a]) * (p["step_size"] if p.get("estimate") == "constant" else 1.0 / n[a])
        if algo == "thompson":
            d = p["discount"]
            if d < 1.0:
                sw = [x * d for x in sw]
                sr = [x * d for x in sr]
            sw[a] += 1.0
            sr[a] += rew
        elif algo == "sw_ucb":
            history.append((a, rew))
            cnt[a] += 1
            tot[a] += rew
            if len(history) > p["window"]:
                old, x = history.popleft()
                cnt[old] -= 1
                tot[old] -= x
        elif algo == "gradient":
            base = avg if p["baseline"] else 0.0
            for i in range(k):
                h[i] += p["alpha"] * (rew - base) * ((1.0 if i == a else 0.0) - probs[i])
            avg += (rew - avg) / (t + 1)
        rewards.append(rew)
    return rewards


def _gauss_study(name, rng, configs, seeds, arms, pulls, window, drift):
    """Shared by the two Gaussian studies: the instance (and its drift path) is drawn once."""
    if drift:
        # Sutton & Barto's exercise 2.5: all means start equal and take independent random walks.
        steps = rng.normal(0.0, drift, (pulls, arms))
        path = steps.cumsum(axis=0)
        means_at = lambda t: path[t]  # noqa: E731
        best = float(path.max(axis=1).mean())
    else:
        means = [float(x) for x in rng.normal(0.0, 1.0, arms)]
        means_at = lambda t: means  # noqa: E731
        best = max(means)
    i = 0
    for c in range(configs):
        p = _gauss_params(rng, bool(drift))
        base = int(rng.integers(1_000_000))
        for rep in range(seeds):
            seed = base + rep
            rew = _gauss_run(p, means_at, arms, seed, pulls)
            curve = [sum(rew[j * window:(j + 1) * window]) / window for j in range(pulls // window)]
            yield record(name, i, p, curve, "maximize",
                         {"source": "own", "study": name, "seed": seed,
                          "metric": f"mean_reward_per_{window}_pulls", "config": c, "replicate": rep,
                          "arms": arms, ("mean_best_arm" if drift else "best_arm_mean"): round(best, 5)})
            i += 1


def bandit_gaussian(name, rng, configs, seeds, arms, pulls, window):
    """The k-armed testbed: arm means drawn once from N(0, 1), rewards N(mean, 1)."""
    return _gauss_study(name, rng, configs, seeds, arms, pulls, window, 0.0)


def bandit_drifting(name, rng, configs, seeds, arms, pulls, window, drift=0.01):
    """A non-stationary bandit: arm means random-walk by N(0, drift^2) each pull (one path)."""
    return _gauss_study(name, rng, configs, seeds, arms, pulls, window, drift)
