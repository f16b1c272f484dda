import Foundation

/// The range a parameter is drawn from, with Optuna's semantics: float (optionally log-scaled or
/// stepped), int (optionally log-scaled or stepped) and categorical.
///
/// Every value has an *internal* representation as a `Double` (the number itself, or the index of
/// a categorical choice), which is what samplers work with.
public enum Distribution: Sendable, Hashable {
    case float(FloatDistribution)
    case int(IntDistribution)
    case categorical(CategoricalDistribution)

    /// Converts a value to its internal representation, or nil when it is not in the distribution.
    public func toInternal(_ value: ParamValue) -> Double? {
        switch self {
        case .float(let d):
            guard let v = value.doubleValue, d.contains(v) else { return nil }
            return v
        case .int(let d):
            guard let v = value.doubleValue, v == v.rounded(), d.contains(Int(v)) else { return nil }
            return v
        case .categorical(let d):
            if let i = d.choices.firstIndex(of: value) { return Double(i) }
            // 1 and 1.0 name the same choice.
            if let v = value.doubleValue, let i = d.choices.firstIndex(where: { $0.doubleValue == v }) {
                return Double(i)
            }
            return nil
        }
    }

    /// Converts an internal representation back to a parameter value.
    public func toExternal(_ internalValue: Double) -> ParamValue {
        switch self {
        case .float(let d): return .double(min(max(internalValue, d.low), d.high))
        case .int(let d): return .int(min(max(Int(internalValue.rounded()), d.low), d.high))
        case .categorical(let d):
            let i = min(max(Int(internalValue.rounded()), 0), d.choices.count - 1)
            return d.choices[i]
        }
    }

    /// True when the distribution has exactly one possible value.
    public var isSingle: Bool {
        switch self {
        case .float(let d): return d.low == d.high
        case .int(let d): return d.low == d.high
        case .categorical(let d): return d.choices.count == 1
        }
    }
}

/// A float range `[low, high]`; `log` samples uniformly in log space, `step` discretises.
public struct FloatDistribution: Sendable, Hashable, Codable {
    public let low: Double
    public let high: Double
    public let log: Bool
    public let step: Double?

    /// Validates like Optuna: low ≤ high, log needs low > 0, log and step exclude each other,
    /// step > 0; with a step, `high` is lowered to the last reachable point.
    public init(low: Double, high: Double, log: Bool = false, step: Double? = nil) throws(DistributionError) {
        guard low.isFinite, high.isFinite else { throw .notFinite(low: low, high: high) }
        guard low <= high else { throw .lowAboveHigh(low: "\(low)", high: "\(high)") }
        if log && step != nil { throw .logWithStep }
        if log && low <= 0 { throw .logNeedsPositiveLow(low: "\(low)") }
        if let step {
            guard step > 0, step.isFinite else { throw .nonPositiveStep("\(step)") }
            let n = ((high - low) / step + 1e-9).rounded(.down)
            self.high = low + n * step
        } else {
            self.high = high
        }
        self.low = low
        self.log = log
        self.step = step
    }

    /// True when `value` lies in the range (and on the step grid, when there is one).
    public func contains(_ value: Double) -> Bool {
        guard value >= low, value <= high else { return false }
        guard let step else { return true }
        let k = (value - low) / step
        return abs(k - k.rounded()) < 1e-8
    }
}

/// An integer range `[low, high]`; `log` samples uniformly in log space, `step` discretises.
public struct IntDistribution: Sendable, Hashable, Codable {
    public let low: Int
    public let high: Int
    public let log: Bool
    public let step: Int

    /// Validates like Optuna: low ≤ high, log needs low ≥ 1 and step 1, step ≥ 1; with a step,
    /// `high` is lowered to the last reachable point.
    public init(low: Int, high: Int, log: Bool = false, step: Int = 1) throws(DistributionError) {
        guard low <= high else { throw .lowAboveHigh(low: "\(low)", high: "\(high)") }
        guard step >= 1 else { throw .nonPositiveStep("\(step)") }
        if log && step != 1 { throw .logWithStep }
        if log && low < 1 { throw .logNeedsPositiveLow(low: "\(low)") }
        self.low = low
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow else { throw .malformed("the range \(low)...\(high) is too wide; keep high - low within \(Int.max)") }
        self.high = low + span / step * step
        self.log = log
        self.step = step
    }

    /// True when `value` lies in the range and on the step grid.
    public func contains(_ value: Int) -> Bool {
        value >= low && value <= high && (value - low) % step == 0
    }
}

/// A choice among listed values; the internal representation is the index of the choice.
public struct CategoricalDistribution: Sendable, Hashable, Codable {
    public let choices: [ParamValue]

    /// Needs at least one choice, and no choice twice (`1` and `1.0` are the same choice).
    public init(_ choices: [ParamValue]) throws(DistributionError) {
        guard !choices.isEmpty else { throw .noChoices }
        for (i, choice) in choices.enumerated() {
            let earlier = choices[..<i]
            if earlier.contains(choice) || (choice.doubleValue.map { v in earlier.contains { $0.doubleValue == v } } ?? false) {
                throw .duplicateChoice(choice.description)
            }
        }
        self.choices = choices
    }
}

/// Why a distribution is invalid.
public enum DistributionError: Error, Sendable, Equatable, CustomStringConvertible {
    case lowAboveHigh(low: String, high: String)
    case notFinite(low: Double, high: Double)
    case logWithStep
    case logNeedsPositiveLow(low: String)
    case nonPositiveStep(String)
    case noChoices
    case duplicateChoice(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .lowAboveHigh(let low, let high): return "low must be <= high, got low=\(low), high=\(high)"
        case .notFinite(let low, let high):
            return low.isFinite
                ? "high must be a finite number, got \(formatNumber(high))"
                : "low must be a finite number, got \(formatNumber(low))"
        case .logWithStep: return "a distribution cannot be both log-scaled and stepped"
        case .logNeedsPositiveLow(let low): return "a log-scaled distribution needs low > 0, got low=\(low)"
        case .nonPositiveStep(let step): return "step must be > 0, got step=\(step)"
        case .noChoices: return "a categorical distribution needs at least one choice"
        case .duplicateChoice(let choice): return "choice '\(choice)' is listed twice; each choice must be listed once"
        case .malformed(let text): return text
        }
    }
}
