import Foundation
import SweepCore

/// "Copy one of the best and tweak": after `nStartupTrials` complete trials (drawn at random),
/// each new trial copies one of the `topK` best complete trials, chosen uniformly, and mutates
/// every parameter. Spec: `evolve:top_k=5,scale=0.1,p_categorical=0.2,n_startup_trials=10`.
///
/// - Numeric parameters move by a Gaussian step of `scale` times their range (in log space for
///   log distributions), reflected back into the range and snapped to the step grid.
/// - Categorical parameters are redrawn uniformly from all choices with probability
///   `pCategorical` and kept otherwise.
/// - A parameter the parent lacks (or whose value lies outside the distribution) is drawn at random.
public struct EvolveSampler: Sampler {
    /// Parents are drawn from this many best complete trials.
    public var topK: Int
    /// Standard deviation of a numeric step, as a fraction of the range.
    public var scale: Double
    /// Probability of redrawing a categorical parameter.
    public var pCategorical: Double
    /// Random sampling until this many trials are complete.
    public var nStartupTrials: Int

    public init(topK: Int = 5, scale: Double = 0.1, pCategorical: Double = 0.2, nStartupTrials: Int = 10) {
        self.topK = max(topK, 1)
        self.scale = max(scale, 0)
        self.pCategorical = min(max(pCategorical, 0), 1)
        self.nStartupTrials = max(nStartupTrials, 0)
    }

    public func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) -> [String: ParamValue] {
        let trials = study.finished
        guard study.completedCount >= max(nStartupTrials, 1) else {
            return RandomSampler().sample(space, trialNumber: trialNumber, seed: seed, study: study)
        }
        let top = bestCompleteIndices(trials, direction: study.direction, k: topK)
        guard !top.isEmpty else {
            return RandomSampler().sample(space, trialNumber: trialNumber, seed: seed, study: study)
        }
        var rng = samplerGenerator(seed, stream: 2)
        let parent = trials[top[Int(rng.nextIndex(UInt64(top.count)))]]
        var values: [String: ParamValue] = [:]
        for p in space.parameters {
            if let x = internalValue(parent, p.name, p.distribution) {
                values[p.name] = mutate(x, p.distribution, using: &rng)
            } else {
                values[p.name] = RandomSampler.draw(p.distribution, using: &rng)
            }
        }
        return values
    }

    /// One mutated value.
    func mutate(_ x: Double, _ distribution: Distribution, using rng: inout some RandomNumberGenerator) -> ParamValue {
        switch distribution {
        case .float(let d):
            if d.low == d.high { return .double(d.low) }
            if d.log {
                let lo = Foundation.log(d.low)
                let hi = Foundation.log(d.high)
                let y = Self.reflect(Foundation.log(x) + rng.nextGaussian() * scale * (hi - lo), lo, hi)
                return .double(min(max(Foundation.exp(y), d.low), d.high))
            }
            let y = Self.reflect(x + rng.nextGaussian() * scale * (d.high - d.low), d.low, d.high)
            return .double(d.step == nil ? y : d.snap(y))
        case .int(let d):
            if d.low == d.high { return .int(d.low) }
            let low = Double(d.low)
            let high = Double(d.high)
            if d.log {
                let lo = Foundation.log(low)
                let hi = Foundation.log(high)
                let y = Self.reflect(Foundation.log(x) + rng.nextGaussian() * scale * (hi - lo), lo, hi)
                return .int(d.clamped(Foundation.exp(y)))
            }
            return .int(d.snap(Self.reflect(x + rng.nextGaussian() * scale * (high - low), low, high)))
        case .categorical(let d):
            if rng.nextUnit() < pCategorical {
                return d.choices[Int(rng.nextIndex(UInt64(d.choices.count)))]
            }
            return distribution.toExternal(x)
        }
    }

    /// `x` folded back into [lo, hi] by reflection at the ends.
    static func reflect(_ x: Double, _ lo: Double, _ hi: Double) -> Double {
        let width = hi - lo
        guard width > 0, x.isFinite else { return min(max(x.isNaN ? lo : x, lo), hi) }
        if x >= lo && x <= hi { return x }
        var m = (x - lo).truncatingRemainder(dividingBy: 2 * width)
        if m < 0 { m += 2 * width }
        if m > width { m = 2 * width - m }
        return min(max(lo + m, lo), hi)
    }
}
