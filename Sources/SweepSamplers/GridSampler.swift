import Foundation
import SweepCore

/// Visits every point of the grid spanned by the search space exactly once, even with many
/// workers: trial number `n` gets grid point `n` (through a permutation seeded by the study seed
/// when `shuffle` is on, in order otherwise). Spec: `grid:n_points=10,shuffle=true`.
///
/// - Continuous floats contribute `nPoints` evenly spaced points (log-spaced for log
///   distributions), both ends included; stepped floats, ints and categoricals contribute every
///   value they have.
/// - In order, the last parameter of the space varies fastest.
/// - Trial numbers are the storage's, so an enqueued trial consumes a number: its grid point is
///   not proposed. (When an enqueued trial leaves parameters out, they come from the grid of the
///   missing parameters only.)
/// - Past the last point, `sample` throws `SweepError.samplerExhausted`.
/// - An empty space is a grid of one empty point that never runs out.
public struct GridSampler: Sampler {
    /// Draws from the seed and the trial number alone.
    public var readsStudy: Bool { false }

    /// Points per continuous float parameter.
    public let nPoints: Int
    /// Visit the points in a seeded random order rather than in order.
    public let shuffle: Bool
    /// The study seed, which fixes the order.
    public let seed: UInt64

    public init(nPoints: Int = 10, shuffle: Bool = true, seed: UInt64 = 0) {
        self.nPoints = max(nPoints, 1)
        self.shuffle = shuffle
        self.seed = seed
    }

    /// How many points the grid of `space` has; throws when that does not fit in 64 bits.
    public func gridSize(_ space: SearchSpace) throws(SweepError) -> UInt64 {
        var size: UInt64 = 1
        for p in space.parameters {
            var (product, overflow) = size.multipliedReportingOverflow(by: axisCount(p.distribution))
            if case .int(let d) = p.distribution, d.stepCount == .max { overflow = true }
            if overflow {
                throw .invalidArgument(
                    "grid sampler: the grid over \(space.names.joined(separator: ", ")) has more than 2^64 points; use random or tpe")
            }
            size = product
        }
        return size
    }

    public func sample(_ space: SearchSpace, trialNumber: Int, seed _: UInt64, study: StudyIndex) throws -> [String: ParamValue] {
        guard !space.isEmpty else { return [:] }
        let size = try gridSize(space)
        guard trialNumber >= 0, UInt64(trialNumber) < size else {
            let shape = space.parameters.map { "\($0.name): \(axisCount($0.distribution))" }.joined(separator: " × ")
            throw SweepError.samplerExhausted(
                "grid sampler: every one of the \(size) grid points (\(shape)) was proposed; trial \(trialNumber) "
                    + "has none left (enqueued trials take trial numbers, hence grid points, too)")
        }
        var index = UInt64(trialNumber)
        if shuffle { index = IndexPermutation(count: size, seed: self.seed)(index) }
        var values: [String: ParamValue] = [:]
        for p in space.parameters.reversed() {
            let n = axisCount(p.distribution)
            values[p.name] = point(p.distribution, index % n)
            index /= n
        }
        return values
    }

    /// Every point of one parameter's axis, in order.
    public func axis(_ distribution: Distribution) -> [ParamValue] {
        (0..<axisCount(distribution)).map { point(distribution, $0) }
    }

    func axisCount(_ distribution: Distribution) -> UInt64 {
        switch distribution {
        case .float(let d):
            if d.low == d.high { return 1 }
            return d.step != nil ? UInt64(d.stepCount) + 1 : UInt64(nPoints)
        case .int(let d):
            let steps = d.stepCount
            return steps == .max ? .max : steps + 1  // 2^64 values: `gridSize` rejects it
        case .categorical(let d):
            return UInt64(d.choices.count)
        }
    }

    func point(_ distribution: Distribution, _ i: UInt64) -> ParamValue {
        switch distribution {
        case .float(let d):
            if d.low == d.high { return .double(d.low) }
            if d.step != nil { return .double(d.value(atStep: Int(i))) }
            if i == 0 || nPoints == 1 { return .double(d.low) }
            if i >= UInt64(nPoints - 1) { return .double(d.high) }
            let t = Double(i) / Double(nPoints - 1)
            if d.log {
                let lo = Foundation.log(d.low)
                let hi = Foundation.log(d.high)
                return .double(min(max(Foundation.exp(lo + t * (hi - lo)), d.low), d.high))
            }
            return .double(min(max(d.low + t * (d.high - d.low), d.low), d.high))
        case .int(let d):
            return .int(d.value(atStep: i))
        case .categorical(let d):
            return d.choices[Int(i)]
        }
    }
}
