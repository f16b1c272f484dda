import Foundation
import SweepCore

/// A judge program's answer: `{"decision": "prune"|"continue", "reason": "...", "suggest": {params}}`
/// (`suggest` may also be a list of parameter objects). The answer is the whole output or, when
/// the program printed more, its last line that is a JSON object.
struct JudgeAnswer: Equatable {
    var prune: Bool
    var reason: String?
    var suggestions: [[String: ParamValue]]

    /// Why an answer could not be read.
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    init(prune: Bool, reason: String? = nil, suggestions: [[String: ParamValue]] = []) {
        self.prune = prune
        self.reason = reason
        self.suggestions = suggestions
    }

    /// Reads an answer from a program's output.
    init(parsing output: String) throws(Unreadable) {
        let object = try Self.object(in: output)
        guard case .string(let decision)? = object["decision"] else {
            throw Unreadable(description: "the answer has no \"decision\" string; expected \"prune\" or \"continue\"")
        }
        switch decision.lowercased().trimmingCharacters(in: .whitespaces) {
        case "prune", "stop": prune = true
        case "continue", "keep": prune = false
        default:
            throw Unreadable(description: "\"decision\" is \"\(decision)\"; expected \"prune\" or \"continue\"")
        }
        switch object["reason"] {
        case nil, .null?: reason = nil
        case .string(let text)?: reason = text.isEmpty ? nil : text
        default: throw Unreadable(description: "\"reason\" must be a string")
        }
        suggestions = try Self.suggestions(object["suggest"])
    }

    /// The JSON object the output holds: all of it, or its last line that is an object.
    static func object(in output: String) throws(Unreadable) -> [String: JSONValue] {
        let trimmed = output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw Unreadable(description: "the program printed nothing") }
        if let whole = parse(trimmed) { return whole }
        for line in trimmed.split(separator: "\n").reversed() {
            if let object = parse(String(line)) { return object }
        }
        let shown = trimmed.count > 120 ? String(trimmed.prefix(120)) + "…" : trimmed
        throw Unreadable(description: "no JSON object in the output: \(shown)")
    }

    private static func parse(_ text: String) -> [String: JSONValue]? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("{"), case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(t.utf8))
        else { return nil }
        return object
    }

    private static func suggestions(_ value: JSONValue?) throws(Unreadable) -> [[String: ParamValue]] {
        switch value {
        case nil, .null?: return []
        case .object(let one)?: return one.isEmpty ? [] : [try params(one)]
        case .array(let many)?:
            var result: [[String: ParamValue]] = []
            for item in many {
                guard case .object(let object) = item else {
                    throw Unreadable(description: "each entry of \"suggest\" must be an object of parameters")
                }
                result.append(try params(object))
            }
            return result
        default:
            throw Unreadable(description: "\"suggest\" must be an object of parameters or a list of them")
        }
    }

    /// Parameters from JSON: integral numbers are ints (the study turns them into floats where the
    /// space says so), other numbers doubles, strings and booleans as they are.
    static func params(_ object: [String: JSONValue]) throws(Unreadable) -> [String: ParamValue] {
        var result: [String: ParamValue] = [:]
        for (name, value) in object {
            switch value {
            case .bool(let b): result[name] = .bool(b)
            case .number(let d): result[name] = d.rounded() == d && abs(d) < 9e15 ? .int(Int(d)) : .double(d)
            case .string(let s): result[name] = .string(s)
            default:
                throw Unreadable(description: "suggested parameter '\(name)' must be a number, string or boolean")
            }
        }
        return result
    }
}
