"""Reinforcement-learning studies: small numpy / pure-Python agents on Gymnasium environments.

Each config (random hyperparameters) is run with several seeds, each seed a separate trial with
the same params (labels: `config`, `replicate`, `seed`), one after the other in sampling order.
A step of a curve is the mean training return over a window of consecutive episodes (the
returns the agent actually got while learning, exploration included), so curves are as noisy
as a practitioner sees them. Environments are Gymnasium's toy-text and classic-control ones
(no extra dependencies, nothing downloaded).
"""
import math
import random
import warnings

import gymnasium as gym
import numpy as np

from common import choice, loguniform, record, window_means


def _quiet():
    warnings.filterwarnings("ignore")
    np.seterr(all="ignore")


def _eps_schedule(p, episodes):
    """Exponential decay from eps_start to eps_min over a fraction eps_decay of the episodes."""
    start, end = p["eps_start"], p["eps_min"]
    n = max(1.0, p["eps_decay"] * episodes)
    rate = (end / start) ** (1.0 / n) if start > end else 1.0
    return lambda ep: max(end, start * rate ** ep)


def _td_params(rng, q_init_range, alpha_range=(0.01, 1.0), gamma_range=(0.8, 0.999)):
    return {
        "algorithm": choice(rng, ["q_learning", "sarsa", "expected_sarsa"]),
        "alpha": loguniform(rng, *alpha_range),
        "gamma": 1.0 - loguniform(rng, 1.0 - gamma_range[1], 1.0 - gamma_range[0]),
        "eps_start": float(rng.uniform(0.2, 1.0)),
        "eps_min": loguniform(rng, 0.001, 0.2),
        "eps_decay": float(rng.uniform(0.05, 1.0)),
        "q_init": float(rng.uniform(*q_init_range)),
    }


def td_run(env, encode, n_states, n_actions, p, seed, episodes):
    """Tabular TD control (Q-learning, SARSA or expected SARSA) with epsilon-greedy exploration.
    Returns the list of episode returns. Ties between greedy actions are broken at random."""
    r = random.Random(seed)
    Q = [[p["q_init"]] * n_actions for _ in range(n_states)]
    alpha, gamma, algo = p["alpha"], p["gamma"], p["algorithm"]
    eps_at = _eps_schedule(p, episodes)
    acts = range(n_actions)

    def act(s, eps):
        if r.random() < eps:
            return r.randrange(n_actions)
        row = Q[s]
        m = max(row)
        best = [a for a in acts if row[a] == m]
        return best[0] if len(best) == 1 else r.choice(best)

    returns = []
    obs, _ = env.reset(seed=seed)
    for ep in range(episodes):
        if ep:
            obs, _ = env.reset()
        eps = eps_at(ep)
        s = encode(obs)
        a = act(s, eps)
        total = 0.0
        while True:
            obs, rew, term, trunc, _ = env.step(a)
            total += rew
            s2 = encode(obs)
            row2 = Q[s2]
            if algo == "sarsa":
                a2 = act(s2, eps)
                nxt = row2[a2]
            elif algo == "q_learning":
                nxt = max(row2)
            else:  # expected SARSA under the epsilon-greedy policy
                nxt = (1.0 - eps) * max(row2) + eps * sum(row2) / n_actions
            target = rew if term else rew + gamma * nxt
            Q[s][a] += alpha * (target - Q[s][a])
            if term or trunc:
                break
            if algo != "sarsa":
                a2 = act(s2, eps)
            s, a = s2, a2
        returns.append(total)
    return returns


def _seeded_trials(name, rng, configs, seeds, make_params, run, metric, env_id, extra_labels=None):
    i = 0
    for c in range(configs):
        p = make_params(rng)
        base = int(rng.integers(1_000_000))
        for k in range(seeds):
            seed = base + k
            curve = run(p, seed)
            labels = {"source": "gymnasium", "study": name, "seed": seed, "metric": metric,
                      "env": env_id, "config": c, "replicate": k}
            labels.update(extra_labels or {})
            yield record(name, i, p, curve, "maximize", labels)
            i += 1


# ---------------------------------------------------------------------------------------------
def td_frozenlake(name, rng, configs, seeds, episodes, window):
    """Tabular TD control on slippery FrozenLake 4x4; success rate per window of episodes."""
    _quiet()
    env = gym.make("FrozenLake-v1", is_slippery=True, disable_env_checker=True)

    def run(p, seed):
        rets = td_run(env, int, 16, 4, p, seed, episodes)
        return window_means(rets, window)

    return _seeded_trials(name, rng, configs, seeds, lambda g: _td_params(g, (0.0, 1.0)), run,
                          f"success_rate_per_{window}_episodes", "FrozenLake-v1")


def td_taxi(name, rng, configs, seeds, episodes, window):
    """Tabular TD control on Taxi; mean return per window of episodes."""
    _quiet()
    env = gym.make("Taxi-v4", disable_env_checker=True)

    def run(p, seed):
        rets = td_run(env, int, 500, 6, p, seed, episodes)
        return window_means(rets, window)

    return _seeded_trials(name, rng, configs, seeds, lambda g: _td_params(g, (-5.0, 5.0)), run,
                          f"mean_return_per_{window}_episodes", "Taxi-v4")


def _binner(lows, highs, bins):
    """Maps a continuous observation to one cell index of a uniform grid (values clipped)."""
    dims = list(zip(lows, highs, bins))

    def encode(obs):
        idx = 0
        for v, (lo, hi, n) in zip(obs, dims):
            k = int((float(v) - lo) / (hi - lo) * n)
            k = 0 if k < 0 else (n - 1 if k >= n else k)
            idx = idx * n + k
        return idx

    return encode


def td_cartpole(name, rng, configs, seeds, episodes, window):
    """Tabular TD control on CartPole with a random discretisation; mean return per window."""
    _quiet()
    env = gym.make("CartPole-v1", disable_env_checker=True)

    def params(g):
        p = _td_params(g, (0.0, 20.0), alpha_range=(0.01, 0.8), gamma_range=(0.9, 0.999))
        p["bins"] = [int(g.integers(1, 4)), int(g.integers(1, 7)), int(g.integers(3, 13)),
                     int(g.integers(3, 13))]
        p["theta_dot_limit"] = float(g.uniform(1.0, 4.0))
        return p

    def run(p, seed):
        b = p["bins"]
        enc = _binner([-2.4, -3.0, -0.2095, -p["theta_dot_limit"]],
                      [2.4, 3.0, 0.2095, p["theta_dot_limit"]], b)
        rets = td_run(env, enc, b[0] * b[1] * b[2] * b[3], 2, p, seed, episodes)
        return window_means(rets, window)

    return _seeded_trials(name, rng, configs, seeds, params, run,
                          f"mean_return_per_{window}_episodes", "CartPole-v1")


def td_cliffwalking(name, rng, configs, seeds, episodes, window, max_steps):
    """Tabular TD control on CliffWalking (falling off the cliff costs -100 and restarts; episodes
    capped at max_steps); mean return per window. The classic case where SARSA's online returns
    beat Q-learning's while exploring."""
    _quiet()
    env = gym.make("CliffWalking-v1", max_episode_steps=max_steps, disable_env_checker=True)

    def run(p, seed):
        rets = td_run(env, int, 48, 4, p, seed, episodes)
        return window_means(rets, window)

    return _seeded_trials(name, rng, configs, seeds, lambda g: _td_params(g, (-10.0, 5.0)), run,
                          f"mean_return_per_{window}_episodes", "CliffWalking-v1")


# ---------------------------------------------------------------------------------------------
def reinforce_cartpole(name, rng, configs, seeds, episodes, window):
    """REINFORCE with a logistic (linear) policy on CartPole; mean return per window of episodes.
    Policy: P(push right | s) = sigmoid(w . [x, x_dot, theta, theta_dot, 1])."""
    _quiet()
    env = gym.make("CartPole-v1", disable_env_checker=True)

    def params(g):
        return {
            "lr": loguniform(g, 1e-4, 0.3),
            "gamma": 1.0 - loguniform(g, 0.001, 0.1),
            "baseline": choice(g, ["none", "mean", "normalize", "running"]),
            "optimizer": choice(g, ["sgd", "adam"]),
            "init_scale": loguniform(g, 0.001, 1.0),
            "grad_clip": choice(g, [0.0, 1.0, 10.0, 100.0]),
        }

    def run(p, seed):
        r = random.Random(seed)
        nr = np.random.default_rng(seed)
        w = nr.normal(0.0, p["init_scale"], 5)
        m, v = np.zeros(5), np.zeros(5)
        running = 0.0
        gamma, lr = p["gamma"], p["lr"]
        rets = []
        obs, _ = env.reset(seed=seed)
        for ep in range(episodes):
            if ep:
                obs, _ = env.reset()
            w0, w1, w2, w3, w4 = (float(x) for x in w)
            feats, acts, probs, rews = [], [], [], []
            while True:
                x0, x1, x2, x3 = (float(x) for x in obs)
                z = w0 * x0 + w1 * x1 + w2 * x2 + w3 * x3 + w4
                pr = 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0
                a = 1 if r.random() < pr else 0
                feats.append((x0, x1, x2, x3, 1.0))
                acts.append(a)
                probs.append(pr)
                obs, rew, term, trunc, _ = env.step(a)
                rews.append(rew)
                if term or trunc:
                    break
            T = len(rews)
            rets.append(float(sum(rews)))
            G = np.empty(T)
            acc = 0.0
            for t in range(T - 1, -1, -1):
                acc = rews[t] + gamma * acc
                G[t] = acc
            if p["baseline"] == "mean":
                adv = G - G.mean()
            elif p["baseline"] == "normalize":
                adv = (G - G.mean()) / (G.std() + 1e-8)
            elif p["baseline"] == "running":
                adv = G - running
                running = 0.9 * running + 0.1 * float(G.mean())
            else:
                adv = G
            grad = (adv * (np.array(acts) - np.array(probs))) @ np.array(feats)
            if p["grad_clip"] > 0:
                norm = float(np.linalg.norm(grad))
                if norm > p["grad_clip"]:
                    grad *= p["grad_clip"] / norm
            if p["optimizer"] == "adam":
                m = 0.9 * m + 0.1 * grad
                v = 0.999 * v + 0.001 * grad * grad
                mh, vh = m / (1 - 0.9 ** (ep + 1)), v / (1 - 0.999 ** (ep + 1))
                w = w + lr * mh / (np.sqrt(vh) + 1e-8)
            else:
                w = w + lr * grad
            if not np.all(np.isfinite(w)):
                w = np.nan_to_num(w, nan=0.0, posinf=1e6, neginf=-1e6)
        return window_means(rets, window)

    return _seeded_trials(name, rng, configs, seeds, params, run,
                          f"mean_return_per_{window}_episodes", "CartPole-v1")
