import SweepML

/// How an agent turns reward estimates into a pull.
///
/// Ties between equally good arms are broken uniformly at random.
public enum SelectionRule: Sendable, Equatable {
    /// With probability ε a uniformly random arm, otherwise the best estimate.
    case epsilonGreedy(epsilon: Double)
    /// Each arm has its own exploration rate `ε_a = ε / √(1 + n_a)` that decays with its own
    /// pulls. With probability `ε_g` of the greedy arm g the agent explores, picking arm a with
    /// probability proportional to `ε_a` (so rarely tried arms are tried first).
    case perArmEpsilon(epsilon: Double)
    /// Thompson-style: draws `mean_a + scale · se_a · N(0, 1)` for every arm (se_a is the
    /// standard error from the counts) and pulls the best draw.
    case thompson(scale: Double)
    /// UCB-style: pulls the arm with the largest `mean_a + c · width_a`, where
    /// `width_a = σ̂ √(2 ln(t + 1) / n_a)` comes from the counts (untried arms first).
    case ucb(c: Double)

    /// The arm to pull given `estimates`.
    public func select(_ estimates: RewardEstimates, using rng: inout RandomGenerator) -> Int {
        let k = estimates.means.count
        switch self {
        case .epsilonGreedy(let epsilon):
            if rng.nextUnit() < epsilon { return rng.nextInt(below: k) }
            return Self.argmax(estimates.means, using: &rng)
        case .perArmEpsilon(let epsilon):
            let rates = estimates.counts.map { epsilon / Double(1 + $0).squareRoot() }
            let greedy = Self.argmax(estimates.means, using: &rng)
            guard rng.nextUnit() < rates[greedy] else { return greedy }
            var u = rng.nextUnit() * rates.reduce(0, +)
            for a in 0..<k {
                u -= rates[a]
                if u < 0 { return a }
            }
            return k - 1
        case .thompson(let scale):
            let draws = (0..<k).map { estimates.means[$0] + scale * estimates.standardError($0) * rng.nextGaussian() }
            return Self.argmax(draws, using: &rng)
        case .ucb(let c):
            let indices = (0..<k).map { estimates.means[$0] + c * estimates.confidenceWidth($0) }
            return Self.argmax(indices, using: &rng)
        }
    }

    /// The index of the largest value, ties broken uniformly at random (NaN counts as smallest).
    static func argmax(_ values: [Double], using rng: inout RandomGenerator) -> Int {
        var best = -Double.infinity
        var chosen = 0
        var ties = 0
        for (i, v) in values.enumerated() {
            if v > best {
                best = v
                chosen = i
                ties = 1
            } else if v == best {
                ties += 1
                if rng.nextInt(below: ties) == 0 { chosen = i }
            }
        }
        return chosen
    }
}

extension SelectionRule: CustomStringConvertible {
    /// The rule as spec text, e.g. `epsilon_greedy:epsilon=0.1`.
    public var description: String {
        switch self {
        case .epsilonGreedy(let e): "epsilon_greedy:epsilon=\(e)"
        case .perArmEpsilon(let e): "per_arm_epsilon:epsilon=\(e)"
        case .thompson(let s): "thompson:scale=\(s)"
        case .ucb(let c): "ucb:c=\(c)"
        }
    }
}
