import Foundation
import SweepCore
import SweepWire

/// Writes text or JSON to standard output.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A line for the person at the terminal, on standard error (never mixed into output).
    static func notice(_ text: String) {
        FileHandle.standardError.write(Data(("sweep: " + text + "\n").utf8))
    }

    /// One line of JSON under SweepWire's rules (ISO 8601 times, seeds as strings, NaN and
    /// infinities as null).
    static func json<T: Encodable>(_ value: T) throws {
        line(try Wire.text(value))
    }
}

extension WireTrial {
    /// One line for tables: number, state, value, params.
    var row: String {
        let v = value.map(formatNumber) ?? "-"
        let p = params.keys.sorted().map { "\($0)=\(params[$0]?.description ?? "")" }.joined(separator: " ")
        let step = lastStep.map { "step \($0)" } ?? "no reports"
        return "\(number)\t\(state)\t\(v)\t\(step)\t\(p)"
    }
}

/// Parses `name=value` pairs of `--set` options.
func parseAssignments(_ items: [String], what: String) throws -> [String: ParamValue] {
    var result: [String: ParamValue] = [:]
    for item in items {
        guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
            throw SweepError.invalidArgument("\(what) '\(item)' must be NAME=VALUE")
        }
        result[String(item[..<eq])] = ParamValue(parsing: String(item[item.index(after: eq)...]))
    }
    return result
}

/// Parses a number given on the command line (`nan`, `inf` allowed).
func parseNumber(_ text: String, what: String) throws -> Double {
    switch text.lowercased() {
    case "nan": return .nan
    case "inf", "+inf": return .infinity
    case "-inf": return -.infinity
    default:
        guard let v = Double(text) else { throw SweepError.invalidArgument("\(what) must be a number, got '\(text)'") }
        return v
    }
}
