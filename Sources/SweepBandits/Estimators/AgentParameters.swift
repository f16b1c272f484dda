/// Reads the `key=value` parameters of a learned agent (`neural`, `recurrent`), validating each
/// value and throwing `BanditSpecError` naming the spec, the key and what was expected.
struct AgentParameters {
    let name: String
    let values: [String: String]
    let spec: String

    init(name: String, values: [String: String], allowed: [String]) throws(BanditSpecError) {
        self.name = name
        self.values = values
        spec = values.isEmpty ? name : name + ":" + values.keys.sorted().map { "\($0)=\(values[$0] ?? "")" }.joined(separator: ",")
        for key in values.keys.sorted() where !allowed.contains(key) {
            throw .unknownKey(spec: spec, key: key, known: allowed)
        }
    }

    func double(_ key: String, default value: Double, in range: ClosedRange<Double>, expected: String) throws(BanditSpecError) -> Double {
        guard let text = values[key] else { return value }
        guard let x = Double(text.parameterTrimmed), x.isFinite, range.contains(x) else {
            throw .badValue(spec: spec, key: key, value: text, expected: expected)
        }
        return x
    }

    func int(_ key: String, default value: Int, in range: ClosedRange<Int>) throws(BanditSpecError) -> Int {
        guard let text = values[key] else { return value }
        guard let x = Int(text.parameterTrimmed), range.contains(x) else {
            throw .badValue(spec: spec, key: key, value: text, expected: "an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return x
    }

    /// Layer sizes written `32`, `32,16`, `32x16` or `32;16`.
    func sizes(_ key: String, default value: [Int]) throws(BanditSpecError) -> [Int] {
        guard let text = values[key] else { return value }
        let parts = text.split(whereSeparator: { $0 == "," || $0 == "x" || $0 == ";" || $0 == " " })
        let sizes = parts.compactMap { Int($0) }
        guard !sizes.isEmpty, sizes.count == parts.count, sizes.allSatisfy({ (1...4096).contains($0) }) else {
            throw .badValue(spec: spec, key: key, value: text, expected: "layer sizes in 1...4096 such as 32 or 32x16")
        }
        return sizes
    }

    func choice(_ key: String, default value: String, allowed: [String]) throws(BanditSpecError) -> String {
        guard let text = values[key] else { return value }
        guard allowed.contains(text.parameterTrimmed) else {
            throw .badValue(spec: spec, key: key, value: text, expected: "one of " + allowed.joined(separator: ", "))
        }
        return text.parameterTrimmed
    }

    /// The selection rule from `selection`, `epsilon`, `c` and `scale`.
    func selectionRule() throws(BanditSpecError) -> SelectionRule {
        let kind = try choice("selection", default: "epsilon_greedy", allowed: Self.selectionNames)
        switch kind {
        case "ucb":
            return .ucb(c: try double("c", default: 1, in: 0...1e6, expected: "a number ≥ 0"))
        case "thompson":
            return .thompson(scale: try double("scale", default: 1, in: 0...1e6, expected: "a number ≥ 0"))
        case "per_arm_epsilon":
            return .perArmEpsilon(epsilon: try double("epsilon", default: 0.1, in: 0...1, expected: "a number in [0, 1]"))
        default:
            return .epsilonGreedy(epsilon: try double("epsilon", default: 0.1, in: 0...1, expected: "a number in [0, 1]"))
        }
    }

    static let selectionNames = ["epsilon_greedy", "per_arm_epsilon", "thompson", "ucb"]
    static let selectionKeys = ["selection", "epsilon", "c", "scale"]
}

extension String {
    /// The text without surrounding whitespace.
    fileprivate var parameterTrimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
