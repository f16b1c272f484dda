import SweepML

/// Thompson sampling with a Beta-Bernoulli model (Thompson 1933; Chapelle & Li 2011): arm a has
/// the posterior Beta(α₀ + S_a, β₀ + F_a); each step draws one sample per arm and pulls the
/// largest. A reward r is clipped to [0, 1] and counted as r successes and 1 − r failures.
public struct BetaThompsonAgent: BanditAgent {
    /// The prior Beta(alpha, beta) (both > 0; 1, 1 is uniform).
    public let alpha: Double
    public let beta: Double
    /// Per arm: the posterior's parameters and their Gamma constants (only the pulled arm's
    /// change per step).
    var posteriors: [ArmPosterior] = []
    /// The process-wide ziggurat, held here so the step never touches the lazy global.
    let ziggurat = Ziggurat.shared

    /// Arm a's Beta(α, β) posterior and the constants of its two Gamma draws.
    struct ArmPosterior: Sendable {
        var successes: Double
        var failures: Double
        var successShape: GammaShape
        var failureShape: GammaShape
        /// Scratch for `selectArm`: this step's two Gamma draws (NaN while unfinished) and the
        /// first 64-bit output of each.
        var x = 0.0
        var y = 0.0
        var successBits: UInt64 = 0
        var failureBits: UInt64 = 0

        init(alpha: Double, beta: Double) {
            successes = alpha
            failures = beta
            successShape = GammaShape(alpha)
            failureShape = GammaShape(beta)
        }
    }

    /// A Beta-Bernoulli Thompson agent.
    public init(alpha: Double = 1, beta: Double = 1) {
        precondition(alpha > 0 && beta > 0, "the Beta prior needs alpha, beta > 0")
        self.alpha = alpha
        self.beta = beta
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        posteriors = [ArmPosterior](repeating: ArmPosterior(alpha: alpha, beta: beta), count: arms)
    }

    /// One exact Beta draw per arm, X / (X + Y) with X, Y independent Gamma draws; the largest
    /// wins (the first on ties).
    ///
    /// In three passes, so that the hot one has no branch and no call: every arm's two Gamma
    /// draws on their fast path (`GammaShape.fastDraw`, NaN when a draw needs the full
    /// algorithm: a few per cent of draws, mostly at small shapes), then the unfinished arms,
    /// then the argmax.
    @inline(__always)
    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        let ziggurat = self.ziggurat
        return posteriors.withUnsafeMutableBufferPointer { arms in
            var unfinished = false
            for a in 0..<arms.count {
                let successBits = rng.next()
                let failureBits = rng.next()
                let x = arms[a].successShape.fastDraw(successBits, ziggurat: ziggurat)
                let y = arms[a].failureShape.fastDraw(failureBits, ziggurat: ziggurat)
                arms[a].x = x
                arms[a].y = y
                arms[a].successBits = successBits
                arms[a].failureBits = failureBits
                unfinished = unfinished || (x + y).isNaN
            }
            if unfinished { rng = Self.finish(arms, ziggurat: ziggurat, generator: rng) }
            var best = 0
            var bestSample = -1.0
            for a in 0..<arms.count {
                let sample = arms[a].x / (arms[a].x + arms[a].y)
                let better = sample > bestSample
                best = better ? a : best
                bestSample = better ? sample : bestSample
            }
            return best
        }
    }

    /// Completes the unfinished (NaN) Gamma draws, each going on from its first output.
    /// Returns the generator after them (by value, so the caller's stays in registers).
    @inline(never)
    static func finish(
        _ arms: UnsafeMutableBufferPointer<ArmPosterior>, ziggurat: Ziggurat, generator: RandomGenerator
    ) -> RandomGenerator {
        var rng = generator
        for a in 0..<arms.count {
            if arms[a].x.isNaN {
                let x = arms[a].successShape.draw(startingWith: arms[a].successBits, ziggurat: ziggurat, generator: rng)
                arms[a].x = x.value
                rng = x.rng
            }
            if arms[a].y.isNaN {
                let y = arms[a].failureShape.draw(startingWith: arms[a].failureBits, ziggurat: ziggurat, generator: rng)
                arms[a].y = y.value
                rng = y.rng
            }
        }
        return rng
    }

    @inline(__always)
    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        let r = min(1, max(0, reward))
        posteriors.withUnsafeMutableBufferPointer { arms in
            if r > 0 {
                arms[arm].successes += r
                arms[arm].successShape = GammaShape(arms[arm].successes)
            }
            if r < 1 {
                arms[arm].failures += 1 - r
                arms[arm].failureShape = GammaShape(arms[arm].failures)
            }
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
