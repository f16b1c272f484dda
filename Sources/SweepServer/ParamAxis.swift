import Foundation
import SweepCore

/// How values map onto one axis of a parameter plot: a linear range, a log range (powers of ten
/// marked), or evenly spaced categories. Positions run from 0 (low, first category) to 1.
enum ParamAxis {
    case linear(low: Double, high: Double)
    case log(low: Double, high: Double)
    case categories([String])

    /// The axis for a parameter's values: its distribution's kind and range widened to hold every
    /// value; categories for choices, strings and booleans (the distribution's choices first, in
    /// order); a log axis for a log-scaled distribution whose values are all positive.
    static func of(_ distribution: Distribution?, values: [ParamValue]) -> ParamAxis {
        let numbers = values.compactMap(\.doubleValue).filter(\.isFinite)
        var choices: [String]?
        if case .categorical(let d)? = distribution { choices = d.choices.map(\.description) }
        if choices == nil, numbers.count < values.count { choices = [] }
        if var choices {
            for value in values where !choices.contains(value.description) { choices.append(value.description) }
            return .categories(choices)
        }
        var low = numbers.min() ?? 0, high = numbers.max() ?? 1
        var log = false
        switch distribution {
        case .float(let d)?: (low, high, log) = (min(low, d.low), max(high, d.high), d.log)
        case .int(let d)?: (low, high, log) = (min(low, Double(d.low)), max(high, Double(d.high)), d.log)
        default: break
        }
        if log && low > 0 { return low < high ? .log(low: low, high: high) : .log(low: low / 2, high: high * 2) }
        // One value: a tenth of it either side (1 for zero), so the range's labels stay near it.
        let pad = low == 0 ? 1 : abs(low) / 10
        return low < high ? .linear(low: low, high: high) : .linear(low: low - pad, high: high + pad)
    }

    /// Where `value` falls, from 0 to 1; nil when it has no place (NaN, a non-positive value on a log
    /// axis, an unknown category).
    func position(_ value: ParamValue) -> Double? {
        switch self {
        case .categories(let names):
            return names.firstIndex(of: value.description).map { (Double($0) + 0.5) / Double(names.count) }
        default:
            return value.doubleValue.flatMap(position)
        }
    }

    /// Where a number falls (halves are subtracted so that ranges near ±1e308 do not overflow).
    func position(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch self {
        case .linear(let low, let high): return (v / 2 - low / 2) / (high / 2 - low / 2)
        case .log(let low, let high): return v > 0 ? (Foundation.log10(v) - Foundation.log10(low)) / (Foundation.log10(high) - Foundation.log10(low)) : nil
        case .categories: return nil
        }
    }

    /// Marks along the axis and their labels (numbers to 4 significant digits), about `count` of
    /// them for a range: round values (1, 2, 5 × 10^k) on a linear axis, powers of ten on a log one
    /// (its ends when it holds fewer than two), every category that fits.
    func ticks(count: Int = 5) -> [(position: Double, label: String)] {
        switch self {
        case .linear(let low, let high):
            let values = Self.roundValues(low: low, high: high, count: count)
            return values.compactMap { v in position(v).map { ($0, formatNumber(v, significantDigits: 4)) } }
        case .log(let low, let high):
            let first = Int(Foundation.log10(low).rounded(.up)), last = Int(Foundation.log10(high).rounded(.down))
            guard last - first >= 1 else { return [low, high].compactMap { v in position(v).map { ($0, formatNumber(v, significantDigits: 3)) } } }
            let every = max(1, (last - first + count) / count)
            return stride(from: first, through: last, by: every).compactMap { k in
                position(Foundation.pow(10, Double(k))).map { ($0, formatNumber(Foundation.pow(10, Double(k)), significantDigits: 1)) }
            }
        case .categories(let names):
            let every = max(1, (names.count + count * 3 - 1) / (count * 3))
            return names.enumerated().filter { $0.offset % every == 0 }.map { ((Double($0.offset) + 0.5) / Double(names.count), $0.element) }
        }
    }

    /// Round numbers (1, 2 or 5 × 10^k apart) from `low` to `high`, about `count` of them.
    static func roundValues(low: Double, high: Double, count: Int) -> [Double] {
        let span = high / 2 - low / 2
        guard span > 0, span.isFinite else { return [low, high] }
        let raw = span * 2 / Double(max(count - 1, 1))
        let magnitude = Foundation.pow(10, Foundation.log10(raw).rounded(.down))
        // The round step nearest the raw one (by ratio).
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.min { abs(Foundation.log($0 / raw)) < abs(Foundation.log($1 / raw)) } ?? raw
        guard step.isFinite, step > 0 else { return [low, high] }
        // A hair of tolerance: 0.6 / 0.2 is 2.9999999999999996.
        let first = (low / step - 1e-9).rounded(.up), last = (high / step + 1e-9).rounded(.down)
        guard last - first < 50 else { return [low, high] }
        // Multiplying keeps 0.1 * 3 from printing as 0.30000000000000004 after rounding to 4 digits.
        // Adding 0 turns -0 (from rounding -1e-9 up) into 0.
        return stride(from: first, through: last, by: 1).map { $0 * step + 0 }
    }

    /// The axis' name for a caption: "log", "categories" or "".
    var kind: String {
        switch self {
        case .linear: return ""
        case .log: return "log"
        case .categories: return "categories"
        }
    }
}
