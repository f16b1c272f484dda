"""Reinforcement-learning studies with function approximation: numpy agents on Gymnasium's
classic-control environments (CartPole-v1, Acrobot-v1, MountainCar-v0, Pendulum-v1).

- `ac_cartpole`, `ac_acrobot`: advantage actor-critic with two tiny tanh MLPs (a softmax
  actor and a critic), updated every `n_steps` environment steps (or at the end of each episode)
  with GAE(lambda) advantages, SGD or Adam, an entropy bonus and global-norm gradient clipping.
- `ac_pendulum`: the continuous-action actor-critic of Sutton & Barto (13.7; Degris et al.
  2012): tile-coded (angle, angular velocity), a linear critic trained by TD(lambda), a Gaussian
  policy whose mean and log std are linear in the features, per-step updates with traces.
- `dqn_cartpole`: DQN with a one-hidden-layer numpy MLP, a replay buffer, a target network
  (hard updates), epsilon-greedy exploration, Huber or squared loss, optional double DQN.
- `tile_mountaincar`: linear Sarsa(lambda) / Watkins Q(lambda) on tile-coded features
  (Sutton & Barto, ch. 12), replacing or accumulating traces, no reward shaping.

Every config (random hyperparameters) is run with several seeds, one trial line each (labels:
`config`, `replicate`, `seed`). Curves are the returns the agent got while learning
(exploration included), averaged over windows of consecutive episodes; DQN's curve is, every
`log_every` environment steps, the mean return of the last 10 finished episodes (what
Stable-Baselines' `ep_rew_mean` shows). Non-finite weights are not repaired: the agent keeps
acting on them, as a real training loop would, and its returns are what that gives.
"""
import math
import random

import gymnasium as gym
import numpy as np

from common import choice, loguniform, window_means
from rl_studies import _quiet, _seeded_trials


def _episode_starts(env, seed, episodes):
    """The first observation of each episode: the first reset seeded, the others continuing."""
    obs, _ = env.reset(seed=seed)
    for ep in range(episodes):
        if ep:
            obs, _ = env.reset()
        yield obs


def _windowed_study(name, rng, configs, seeds, env_id, make_params, returns_of, window):
    """A study whose curve is the mean return over windows of `window` episodes;
    `returns_of(env, p, seed)` runs one agent and gives its episode returns."""
    _quiet()
    env = gym.make(env_id, disable_env_checker=True)

    def run(p, seed):
        return window_means(returns_of(env, p, seed), window)

    return _seeded_trials(name, rng, configs, seeds, make_params, run,
                          f"mean_return_per_{window}_episodes", env_id)


# --------------------------------------------------------------------------------------------- nets
def _mlp_init(g, n_in, hidden, n_out, out_scale):
    return {"W1": g.normal(0.0, 1.0 / math.sqrt(n_in), (hidden, n_in)), "b1": np.zeros(hidden),
            "W2": g.normal(0.0, out_scale / math.sqrt(hidden), (n_out, hidden)), "b2": np.zeros(n_out)}


def _mlp_forward(net, X):
    H = np.tanh(X @ net["W1"].T + net["b1"])
    return H, H @ net["W2"].T + net["b2"]


def _mlp_backward(net, X, H, G):
    """Gradients of a loss whose gradient with respect to the outputs (rows of X) is G."""
    dH = (G @ net["W2"]) * (1.0 - H * H)
    return {"W2": G.T @ H, "b2": G.sum(0), "W1": dH.T @ X, "b1": dH.sum(0)}


class _Optimizer:
    """SGD or Adam on a dict of arrays, with global-norm gradient clipping (0: none)."""

    def __init__(self, params, kind, lr, clip):
        self.kind, self.lr, self.clip, self.t = kind, lr, clip, 0
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}

    def step(self, params, grads):
        if self.clip > 0:
            norm = math.sqrt(sum(float((g * g).sum()) for g in grads.values()))
            if norm > self.clip:
                grads = {k: g * (self.clip / norm) for k, g in grads.items()}
        self.t += 1
        for k, g in grads.items():
            if self.kind == "adam":
                self.m[k] = 0.9 * self.m[k] + 0.1 * g
                self.v[k] = 0.999 * self.v[k] + 0.001 * g * g
                mh = self.m[k] / (1 - 0.9 ** self.t)
                vh = self.v[k] / (1 - 0.999 ** self.t)
                params[k] -= self.lr * mh / (np.sqrt(vh) + 1e-8)
            else:
                params[k] -= self.lr * g


# ------------------------------------------------------------------------------------ actor-critic
def _ac_params(g):
    """Learning rates are drawn for Adam; plain SGD (on gradients averaged over a rollout) gets ten
    times larger ones: in Adam's range it barely moves in 450 episodes."""
    p = {
        "hidden": int(choice(g, [8, 16, 32, 64])),
        "actor_lr": loguniform(g, 5e-5, 0.02),
        "critic_lr": loguniform(g, 1e-4, 0.05),
        "optimizer": choice(g, ["adam", "sgd"]),
        "gamma": 1.0 - loguniform(g, 0.002, 0.1),
        "gae_lambda": float(g.uniform(0.0, 1.0)),
        "n_steps": int(choice(g, [0, 8, 32, 128])),  # 0: update at the end of each episode
        "entropy": choice(g, [0.0, 0.0, loguniform(g, 1e-4, 0.1)]),
        "normalize_adv": bool(g.random() < 0.5),
        "grad_clip": choice(g, [0.0, 0.5, 5.0]),
        "actor_init": loguniform(g, 0.01, 1.0),
    }
    if p["optimizer"] == "sgd":
        p["actor_lr"] *= 10.0
        p["critic_lr"] *= 10.0
    return p


def _ac_run(env, p, seed, episodes, n_obs, n_act):
    """One actor-critic run with a softmax policy; returns the list of episode returns."""
    r = random.Random(seed)
    g = np.random.default_rng(seed)
    actor = _mlp_init(g, n_obs, p["hidden"], n_act, p["actor_init"])
    critic = _mlp_init(g, n_obs, p["hidden"], 1, 1.0)
    a_opt = _Optimizer(actor, p["optimizer"], p["actor_lr"], p["grad_clip"])
    c_opt = _Optimizer(critic, p["optimizer"], p["critic_lr"], p["grad_clip"])
    gamma, lam, ent, n_steps = p["gamma"], p["gae_lambda"], p["entropy"], p["n_steps"]
    W1, b1, W2, b2 = actor["W1"], actor["b1"], actor["W2"], actor["b2"]

    def update(obs, acts, rews, next_obs, terms, dones):
        """GAE(lambda) over one rollout; a truncated episode bootstraps from its last state."""
        X = np.asarray(obs)
        T = len(rews)
        Hc, V = _mlp_forward(critic, X)
        _, V2 = _mlp_forward(critic, np.asarray(next_obs))
        V, V2 = V[:, 0], V2[:, 0]
        delta = np.asarray(rews) + gamma * (1.0 - np.asarray(terms)) * V2 - V
        adv = np.empty(T)
        acc = 0.0
        for t in range(T - 1, -1, -1):
            acc = float(delta[t]) + (0.0 if dones[t] else gamma * lam * acc)
            adv[t] = acc
        ret = adv + V
        c_opt.step(critic, _mlp_backward(critic, X, Hc, ((V - ret) / T)[:, None]))
        if p["normalize_adv"] and T > 1:
            adv = (adv - adv.mean()) / (adv.std() + 1e-8)
        H, out = _mlp_forward(actor, X)
        e = np.exp(out - out.max(1, keepdims=True))
        pr = e / e.sum(1, keepdims=True)
        logp = np.log(np.clip(pr, 1e-12, None))
        onehot = np.zeros_like(pr)
        onehot[np.arange(T), np.asarray(acts)] = 1.0
        entropy = -(pr * logp).sum(1, keepdims=True)
        Gout = ((pr - onehot) * adv[:, None] + ent * pr * (logp + entropy)) / T
        a_opt.step(actor, _mlp_backward(actor, X, H, Gout))

    returns = []
    obs_buf, act_buf, rew_buf, next_buf, term_buf, done_buf = [], [], [], [], [], []
    for obs in _episode_starts(env, seed, episodes):
        total = 0.0
        while True:
            x = np.asarray(obs, dtype=float)
            out = W2 @ np.tanh(W1 @ x + b1) + b2
            e = np.exp(out - out.max())
            pr = e / e.sum()
            u, a = r.random(), n_act - 1
            for i in range(n_act):
                u -= pr[i]
                if u <= 0:
                    a = i
                    break
            obs, rew, term, trunc, _ = env.step(a)
            total += rew
            end = term or trunc
            obs_buf.append(x)
            act_buf.append(a)
            rew_buf.append(rew)
            next_buf.append(np.asarray(obs, dtype=float))
            term_buf.append(1.0 if term else 0.0)
            done_buf.append(end)
            if (n_steps and len(rew_buf) >= n_steps) or (end and not n_steps):
                update(obs_buf, act_buf, rew_buf, next_buf, term_buf, done_buf)
                obs_buf, act_buf, rew_buf, next_buf, term_buf, done_buf = [], [], [], [], [], []
            if end:
                break
        returns.append(total)
    return returns


def ac_cartpole(name, rng, configs, seeds, episodes, window):
    """Actor-critic (tiny MLPs) on CartPole-v1; mean return per window of episodes."""
    return _windowed_study(name, rng, configs, seeds, "CartPole-v1", _ac_params,
                           lambda env, p, seed: _ac_run(env, p, seed, episodes, 4, 2), window)


def ac_acrobot(name, rng, configs, seeds, episodes, window):
    """Actor-critic (tiny MLPs) on Acrobot-v1 (episodes capped at 500 steps); mean return."""
    return _windowed_study(name, rng, configs, seeds, "Acrobot-v1", _ac_params,
                           lambda env, p, seed: _ac_run(env, p, seed, episodes, 6, 3), window)


class _TileCoder:
    """Grid tilings over a box, each offset by an odd multiple of width/tilings per dimension
    (Sutton & Barto 9.5.4); `indices(x)` gives one active feature per tiling."""

    def __init__(self, lows, highs, tilings, tiles):
        self.lows, self.highs = np.asarray(lows, dtype=float), np.asarray(highs, dtype=float)
        d = len(lows)
        self.width = (self.highs - self.lows) / tiles
        self.tiles = tiles
        self.offsets = np.array([[(i * (2 * j + 1)) % tilings / tilings for j in range(d)]
                                 for i in range(tilings)]) * self.width
        self.base = np.arange(tilings) * (tiles + 1) ** d
        self.mult = np.array([(tiles + 1) ** j for j in range(d)])
        self.size = tilings * (tiles + 1) ** d

    def indices(self, x):
        shifted = np.asarray(x, dtype=float) - self.lows + self.offsets
        cells = np.floor(shifted / self.width).astype(np.int64)
        np.clip(cells, 0, self.tiles, out=cells)
        return self.base + cells @ self.mult


def _pendulum_params(g):
    return {
        "tilings": int(choice(g, [4, 8, 16])),
        "tiles": int(g.integers(4, 13)),
        "critic_alpha": loguniform(g, 0.01, 1.0),  # divided by the number of tilings
        "actor_alpha": loguniform(g, 0.001, 0.1),
        "std_alpha_ratio": loguniform(g, 0.01, 1.0),
        "gamma": 1.0 - loguniform(g, 0.01, 0.1),
        "lambda": float(g.uniform(0.0, 0.95)),
        "init_log_std": float(g.uniform(-1.0, 1.0)),
        "reward_scale": loguniform(g, 0.01, 1.0),
    }


def _pendulum_run(env, p, seed, episodes):
    """Per-step actor-critic with traces; the torque sent is the Gaussian sample clipped to [-2, 2]."""
    r = random.Random(seed)
    n = p["tilings"]
    tc = _TileCoder([-math.pi, -8.0], [math.pi, 8.0], n, p["tiles"])
    v, mu, ls = np.zeros(tc.size), np.zeros(tc.size), np.full(tc.size, p["init_log_std"] / n)
    zv, zm, zs = np.zeros(tc.size), np.zeros(tc.size), np.zeros(tc.size)
    av, am = p["critic_alpha"] / n, p["actor_alpha"] / n
    asd = am * p["std_alpha_ratio"]
    decay = p["gamma"] * p["lambda"]
    gamma, scale = p["gamma"], p["reward_scale"]
    returns = []
    for obs in _episode_starts(env, seed, episodes):
        zv[:] = 0.0
        zm[:] = 0.0
        zs[:] = 0.0
        idx = tc.indices((math.atan2(obs[1], obs[0]), obs[2]))
        total = 0.0
        while True:
            m = float(mu[idx].sum())
            s = math.exp(min(5.0, float(ls[idx].sum())))
            a = m + s * r.gauss(0.0, 1.0)
            torque = min(2.0, max(-2.0, a)) if math.isfinite(a) else 0.0
            obs, rew, term, trunc, _ = env.step(np.array([torque]))
            total += rew
            idx2 = tc.indices((math.atan2(obs[1], obs[0]), obs[2]))
            delta = rew * scale + (0.0 if term else gamma * float(v[idx2].sum())) - float(v[idx].sum())
            zv *= decay
            zv[idx] += 1.0
            zm *= decay
            zm[idx] += (a - m) / (s * s)
            zs *= decay
            zs[idx] += (a - m) ** 2 / (s * s) - 1.0
            v += av * delta * zv
            mu += am * delta * zm
            ls += asd * delta * zs
            idx = idx2
            if term or trunc:
                break
        returns.append(total)
    return returns


def ac_pendulum(name, rng, configs, seeds, episodes, window):
    """Tile-coded Gaussian actor-critic on Pendulum-v1 (200-step episodes); mean return per window."""
    return _windowed_study(name, rng, configs, seeds, "Pendulum-v1", _pendulum_params,
                           lambda env, p, seed: _pendulum_run(env, p, seed, episodes), window)


# --------------------------------------------------------------------------------------------- DQN
def _dqn_params(g):
    return {
        "hidden": int(choice(g, [16, 32, 64, 128])),
        "activation": "tanh",
        "lr": loguniform(g, 1e-5, 0.03),
        "gamma": 1.0 - loguniform(g, 0.002, 0.1),
        "batch_size": int(choice(g, [16, 32, 64, 128])),
        "buffer_size": int(choice(g, [1000, 5000, 20000, 50000])),
        "learning_starts": int(choice(g, [100, 500, 1000, 2000])),
        "train_freq": int(choice(g, [1, 2, 4, 8])),
        "target_update": int(choice(g, [1, 100, 500, 2000])),
        "eps_start": float(g.uniform(0.5, 1.0)),
        "eps_end": loguniform(g, 0.005, 0.2),
        "eps_fraction": float(g.uniform(0.02, 0.6)),
        "loss": choice(g, ["huber", "mse"]),
        "double": bool(g.random() < 0.5),
        "grad_clip": choice(g, [0.0, 1.0, 10.0]),
    }


def _dqn_run(env, p, seed, total_steps, log_every, n_obs, n_act):
    r = random.Random(seed)
    g = np.random.default_rng(seed)
    q = _mlp_init(g, n_obs, p["hidden"], n_act, 1.0)
    target = {k: v.copy() for k, v in q.items()}
    opt = _Optimizer(q, "adam", p["lr"], p["grad_clip"])
    cap = p["buffer_size"]
    S = np.zeros((cap, n_obs))
    S2 = np.zeros((cap, n_obs))
    A = np.zeros(cap, dtype=np.int64)
    R = np.zeros(cap)
    D = np.zeros(cap)
    size = pos = 0
    gamma, bs = p["gamma"], p["batch_size"]
    decay = max(1.0, p["eps_fraction"] * total_steps)
    finished, curve = [], []
    obs, _ = env.reset(seed=seed)
    x = np.asarray(obs, dtype=float)
    ep_ret = 0.0
    for t in range(1, total_steps + 1):
        eps = p["eps_start"] + (p["eps_end"] - p["eps_start"]) * min(1.0, t / decay)
        if r.random() < eps:
            a = r.randrange(n_act)
        else:
            vals = q["W2"] @ np.tanh(q["W1"] @ x + q["b1"]) + q["b2"]
            a = int(np.argmax(vals))
        obs, rew, term, trunc, _ = env.step(a)
        x2 = np.asarray(obs, dtype=float)
        ep_ret += rew
        S[pos], S2[pos], A[pos], R[pos], D[pos] = x, x2, a, rew, 1.0 if term else 0.0
        pos = (pos + 1) % cap
        size = min(size + 1, cap)
        if term or trunc:
            finished.append(ep_ret)
            ep_ret = 0.0
            obs, _ = env.reset()
            x2 = np.asarray(obs, dtype=float)
        x = x2
        if t >= p["learning_starts"] and t % p["train_freq"] == 0:
            idx = g.integers(0, size, bs)
            _, qn_t = _mlp_forward(target, S2[idx])
            if p["double"]:
                _, qn = _mlp_forward(q, S2[idx])
                nxt = qn_t[np.arange(bs), qn.argmax(1)]
            else:
                nxt = qn_t.max(1)
            y = R[idx] + gamma * (1.0 - D[idx]) * nxt
            H, qs = _mlp_forward(q, S[idx])
            err = qs[np.arange(bs), A[idx]] - y
            if p["loss"] == "huber":
                err = np.clip(err, -1.0, 1.0)
            G = np.zeros_like(qs)
            G[np.arange(bs), A[idx]] = err / bs
            opt.step(q, _mlp_backward(q, S[idx], H, G))
        if t % p["target_update"] == 0:
            target = {k: v.copy() for k, v in q.items()}
        if t % log_every == 0:
            last = finished[-10:]
            curve.append(sum(last) / len(last) if last else ep_ret)
    return curve


def dqn_cartpole(name, rng, configs, seeds, total_steps, log_every):
    """DQN on CartPole-v1; every log_every steps, the mean return of the last 10 episodes."""
    _quiet()
    env = gym.make("CartPole-v1", disable_env_checker=True)

    def run(p, seed):
        return _dqn_run(env, p, seed, total_steps, log_every, 4, 2)

    return _seeded_trials(name, rng, configs, seeds, _dqn_params, run,
                          f"mean_return_last_10_episodes_every_{log_every}_steps", "CartPole-v1")


# ------------------------------------------------------------------------------------ tile coding
def _tile_params(g):
    return {
        "algorithm": choice(g, ["sarsa_lambda", "watkins_q_lambda"]),
        "tilings": int(choice(g, [2, 4, 8, 16])),
        "tiles": int(g.integers(3, 13)),
        "alpha": loguniform(g, 0.01, 2.0),  # total step size, divided by the number of tilings
        "lambda": float(g.uniform(0.0, 0.99)),
        "gamma": 1.0 - loguniform(g, 1e-4, 0.05),
        "epsilon": choice(g, [0.0, loguniform(g, 0.001, 0.3)]),
        "q_init": float(g.uniform(-20.0, 0.0)),
        "traces": choice(g, ["replacing", "accumulating"]),
    }


def _tile_run(env, p, seed, episodes, lows, highs, n_act):
    """Linear Sarsa(lambda) / Watkins Q(lambda) over tile-coded (position, velocity)."""
    r = random.Random(seed)
    n = p["tilings"]
    tc = _TileCoder(lows, highs, n, p["tiles"])
    per_action = tc.size
    tiles = tc.indices
    w = np.full(n_act * per_action, p["q_init"] / n)
    z = np.zeros_like(w)
    alpha = p["alpha"] / n
    gamma, lam, eps = p["gamma"], p["lambda"], p["epsilon"]
    replacing = p["traces"] == "replacing"
    watkins = p["algorithm"] == "watkins_q_lambda"

    def qvals(idx):
        return [float(w[a * per_action + idx].sum()) for a in range(n_act)]

    def greedy(qs):
        m = max(qs)
        best = [a for a in range(n_act) if qs[a] == m]
        return best[0] if len(best) == 1 else r.choice(best)

    def policy(qs):
        return r.randrange(n_act) if r.random() < eps else greedy(qs)

    returns = []
    for obs in _episode_starts(env, seed, episodes):
        z[:] = 0.0
        idx = tiles(obs)
        qs = qvals(idx)
        a = policy(qs)
        total = 0.0
        while True:
            obs, rew, term, trunc, _ = env.step(a)
            total += rew
            f = a * per_action + idx
            delta = rew - qs[a]
            if replacing:
                z[f] = 1.0
            else:
                z[f] += 1.0
            if term:
                w += alpha * delta * z
                break
            idx2 = tiles(obs)
            qs2 = qvals(idx2)
            a2 = policy(qs2)
            if watkins:
                delta += gamma * max(qs2)
            else:
                delta += gamma * qs2[a2]
            w += alpha * delta * z
            if watkins and qs2[a2] != max(qs2):
                z[:] = 0.0
            else:
                z *= gamma * lam
            if trunc:
                break
            idx, a = idx2, a2
            qs = qvals(idx)
        returns.append(total)
    return returns


def tile_mountaincar(name, rng, configs, seeds, episodes, window):
    """Sarsa(lambda) / Q(lambda) with tile coding on MountainCar-v0 (no shaping); mean return."""
    def returns(env, p, seed):
        return _tile_run(env, p, seed, episodes, [-1.2, -0.07], [0.6, 0.07], 3)

    return _windowed_study(name, rng, configs, seeds, "MountainCar-v0", _tile_params, returns, window)