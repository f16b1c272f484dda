import SweepSupport

/// A parsed `name:key=value,key=value` spec. A token without `=` continues the previous key's
/// list, so `gaussian:means=0,1,stds=1,2` gives `means = [0, 1]` and `stds = [1, 2]`.
///
/// Typed accessors validate values and throw `BanditSpecError` naming the spec and the key.
public struct BanditSpec: Sendable, Equatable {
    /// The whole spec as given.
    public let text: String
    /// The name before `:`.
    public let name: String
    /// The keys in order, each with its raw list of values.
    public let entries: [(key: String, values: [String])]

    /// Parses `text`; `kind` ("environment" or "agent") is used in messages.
    public init(parsing text: String, kind: String) throws(BanditSpecError) {
        let parts: SpecGrammar.Parts
        do {
            parts = try SpecGrammar.parse(text, lists: true)
        } catch {
            let spec = text.trimmedSpaces
            switch error {
            case .empty: throw .empty(kind: kind)
            case .duplicateKey(let key): throw .duplicateKey(spec: spec, key: key)
            case .valueWithoutKey(let token): throw .valueWithoutKey(spec: spec, token: token)
            case .nothingAfterColon, .emptyKey, .emptyItem: throw .malformed(spec: spec, reason: error.description)
            }
        }
        self.text = parts.text
        name = parts.name
        entries = parts.entries.map { (key: $0.key, values: $0.values) }
    }

    public static func == (lhs: BanditSpec, rhs: BanditSpec) -> Bool {
        lhs.text == rhs.text
    }

    /// Throws `unknownKey` for a key not in `allowed`.
    public func checkKeys(_ allowed: [String]) throws(BanditSpecError) {
        for entry in entries where !allowed.contains(entry.key) {
            throw .unknownKey(spec: text, key: entry.key, known: allowed)
        }
    }

    /// Whether `key` was given.
    /// Every key with its value as written (list items joined by commas).
    public var rawParameters: [String: String] {
        Dictionary(entries.map { ($0.key, $0.values.joined(separator: ",")) }, uniquingKeysWith: { first, _ in first })
    }

    public func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// The raw values of `key`, or nil.
    public func values(_ key: String) -> [String]? { entries.first { $0.key == key }?.values }

    /// The single string value of `key`, or `defaultValue`.
    public func string(_ key: String, default defaultValue: String, allowed: [String]) throws(BanditSpecError) -> String {
        guard let values = values(key) else { return defaultValue }
        let value = values.joined(separator: ",")
        guard values.count == 1, allowed.contains(value) else {
            throw .badValue(spec: text, key: key, value: value, expected: "one of " + allowed.joined(separator: ", "))
        }
        return value
    }

    /// The number list of `key` (nil when absent), each value checked against `range`.
    public func doubles(_ key: String, in range: ClosedRange<Double>? = nil, what: String = "a number") throws(BanditSpecError) -> [Double]? {
        guard let values = values(key) else { return nil }
        var result: [Double] = []
        for value in values {
            guard let x = Double(value), x.isFinite, range.map({ $0.contains(x) }) ?? true else {
                throw .badValue(spec: text, key: key, value: value, expected: Self.expectation(what, range))
            }
            result.append(x)
        }
        return result
    }

    /// The single number of `key`, or `defaultValue` when absent.
    public func double(_ key: String, default defaultValue: Double, in range: ClosedRange<Double>? = nil, what: String = "a number") throws(BanditSpecError) -> Double {
        guard let list = try doubles(key, in: range, what: what) else { return defaultValue }
        guard list.count == 1 else {
            throw .badValue(spec: text, key: key, value: list.map { "\($0)" }.joined(separator: ","), expected: "a single " + Self.expectation(what, range).dropArticle)
        }
        return list[0]
    }

    /// The single optional number of `key`.
    public func optionalDouble(_ key: String, in range: ClosedRange<Double>? = nil, what: String = "a number") throws(BanditSpecError) -> Double? {
        guard has(key) else { return nil }
        return try double(key, default: 0, in: range, what: what)
    }

    /// The integer list of `key` (nil when absent), each value checked against `range`.
    public func ints(_ key: String, in range: ClosedRange<Int>) throws(BanditSpecError) -> [Int]? {
        guard let values = values(key) else { return nil }
        var result: [Int] = []
        for value in values {
            guard let x = Int(value), range.contains(x) else {
                throw .badValue(spec: text, key: key, value: value, expected: Self.intExpectation(range))
            }
            result.append(x)
        }
        return result
    }

    /// The single integer of `key`, or `defaultValue` when absent.
    public func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(BanditSpecError) -> Int {
        guard let values = values(key) else { return defaultValue }
        guard values.count == 1, let x = Int(values[0]), range.contains(x) else {
            throw .badValue(spec: text, key: key, value: values.joined(separator: ","), expected: "a single " + Self.intExpectation(range).dropArticle)
        }
        return x
    }

    static func expectation(_ what: String, _ range: ClosedRange<Double>?) -> String {
        guard let range else { return what }
        let lower = range.lowerBound == positive ? "> 0" : "≥ \(formatNumber(range.lowerBound))"
        if range.upperBound == .infinity { return "\(what) \(lower)" }
        if range.lowerBound == positive { return "\(what) in (0, \(formatNumber(range.upperBound))]" }
        return "\(what) in [\(formatNumber(range.lowerBound)), \(formatNumber(range.upperBound))]"
    }

    /// The lower bound that stands for "greater than zero" in ranges.
    public static let positive = Double.leastNormalMagnitude

    static func intExpectation(_ range: ClosedRange<Int>) -> String {
        range.upperBound == .max ? "an integer ≥ \(range.lowerBound)" : "an integer in \(range.lowerBound)...\(range.upperBound)"
    }
}

extension String {
    var dropArticle: String {
        if hasPrefix("an ") { return String(dropFirst(3)) }
        if hasPrefix("a ") { return String(dropFirst(2)) }
        return self
    }
}
