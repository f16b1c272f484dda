/// The values one metric took at the steps a trial reported, in report order.
///
/// A step is reported once; a second report of the same step is ignored (as Optuna does).
public struct MetricCurve: Sendable, Hashable, Codable {
    public private(set) var steps: [Int] = []
    public private(set) var values: [Double] = []
    /// True while steps were reported in increasing order (the usual case), which makes lookups
    /// binary searches.
    public private(set) var isIncreasing = true

    public init() {}

    /// Builds a curve from pairs, keeping the first value of a repeated step.
    public init(steps: [Int], values: [Double]) {
        for (s, v) in zip(steps, values) { _ = record(step: s, value: v) }
    }

    public var count: Int { steps.count }
    public var isEmpty: Bool { steps.isEmpty }

    /// The largest step reported (Optuna's `last_step`).
    public var lastStep: Int? {
        isIncreasing ? steps.last : steps.max()
    }

    /// The value at the largest step.
    public var lastValue: Double? {
        guard let s = lastStep else { return nil }
        return value(at: s)
    }

    /// Records a value; returns false (and changes nothing) when the step was already reported.
    @discardableResult
    public mutating func record(step: Int, value: Double) -> Bool {
        if let last = steps.last, isIncreasing {
            if step <= last {
                if contains(step: step) { return false }
                isIncreasing = false
            }
        } else if !isIncreasing, contains(step: step) {
            return false
        }
        steps.append(step)
        values.append(value)
        return true
    }

    /// True when the step was reported.
    public func contains(step: Int) -> Bool { index(of: step) != nil }

    /// The value at a step, or nil.
    public func value(at step: Int) -> Double? {
        index(of: step).map { values[$0] }
    }

    private func index(of step: Int) -> Int? {
        if isIncreasing {
            var lo = 0
            var hi = steps.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if steps[mid] < step { lo = mid + 1 } else { hi = mid }
            }
            return lo < steps.count && steps[lo] == step ? lo : nil
        }
        return steps.firstIndex(of: step)
    }

    /// Pairs sorted by step.
    public var sortedPairs: [(step: Int, value: Double)] {
        let pairs = zip(steps, values).map { (step: $0, value: $1) }
        return isIncreasing ? pairs : pairs.sorted { $0.step < $1.step }
    }
}
