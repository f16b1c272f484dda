import Foundation
import SweepCore

/// Draws every parameter independently and uniformly: uniform for floats, log-uniform for log
/// distributions, uniform over the grid points of stepped floats and ints, a uniform choice for
/// categoricals. Spec: `random`.
public struct RandomSampler: Sampler {
    /// Draws from the seed and the trial number alone.
    public var readsStudy: Bool { false }

    public init() {}

    public func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) -> [String: ParamValue] {
        var rng = samplerGenerator(seed)
        var values: [String: ParamValue] = [:]
        values.reserveCapacity(space.parameters.count)
        for p in space.parameters {
            values[p.name] = Self.draw(p.distribution, using: &rng)
        }
        return values
    }

    /// One uniform draw from a distribution.
    static func draw(_ distribution: Distribution, using rng: inout some RandomNumberGenerator) -> ParamValue {
        switch distribution {
        case .float(let d):
            if d.low == d.high { return .double(d.low) }
            if d.step != nil {
                let k = rng.nextIndex(through: UInt64(d.stepCount))
                return .double(d.value(atStep: Int(k)))
            }
            let u = rng.nextUnit()
            if d.log {
                let lo = Foundation.log(d.low)
                let hi = Foundation.log(d.high)
                return .double(min(max(Foundation.exp(lo + u * (hi - lo)), d.low), d.high))
            }
            return .double(min(max(d.low * (1 - u) + d.high * u, d.low), d.high))
        case .int(let d):
            if d.low == d.high { return .int(d.low) }
            if d.log {
                // As Optuna: log-uniform over [low - 1/2, high + 1/2], rounded to an integer, so
                // each integer gets the log-width of its rounding interval.
                let lo = Foundation.log(Double(d.low) - 0.5)
                let hi = Foundation.log(Double(d.high) + 0.5)
                let x = Foundation.exp(lo + rng.nextUnit() * (hi - lo)).rounded()
                return .int(d.clamped(x))
            }
            return .int(d.value(atStep: rng.nextIndex(through: d.stepCount)))
        case .categorical(let d):
            return d.choices[Int(rng.nextIndex(UInt64(d.choices.count)))]
        }
    }
}
