import Foundation

/// A component named by one string, the same in TOML, CLI and API:
/// `median`, `median:n_startup_trials=5,n_warmup_steps=10`, `patient:patience=3,wrapped=median`.
///
/// `wrapped=` and `run=` take the rest of the string, so a wrapped spec can have parameters of its
/// own and a command can have commas: `patient:patience=3,wrapped=median:n_warmup_steps=5`,
/// `command:timeout=30,run=python3 judge.py --labels a,b`.
public struct Spec: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let name: String
    /// Parameters in the order written.
    public let parameters: [(key: String, value: String)]

    public static func == (a: Spec, b: Spec) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
    public var description: String { text }

    public init(parsing text: String) throws(SweepError) {
        let parts: SpecGrammar.Parts
        do {
            parts = try SpecGrammar.parse(text, restKeys: Self.restKeys)
        } catch {
            throw .invalidSpec(spec: text, reason: error.description)
        }
        self.text = parts.text
        name = parts.name
        parameters = parts.entries.map { (key: $0.key, value: $0.value) }
        try Self.checkName(name, in: text)
    }

    /// Keys whose value is the rest of the spec.
    public static let restKeys: Set<String> = ["wrapped", "run"]

    private static func checkName(_ name: String, in text: String) throws(SweepError) {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw .invalidSpec(spec: text, reason: "'\(name)' is not a name; expected NAME or NAME:key=value,...")
        }
    }

    /// The raw value of a parameter.
    public func value(_ key: String) -> String? {
        parameters.first(where: { $0.key == key })?.value
    }
}

/// Reads a spec's parameters with types and defaults, and rejects keys nobody read.
///
/// ```swift
/// var r = SpecReader(spec, allowed: ["n_startup_trials", "n_warmup_steps"])
/// let n = try r.int("n_startup_trials", default: 5, min: 0)
/// try r.finish()
/// ```
public struct SpecReader {
    public let spec: Spec
    private let allowed: [String]

    public init(_ spec: Spec, allowed: [String]) throws(SweepError) {
        self.spec = spec
        self.allowed = allowed
        for (key, _) in spec.parameters where !allowed.contains(key) {
            let list = allowed.isEmpty
                ? "it takes no parameters"
                : "expected one of: \(allowed.joined(separator: ", "))\(NameSuggestion.hint(for: key, in: allowed))"
            throw .invalidSpec(spec: spec.text, reason: "unknown parameter '\(key)' for '\(spec.name)'; \(list)")
        }
    }

    private func fail(_ key: String, _ expected: String, _ got: String) -> SweepError {
        .invalidSpec(spec: spec.text, reason: "\(key) must be \(expected), got '\(got)'")
    }

    public func int(_ key: String, default value: Int, min: Int? = nil) throws(SweepError) -> Int {
        guard let text = spec.value(key) else { return value }
        guard let v = Int(text) else { throw fail(key, "an integer", text) }
        if let min, v < min { throw fail(key, "an integer >= \(min)", text) }
        return v
    }

    public func optionalInt(_ key: String, min: Int? = nil) throws(SweepError) -> Int? {
        guard spec.value(key) != nil else { return nil }
        return try int(key, default: 0, min: min)
    }

    public func double(_ key: String, default value: Double, range: ClosedRange<Double>? = nil) throws(SweepError) -> Double {
        guard let text = spec.value(key) else { return value }
        guard let v = Double(text), !v.isNaN else { throw fail(key, "a number", text) }
        if let range, !range.contains(v) { throw fail(key, "a number in [\(range.lowerBound), \(range.upperBound)]", text) }
        return v
    }

    public func optionalDouble(_ key: String) throws(SweepError) -> Double? {
        guard let text = spec.value(key) else { return nil }
        guard let v = Double(text), !v.isNaN else { throw fail(key, "a number", text) }
        return v
    }

    public func bool(_ key: String, default value: Bool) throws(SweepError) -> Bool {
        guard let text = spec.value(key) else { return value }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw fail(key, "true or false", text)
        }
    }

    public func string(_ key: String) -> String? { spec.value(key) }
}
