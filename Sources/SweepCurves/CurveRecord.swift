import SweepSupport

/// One trial of a curve dataset: its id, parameters, the objective curve and optional extras.
///
/// The JSON-lines form is DESIGN.md's curve dataset format:
/// `{"id": "t17", "params": {...}, "curve": [0.1, 0.12, null], "direction": "maximize"}`, with
/// optional `"steps"` (when steps are not 0..n-1), `"metrics"` (more named curves), `"labels"` and
/// `"group"` (lines of one group are seed repetitions of one configuration: `CurveGroups`).
/// `null` in a curve stands for NaN.
public struct CurveRecord: Sendable, Hashable {
    public var id: String
    public var params: [String: CurveJSON]
    /// The objective's values; NaN where the file has `null`.
    public var curve: [Double]
    /// The step of each value; nil means 0..<curve.count.
    public var steps: [Int]?
    /// `"maximize"` or `"minimize"` when the line says.
    public var direction: String?
    public var metrics: [String: [Double]]
    public var labels: [String: CurveJSON]
    /// The configuration this line repeats with another seed, when it is one of several.
    public var group: String?
    /// How many runs this curve stands for: 1, or a merged group's size (its steps cost as many).
    public var runs: Int
    /// A merged group's standard error of the mean at each value (beside `curve`); nil otherwise.
    public var standardErrors: [Double]?

    public init(
        id: String, params: [String: CurveJSON] = [:], curve: [Double], steps: [Int]? = nil,
        direction: String? = nil, metrics: [String: [Double]] = [:], labels: [String: CurveJSON] = [:],
        group: String? = nil, runs: Int = 1, standardErrors: [Double]? = nil
    ) {
        self.standardErrors = standardErrors
        self.group = group
        self.runs = runs
        self.id = id
        self.params = params
        self.curve = curve
        self.steps = steps
        self.direction = direction
        self.metrics = metrics
        self.labels = labels
    }

    /// The step of value `i`.
    @inlinable
    public func step(at i: Int) -> Int { steps?[i] ?? i }

    /// The last value of the curve (NaN for an empty curve).
    public var final: Double { curve.last ?? .nan }
}

/// A JSON value as a curve dataset holds it in `params` and `labels` (this module is a leaf and
/// keeps its own small JSON type).
public enum CurveJSON: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([CurveJSON])
    case object([String: CurveJSON])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([CurveJSON].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: CurveJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return formatNumber(d)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.keys.sorted().map { "\($0): \(o[$0]?.description ?? "null")" }.joined(separator: ", ") + "}"
        }
    }
}
