import Foundation
import SweepCore

/// A noisy learning curve whose quality depends on the parameters: the built-in `toy` objective
/// for demos and tests.
///
/// Each numeric parameter is mapped to [0, 1] within its distribution (log-scaled for log
/// distributions); the best value of each is 0.3 (categoricals: the first choice is best). The
/// trial's quality is `exp(-4 Σ (u - 0.3)²)`, its learning speed grows with the same distance, and
/// step `s` reports `quality · (1 − e^{−(s+1)/τ}) + noise` with noise of standard deviation
/// `noise` (default 0.02), seeded by the trial's seed.
public struct ToyObjective: Objective {
    public var space: SearchSpace
    public var steps: Int
    public var noise: Double
    public var metric: String

    public init(space: SearchSpace, steps: Int = 50, noise: Double = 0.02, metric: String = "value") {
        self.space = space
        self.steps = steps
        self.noise = noise
        self.metric = metric
    }

    /// The noise-free final value the parameters lead to.
    public func quality(_ params: [String: ParamValue]) -> Double {
        var distance = 0.0
        for p in space.parameters {
            guard let value = params[p.name] else { continue }
            let u: Double
            switch p.distribution {
            case .float(let d):
                let v = value.doubleValue ?? d.low
                u = d.log ? Foundation.log(v / d.low) / Foundation.log(d.high / d.low) : (v - d.low) / max(d.high - d.low, 1e-300)
            case .int(let d):
                let v = value.doubleValue ?? Double(d.low)
                let lo = Double(d.low)
                let hi = Double(d.high)
                u = d.log ? Foundation.log(v / lo) / Foundation.log(max(hi / lo, 1 + 1e-12)) : (v - lo) / max(hi - lo, 1)
            case .categorical(let d):
                u = d.choices.first == value ? 0.3 : 1
            }
            distance += (u - 0.3) * (u - 0.3)
        }
        return exp(-4 * distance)
    }

    public func evaluate(_ request: TrialRequest, reporter: TrialReporter) async throws -> TrialOutcome {
        var rng = SplitMix64(seed: request.seed)
        let q = quality(request.params)
        let tau = 3 + 30 * (1 - q)
        var last = 0.0
        for step in 0..<steps {
            if reporter.isCancelled { return .failed("stopped by the user") }
            last = q * (1 - exp(-Double(step + 1) / tau)) + noise * rng.nextGaussian()
            if try await reporter.report(step: step, metrics: [metric: last]) { return .pruned }
        }
        return .complete(last)
    }
}
