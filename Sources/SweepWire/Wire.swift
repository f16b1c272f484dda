import Foundation
import SweepCore

/// The JSON Sweep prints for programs (`--json`): one writer and one set of rules for every shape.
///
/// - Times are ISO 8601 strings in UTC with fractional seconds: `"2026-12-02T07:57:03.123Z"`.
/// - Seeds (every `UInt64`) are decimal strings: `"7960286522194355700"`; JSON readers that hold
///   numbers as doubles would round them above 2^53.
/// - NaN and ±infinity are `null`, as in curve files (JSON has no such numbers).
/// - Object keys are sorted; the text is compact, one line.
public enum Wire {
    /// The JSON text of `value` under the rules above.
    public static func text(_ value: some Encodable) throws -> String {
        // Cleaned of non-finite numbers, the tree always has JSON text.
        try WireEncoder.encode(value).jsonText ?? "null"
    }

    /// An ISO 8601 time with fractional seconds, in UTC.
    public static func time(_ date: Date) -> String {
        date.formatted(timeStyle)
    }

    private static let timeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// A number, or `null` when it is NaN or infinite.
    public static func number(_ value: Double) -> JSONValue {
        value.isFinite ? .number(value) : .null
    }

    /// The value with every NaN or infinite number replaced by `null`.
    public static func cleaned(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let d): return number(d)
        case .array(let items): return .array(items.map(cleaned))
        case .object(let members): return .object(members.mapValues(cleaned))
        case .null, .bool, .string: return value
        }
    }
}
