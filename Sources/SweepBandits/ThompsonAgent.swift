import SweepML

/// Thompson sampling with a Beta-Bernoulli model (Thompson 1933; Chapelle & Li 2011): arm a has
/// the posterior Beta(α₀ + S_a, β₀ + F_a); each step draws one sample per arm and pulls the
/// largest. A reward r is clipped to [0, 1] and counted as r successes and 1 − r failures.
public struct BetaThompsonAgent: BanditAgent {
    /// The prior Beta(alpha, beta) (both > 0; 1, 1 is uniform).
    public let alpha: Double
    public let beta: Double
    var successes: [Double] = []
    var failures: [Double] = []
    var successShapes: [GammaShape] = []
    var failureShapes: [GammaShape] = []

    /// A Beta-Bernoulli Thompson agent.
    public init(alpha: Double = 1, beta: Double = 1) {
        precondition(alpha > 0 && beta > 0, "the Beta prior needs alpha, beta > 0")
        self.alpha = alpha
        self.beta = beta
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        successes = [Double](repeating: alpha, count: arms)
        failures = [Double](repeating: beta, count: arms)
        successShapes = [GammaShape](repeating: GammaShape(alpha), count: arms)
        failureShapes = [GammaShape](repeating: GammaShape(beta), count: arms)
    }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        var best = 0
        var bestSample = -1.0
        successShapes.withUnsafeBufferPointer { successes in
            failureShapes.withUnsafeBufferPointer { failures in
                for a in 0..<successes.count {
                    let x = rng.nextGamma(successes[a])
                    let y = rng.nextGamma(failures[a])
                    let sample = x / (x + y)
                    if sample > bestSample {
                        bestSample = sample
                        best = a
                    }
                }
            }
        }
        return best
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        let r = min(1, max(0, reward))
        if r > 0 {
            successes[arm] += r
            successShapes[arm] = GammaShape(successes[arm])
        }
        if r < 1 {
            failures[arm] += 1 - r
            failureShapes[arm] = GammaShape(failures[arm])
        }
    }
}

/// Thompson sampling with a Gaussian model of known noise: arm a's mean has the prior
/// N(`priorMean`, `priorStd`²) and rewards are N(μ_a, `noise`²), so the posterior after n pulls
/// with sum S has precision τ = 1/priorStd² + n/noise² and mean (priorMean/priorStd² + S/noise²)/τ.
/// Each step draws one mean per arm from its posterior and pulls the largest.
public struct GaussianThompsonAgent: BanditAgent {
    public let priorMean: Double
    public let priorStd: Double
    public let noise: Double
    var means: [Double] = []
    var stds: [Double] = []
    var sums: [Double] = []
    var counts: [Double] = []

    /// A Gaussian Thompson agent (`priorStd`, `noise` > 0).
    public init(priorMean: Double = 0, priorStd: Double = 1, noise: Double = 1) {
        precondition(priorStd > 0 && noise > 0, "prior std and noise must be positive")
        self.priorMean = priorMean
        self.priorStd = priorStd
        self.noise = noise
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        means = [Double](repeating: priorMean, count: arms)
        stds = [Double](repeating: priorStd, count: arms)
        sums = [Double](repeating: 0, count: arms)
        counts = [Double](repeating: 0, count: arms)
    }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        var best = 0
        var bestSample = -Double.infinity
        for a in 0..<means.count {
            let sample = means[a] + stds[a] * rng.nextNormal()
            if sample > bestSample {
                bestSample = sample
                best = a
            }
        }
        return best
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        sums[arm] += reward
        counts[arm] += 1
        let priorPrecision = 1 / (priorStd * priorStd)
        let noisePrecision = 1 / (noise * noise)
        let precision = priorPrecision + counts[arm] * noisePrecision
        means[arm] = (priorMean * priorPrecision + sums[arm] * noisePrecision) / precision
        stds[arm] = (1 / precision).squareRoot()
    }
}
