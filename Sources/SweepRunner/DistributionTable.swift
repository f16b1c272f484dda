import SweepCore
import TOMLKit

/// Reads one parameter written as a TOML inline table, key by key:
/// `{ type = "float", low = 1e-5, high = 0.1, log = true }`, `{ type = "int", low = 1, high = 8, step = 1 }`,
/// `{ type = "categorical", choices = ["adam", "sgd"] }`.
///
/// A key the type does not take is refused (naming the expected keys and the closest one), so a
/// typo such as `lgo = true` is never silently ignored. Errors say what is wrong without naming the
/// parameter; the caller adds the file, line and parameter.
enum DistributionTable {
    static let numericKeys = ["type", "low", "high", "log", "step"]
    static let categoricalKeys = ["type", "choices"]
    static let types = ["float", "int", "categorical"]

    static func distribution(_ t: TOMLTable) throws(DistributionError) -> Distribution {
        guard let typeValue = t["type"] else {
            throw .malformed("missing key 'type'; expected type = \"float\", \"int\" or \"categorical\"")
        }
        guard let type = typeValue.string, types.contains(type) || type == "cat" else {
            throw .malformed("type must be \"float\", \"int\" or \"categorical\", got \(show(typeValue))")
        }
        let isCategorical = type == "categorical" || type == "cat"
        let allowed = isCategorical ? categoricalKeys : numericKeys
        for key in t.keys.sorted() where !allowed.contains(key) {
            throw .malformed(
                "unknown key '\(key)' for type \"\(type)\"; expected \(allowed.joined(separator: ", "))"
                    + NameSuggestion.hint(for: key, in: allowed))
        }
        if isCategorical {
            guard let value = t["choices"] else { throw .malformed("missing key 'choices'; expected choices = [\"a\", \"b\"]") }
            guard let array = value.array else { throw .malformed("choices must be an array such as [\"a\", \"b\"], got \(show(value))") }
            var choices: [ParamValue] = []
            for item in array {
                guard let choice = paramValue(item) else {
                    throw .malformed("choices must hold strings, numbers or booleans, got \(show(item))")
                }
                choices.append(choice)
            }
            return .categorical(try CategoricalDistribution(choices))
        }
        let log = try t["log"].map { v throws(DistributionError) -> Bool in
            guard let b = v.bool else { throw .malformed("log must be true or false, got \(show(v))") }
            return b
        } ?? false
        if type == "int" {
            return .int(
                try IntDistribution(
                    low: try integer(t, "low"), high: try integer(t, "high"), log: log,
                    step: try t["step"].map { _ throws(DistributionError) in try integer(t, "step") } ?? 1))
        }
        return .float(
            try FloatDistribution(
                low: try number(t, "low"), high: try number(t, "high"), log: log,
                step: try t["step"].map { _ throws(DistributionError) in try number(t, "step") }))
    }

    private static func number(_ t: TOMLTable, _ key: String) throws(DistributionError) -> Double {
        guard let v = t[key] else { throw .malformed("missing key '\(key)'; expected a number") }
        guard let d = v.double ?? v.int.map(Double.init) else { throw .malformed("\(key) must be a number, got \(show(v))") }
        guard d.isFinite else { throw .malformed("\(key) must be a finite number, got \(formatNumber(d))") }
        return d
    }

    private static func integer(_ t: TOMLTable, _ key: String) throws(DistributionError) -> Int {
        guard let v = t[key] else { throw .malformed("missing key '\(key)'; expected an integer") }
        guard let i = v.int else { throw .malformed("\(key) must be an integer, got \(show(v))") }
        return i
    }

    private static func paramValue(_ v: any TOMLValueConvertible) -> ParamValue? {
        if let s = v.string { return .string(s) }
        if let b = v.bool { return .bool(b) }
        if let i = v.int { return .int(i) }
        if let d = v.double { return .double(d) }
        return nil
    }

    /// A TOML value as a message shows it: `nan`, `1.5`, `"abc"`, `an array`.
    static func show(_ v: any TOMLValueConvertible) -> String {
        if let s = v.string { return "\"\(s)\"" }
        if let b = v.bool { return "\(b)" }
        if let i = v.int { return "\(i)" }
        if let d = v.double { return formatNumber(d) }
        return "a \(v.type)"
    }
}
