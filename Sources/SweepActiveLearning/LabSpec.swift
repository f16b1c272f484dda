import SweepSupport

/// A `name:key=value,...` spec of the lab (data, model or strategy) with typed, checked values.
public struct LabSpec: Sendable, Hashable {
    /// The spec as written (trimmed).
    public let text: String
    /// The name before `:`.
    public let name: String
    /// The values by key, as written.
    public let values: [String: String]

    /// Parses `text`; `known` maps each accepted name to the keys it takes.
    public init(parsing text: String, kind: String, known: [String: [String]]) throws(ActiveLearningError) {
        let parts: SpecGrammar.Parts
        do {
            parts = try SpecGrammar.parse(text)
        } catch {
            throw .badSpec(spec: text, reason: error.description)
        }
        guard let keys = known[parts.name] else {
            throw .badSpec(spec: parts.text, reason: "unknown \(kind) '\(parts.name)'; expected one of \(known.keys.sorted().joined(separator: ", "))")
        }
        for entry in parts.entries where !keys.contains(entry.key) {
            let takes = keys.isEmpty ? "no keys" : "keys " + keys.joined(separator: ", ")
            throw .badSpec(spec: parts.text, reason: "unknown key '\(entry.key)'; \(parts.name) takes \(takes)")
        }
        self.text = parts.text
        self.name = parts.name
        self.values = Dictionary(parts.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// The number at `key` (or `fallback`), which must lie in `range`.
    public func double(_ key: String, _ fallback: Double, in range: ClosedRange<Double>) throws(ActiveLearningError) -> Double {
        guard let raw = values[key] else { return fallback }
        guard let v = Double(raw), range.contains(v) else {
            throw .badSpec(spec: text, reason: "key '\(key)' expects a number in \(formatNumber(range.lowerBound))...\(formatNumber(range.upperBound)), got '\(raw)'")
        }
        return v
    }

    /// The integer at `key` (or `fallback`), which must lie in `range`.
    public func int(_ key: String, _ fallback: Int, in range: ClosedRange<Int>) throws(ActiveLearningError) -> Int {
        guard let raw = values[key] else { return fallback }
        guard let v = Int(raw), range.contains(v) else {
            throw .badSpec(spec: text, reason: "key '\(key)' expects an integer in \(range.lowerBound)...\(range.upperBound), got '\(raw)'")
        }
        return v
    }

    /// The named choice at `key` (or `fallback`): one of `T`'s raw values.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ fallback: T) throws(ActiveLearningError) -> T where T.RawValue == String {
        guard let raw = values[key] else { return fallback }
        guard let v = T(rawValue: raw) else {
            throw .badSpec(spec: text, reason: "key '\(key)' expects one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), got '\(raw)'")
        }
        return v
    }
}
