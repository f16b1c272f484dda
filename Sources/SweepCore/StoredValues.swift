import Foundation

// How domain values are written in JSON columns. The domain types' own `Codable` forms lose
// information in a round trip (a `ParamValue.double(1)` is written `1` and read back as `.int(1)`;
// JSON has no NaN), so storage writes these mirrors instead: what goes in comes out equal.

/// A `JSONValue` as stored: plain JSON, except that a non-finite number is written
/// `{"$number": "nan"}` (or `"inf"`, `"-inf"`): `wrap` makes the tree to write, `unwrap` reads a
/// parsed one back.
enum StoredJSON {
    private static let numberKey = "$number"

    /// The tree to write for a value: non-finite numbers as `{"$number": "nan"}` objects, at any
    /// depth. It has no NaN or infinity left, so it always has a JSON text.
    static func wrap(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let d) where !d.isFinite: return .object([numberKey: .string(nonFiniteName(d))])
        case .array(let a): return .array(a.map(wrap))
        case .object(let o): return .object(o.mapValues(wrap))
        default: return value
        }
    }

    /// The value a parsed JSON tree stands for: `{"$number": "nan"}` objects become numbers, at
    /// any depth (what `init(from:)` does, on a tree from `JSONValue(parsing:)`).
    static func unwrap(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let a): return .array(a.map(unwrap))
        case .object(let o):
            if o.count == 1, case .string(let text)? = o[numberKey], let number = nonFinite(text) {
                return .number(number)
            }
            return .object(o.mapValues(unwrap))
        default: return value
        }
    }

    /// `"nan"`, `"inf"` or `"-inf"`: how a non-finite number is written.
    static func nonFiniteName(_ d: Double) -> String { d.isNaN ? "nan" : d > 0 ? "inf" : "-inf" }

    /// The number `"nan"`, `"inf"` or `"-inf"` stands for.
    static func nonFinite(_ text: String) -> Double? {
        switch text {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return nil
        }
    }
}

/// A `ParamValue` as stored, tagged with its kind: `{"float": 0.5}`, `{"int": 3}`,
/// `{"str": "adam"}`, `{"bool": true}`.
struct StoredParam: Codable {
    var value: ParamValue

    init(_ value: ParamValue) { self.value = value }

    private enum Keys: String, CodingKey { case float, int, str, bool }

    /// The `{"float": 0.5}`-style object written for a parameter; nil for an integer a `Double`
    /// cannot hold exactly.
    static func tagged(_ value: ParamValue) -> JSONValue? {
        switch value {
        case .double(let d) where !d.isFinite: return .object(["float": .string(StoredJSON.nonFiniteName(d))])
        case .double(let d): return .object(["float": .number(d)])
        case .int(let i):
            guard i.magnitude < 1 << 53 else { return nil }
            return .object(["int": .number(Double(i))])
        case .string(let s): return .object(["str": .string(s)])
        case .bool(let b): return .object(["bool": .bool(b)])
        }
    }

    /// The parameter a parsed `{"float": 0.5}`-style object stands for (`{"float": "nan"}` too);
    /// nil for any other shape (which `init(from:)` then reads or rejects) and for an integer a
    /// `Double` cannot hold exactly.
    static func value(_ tagged: JSONValue) -> ParamValue? {
        guard case .object(let o) = tagged, o.count == 1, let (kind, value) = o.first else { return nil }
        switch (kind, value) {
        case ("float", .number(let d)): return .double(d)
        case ("float", .string(let s)): return StoredJSON.nonFinite(s).map(ParamValue.double)
        case ("int", .number(let d)):
            guard d.magnitude < 0x1p53, let i = Int(exactly: d) else { return nil }
            return .int(i)
        case ("str", .string(let s)): return .string(s)
        case ("bool", .bool(let b)): return .bool(b)
        default: return nil
        }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        if let d = try c.decodeIfPresent(Double.self, forKey: .float) {
            value = .double(d)
        } else if let i = try c.decodeIfPresent(Int.self, forKey: .int) {
            value = .int(i)
        } else if let s = try c.decodeIfPresent(String.self, forKey: .str) {
            value = .string(s)
        } else if let b = try c.decodeIfPresent(Bool.self, forKey: .bool) {
            value = .bool(b)
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: c.codingPath, debugDescription: "a parameter needs one of the keys float, int, str, bool"))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch value {
        case .double(let d): try c.encode(d, forKey: .float)
        case .int(let i): try c.encode(i, forKey: .int)
        case .string(let s): try c.encode(s, forKey: .str)
        case .bool(let b): try c.encode(b, forKey: .bool)
        }
    }
}

/// A `Distribution` as stored: `{"type": "float", "low": 0, "high": 1, "log": false, "step": null}`,
/// `{"type": "int", ...}`, `{"type": "categorical", "choices": [{"str": "a"}, {"float": 1}]}`.
struct StoredDistribution: Codable {
    var type: String
    var low: Double?
    var high: Double?
    var intLow: Int?
    var intHigh: Int?
    var log: Bool?
    var step: Double?
    var intStep: Int?
    var choices: [StoredParam]?

    private enum CodingKeys: String, CodingKey {
        case type, low, high, log, step, choices
    }

    init(_ distribution: Distribution) {
        switch distribution {
        case .float(let d):
            type = "float"
            low = d.low
            high = d.high
            log = d.log
            step = d.step
        case .int(let d):
            type = "int"
            intLow = d.low
            intHigh = d.high
            log = d.log
            intStep = d.step
        case .categorical(let d):
            type = "categorical"
            choices = d.choices.map(StoredParam.init)
        }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(String.self, forKey: .type)
        log = try c.decodeIfPresent(Bool.self, forKey: .log)
        switch type {
        case "int":
            intLow = try c.decode(Int.self, forKey: .low)
            intHigh = try c.decode(Int.self, forKey: .high)
            intStep = try c.decodeIfPresent(Int.self, forKey: .step)
        case "categorical":
            choices = try c.decode([StoredParam].self, forKey: .choices)
        default:
            low = try c.decode(Double.self, forKey: .low)
            high = try c.decode(Double.self, forKey: .high)
            step = try c.decodeIfPresent(Double.self, forKey: .step)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        switch type {
        case "int":
            try c.encode(intLow, forKey: .low)
            try c.encode(intHigh, forKey: .high)
            try c.encode(log, forKey: .log)
            try c.encode(intStep, forKey: .step)
        case "categorical":
            try c.encode(choices, forKey: .choices)
        default:
            try c.encode(low, forKey: .low)
            try c.encode(high, forKey: .high)
            try c.encode(log, forKey: .log)
            try c.encode(step, forKey: .step)
        }
    }

    /// The domain distribution, validated again.
    func distribution() throws -> Distribution {
        do {
            switch type {
            case "float":
                guard let low, let high else { throw SweepError.storage("a stored float distribution lacks low or high") }
                return .float(try FloatDistribution(low: low, high: high, log: log ?? false, step: step))
            case "int":
                guard let intLow, let intHigh else { throw SweepError.storage("a stored int distribution lacks low or high") }
                return .int(try IntDistribution(low: intLow, high: intHigh, log: log ?? false, step: intStep ?? 1))
            case "categorical":
                return .categorical(try CategoricalDistribution((choices ?? []).map(\.value)))
            default:
                throw SweepError.storage("unknown stored distribution type '\(type)'")
            }
        } catch let error as DistributionError {
            throw SweepError.storage("a stored \(type) distribution is invalid: \(error)")
        }
    }
}

/// A search space as stored: its parameters in declaration order. Every storage writes this text
/// (through `JSONColumn`), so a study reads back equal whichever storage holds it.
public struct StoredSpace: Codable {
    var parameters: [Parameter]

    struct Parameter: Codable {
        var name: String
        var distribution: StoredDistribution
    }

    public init(_ space: SearchSpace) {
        parameters = space.parameters.map { Parameter(name: $0.name, distribution: StoredDistribution($0.distribution)) }
    }

    public func space() throws -> SearchSpace {
        SearchSpace(try parameters.map { SearchSpace.Parameter(name: $0.name, distribution: try $0.distribution.distribution()) })
    }
}
