/// How a trial's value comes from its objective curve: the value a runner tells at the end of a
/// trial, and the one the best trial, rankings and judges use (`StudyConfig.value`).
///
/// Reinforcement-learning and bandit curves are noisy: their last report is one draw, so RL
/// practice judges a run by the mean of its last evaluations. Spelled `last`, `mean_last:K`,
/// `best` or `auc` in study files and on the command line.
public enum TrialValue: Sendable, Hashable {
    /// The value at the largest step (Optuna's rule, the default).
    case last
    /// The mean of the values at the K largest steps (fewer when the curve is shorter).
    case meanLast(Int)
    /// The best value reported (the largest when maximizing, the smallest when minimizing).
    case best
    /// The area under the curve over its step range divided by that range (trapezoids between
    /// reported steps): the curve's mean height, comparable between curves of the same length.
    case auc

    /// Reads `last`, `mean_last:K` (K ≥ 1), `best` or `auc`.
    public init(parsing text: String) throws(SweepError) {
        switch text {
        case "last": self = .last
        case "best": self = .best
        case "auc": self = .auc
        default:
            let prefix = "mean_last:"
            guard text.hasPrefix(prefix) else {
                throw .invalidArgument("value '\(text)' is not one of last, mean_last:K, best, auc")
            }
            let count = text.dropFirst(prefix.count)
            guard let k = Int(count), k >= 1 else {
                throw .invalidArgument("value '\(text)': K in mean_last:K must be a whole number of at least 1, got '\(count)'")
            }
            self = .meanLast(k)
        }
    }

    /// The value of `curve` by this rule; nil for an empty curve. NaN values are skipped (a curve
    /// of NaN alone is NaN, which fails a complete trial as Optuna does).
    public func value(of curve: MetricCurve, direction: Direction) -> Double? {
        guard !curve.isEmpty else { return nil }
        switch self {
        case .last:
            return curve.lastValue
        case .meanLast(let k):
            let tail = curve.sortedPairs.suffix(k).map(\.value).filter { !$0.isNaN }
            return tail.isEmpty ? .nan : Self.mean(tail)
        case .best:
            let numbers = curve.values.filter { !$0.isNaN }
            guard let first = numbers.first else { return .nan }
            return numbers.reduce(first) { direction == .maximize ? max($0, $1) : min($0, $1) }
        case .auc:
            let pairs = curve.sortedPairs.filter { !$0.value.isNaN }
            guard let head = pairs.first, let tail = pairs.last else { return .nan }
            guard tail.step > head.step else { return head.value }
            // Each trapezoid's mean height weighted by its width, summed as a weighted mean so
            // that values near ±1e308 do not overflow.
            let span = Double(tail.step) - Double(head.step)
            var area = 0.0
            for (a, b) in zip(pairs, pairs.dropFirst()) {
                let weight = (Double(b.step) - Double(a.step)) / span
                area += weight * (a.value / 2 + b.value / 2)
            }
            return area
        }
    }

    /// The mean of finite or infinite values without overflowing near ±1e308.
    private static func mean(_ values: [Double]) -> Double {
        let n = Double(values.count)
        return values.reduce(0) { $0 + $1 / n }
    }
}

extension TrialValue: CustomStringConvertible {
    /// The spelling `init(parsing:)` reads.
    public var description: String {
        switch self {
        case .last: "last"
        case .meanLast(let k): "mean_last:\(k)"
        case .best: "best"
        case .auc: "auc"
        }
    }
}

extension TrialValue: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try TrialValue(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
