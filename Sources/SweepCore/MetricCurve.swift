/// The values one metric took at the steps a trial reported, in step order (a step reported
/// out of order takes its place among the others).
///
/// A step is reported once; a second report of the same step is ignored (as Optuna does).
public struct MetricCurve: Sendable, Hashable {
    /// The reported steps, increasing.
    public private(set) var steps: [Int] = []
    /// The value at each of `steps`.
    public private(set) var values: [Double] = []

    public init() {}

    /// Builds a curve from pairs, keeping the first value of a repeated step.
    public init(steps: [Int], values: [Double]) {
        for (s, v) in zip(steps, values) { _ = record(step: s, value: v) }
    }

    public var count: Int { steps.count }
    public var isEmpty: Bool { steps.isEmpty }

    /// The largest step reported (Optuna's `last_step`).
    public var lastStep: Int? { steps.last }

    /// The value at the largest step.
    public var lastValue: Double? { values.last }

    /// Records a value; returns false (and changes nothing) when the step was already reported.
    @discardableResult
    public mutating func record(step: Int, value: Double) -> Bool {
        guard let last = steps.last, step <= last else {
            steps.append(step)
            values.append(value)
            return true
        }
        let i = firstIndex(atLeast: step)
        if steps[i] == step { return false }
        steps.insert(step, at: i)
        values.insert(value, at: i)
        return true
    }

    /// True when the step was reported.
    public func contains(step: Int) -> Bool { index(of: step) != nil }

    /// The value at a step, or nil.
    public func value(at step: Int) -> Double? {
        index(of: step).map { values[$0] }
    }

    private func index(of step: Int) -> Int? {
        let i = firstIndex(atLeast: step)
        return i < steps.count && steps[i] == step ? i : nil
    }

    /// The first position whose step is `step` or more (`count` when none is).
    private func firstIndex(atLeast step: Int) -> Int {
        var lo = 0
        var hi = steps.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if steps[mid] < step { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The pairs, by step.
    public var sortedPairs: [(step: Int, value: Double)] {
        zip(steps, values).map { (step: $0, value: $1) }
    }
}

extension MetricCurve: Codable {
    enum CodingKeys: String, CodingKey { case steps, values }

    /// Decodes steps and values as recorded in any order (older files kept report order).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(steps: try container.decode([Int].self, forKey: .steps), values: try container.decode([Double].self, forKey: .values))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(steps, forKey: .steps)
        try container.encode(values, forKey: .values)
    }
}
