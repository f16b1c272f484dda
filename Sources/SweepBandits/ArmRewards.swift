import SweepML

/// How an arm with mean μ pays: Bernoulli(μ) (μ in [0, 1]) or Normal(μ, std²).
public enum ArmRewards: Sendable, Equatable {
    /// Pays 1 with probability μ, else 0.
    case bernoulli
    /// Pays μ + std · N(0, 1).
    case gaussian(std: Double)

    /// One reward of an arm with mean `mean`.
    @inline(__always)
    public func draw(mean: Double, using rng: inout RandomGenerator) -> Double {
        switch self {
        case .bernoulli: return rng.nextUnit() < mean ? 1 : 0
        case .gaussian(let std): return mean + std * rng.nextNormal()
        }
    }

    /// A random arm mean: U(0, 1) for Bernoulli arms, N(0, 1) for Gaussian arms.
    public func randomMean(using rng: inout RandomGenerator) -> Double {
        switch self {
        case .bernoulli: return rng.nextUnit()
        case .gaussian: return rng.nextNormal()
        }
    }

    /// Keeps a drifting mean valid: reflected into [0, 1] for Bernoulli arms.
    @inline(__always)
    public func clamp(_ mean: Double) -> Double {
        switch self {
        case .bernoulli:
            var m = mean
            if m < 0 { m = -m }
            if m > 1 { m = 2 - m }
            return min(1, max(0, m))
        case .gaussian: return mean
        }
    }
}

@inline(__always)
func maximum(_ values: [Double]) -> Double {
    var best = -Double.infinity
    for v in values where v > best { best = v }
    return best
}
