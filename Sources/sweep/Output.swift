import Foundation
import SweepCore

/// Writes text or JSON to standard output.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// A trial as the CLI prints it.
struct TrialView: Encodable {
    var number: Int
    var state: String
    var params: [String: ParamValue]
    var value: Double?
    var lastStep: Int?
    var metrics: [String: [[Double]]]?
    var userAttributes: [String: JSONValue]
    var notes: [String]
    var started: Date?
    var finished: Date?
    var seed: UInt64

    enum CodingKeys: String, CodingKey {
        case number, state, params, value, metrics, notes, started, finished, seed
        case lastStep = "last_step"
        case userAttributes = "user_attrs"
    }

    init(_ trial: Trial, study: Study, withCurves: Bool = false) {
        number = trial.number
        state = trial.state.rawValue
        params = trial.params
        value = trial.value
        lastStep = trial.curve(study.objective).lastStep
        metrics = withCurves ? trial.metrics.mapValues { c in c.sortedPairs.map { [Double($0.step), $0.value] } } : nil
        userAttributes = trial.userAttributes
        notes = trial.notes.map(\.text)
        started = trial.started
        finished = trial.finished
        seed = study.record.config.trialSeed(trial.number)
    }

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
