import SweepCore

/// JSON as Python's `json` module writes it, which is how Optuna stores attributes and
/// distributions: integers and floats are told apart (`1` against `1.0`, which a categorical
/// choice needs), and `NaN`, `Infinity` and `-Infinity` are numbers.
public enum PythonJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case array([PythonJSON])
    case object([String: PythonJSON])

    /// The number, for an int or a float.
    public var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }

    /// The value as Sweep's `JSONValue` (which keeps every number as a `Double`).
    public var jsonValue: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .number(Double(i))
        case .float(let d): return .number(d)
        case .string(let s): return .string(s)
        case .array(let a): return .array(a.map(\.jsonValue))
        case .object(let o): return .object(o.mapValues(\.jsonValue))
        }
    }

    /// Sweep's `JSONValue` as Python reads it back: a whole number within 2^53 is an int.
    public init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let d): self = PythonJSON(number: d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(PythonJSON.init))
        case .object(let o): self = .object(o.mapValues(PythonJSON.init))
        }
    }

    /// A number: an int when it is whole and within 2^53, else a float.
    public init(number d: Double) {
        if d.isFinite, d == d.rounded(), abs(d) <= 9_007_199_254_740_992 {
            self = .int(Int(d))
        } else {
            self = .float(d)
        }
    }
}
