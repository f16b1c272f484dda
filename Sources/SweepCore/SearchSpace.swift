import Foundation

/// An ordered set of named distributions: the parameters a trial draws.
public struct SearchSpace: Sendable, Hashable, Codable {
    /// The parameters in the order they were declared.
    public private(set) var parameters: [Parameter]

    /// One named distribution.
    public struct Parameter: Sendable, Hashable, Codable {
        public var name: String
        public var distribution: Distribution
        public init(name: String, distribution: Distribution) {
            self.name = name
            self.distribution = distribution
        }
    }

    /// The parameters in order; a name given again replaces its distribution in place, as `set`
    /// does (in one pass: `set` for each would be quadratic in the number of parameters).
    public init(_ parameters: [Parameter] = []) {
        var position: [String: Int] = [:]
        var kept: [Parameter] = []
        kept.reserveCapacity(parameters.count)
        for p in parameters {
            if let i = position[p.name] {
                kept[i].distribution = p.distribution
            } else {
                position[p.name] = kept.count
                kept.append(p)
            }
        }
        self.parameters = kept
    }

    /// Adds or replaces a parameter.
    public mutating func set(_ name: String, _ distribution: Distribution) {
        if let i = parameters.firstIndex(where: { $0.name == name }) {
            parameters[i].distribution = distribution
        } else {
            parameters.append(Parameter(name: name, distribution: distribution))
        }
    }

    public subscript(name: String) -> Distribution? {
        parameters.first(where: { $0.name == name })?.distribution
    }

    public var isEmpty: Bool { parameters.isEmpty }
    public var names: [String] { parameters.map(\.name) }

    /// Each parameter's distribution by name.
    public var distributions: [String: Distribution] {
        Dictionary(parameters.map { ($0.name, $0.distribution) }, uniquingKeysWith: { _, last in last })
    }

    /// Reads a space written as a JSON object of name → distribution (Sweep's or Optuna's form).
    public static func fromJSON(_ text: String) throws(SweepError) -> SearchSpace {
        guard let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw .invalidArgument("search space must be a JSON object of name → distribution, got '\(text)'") }
        var parameters: [Parameter] = []
        for name in object.keys.sorted() {
            guard let value = object[name],
                let itemData = try? JSONSerialization.data(withJSONObject: value)
            else { throw .invalidArgument("search space parameter '\(name)' is not a JSON object") }
            do {
                parameters.append(Parameter(name: name, distribution: try JSONDecoder().decode(Distribution.self, from: itemData)))
            } catch {
                throw .invalidArgument("search space parameter '\(name)': \(describeDecodingError(error))")
            }
        }
        return SearchSpace(parameters)
    }

    /// Parses one parameter written on a command line:
    /// `lr=float:1e-5:1e-1:log`, `x=float:0:1:step=0.1`, `n=int:1:10`, `n=int:1:100:log`,
    /// `opt=cat:adam,sgd,rmsprop`. Errors read `parameter 'lr': low must be a number, got 'x'`.
    public static func parseParameter(_ text: String) throws(SweepError) -> Parameter {
        guard let eq = text.firstIndex(of: "="), !text[..<eq].allSatisfy(\.isWhitespace) else {
            throw .invalidArgument("parameter '\(text)': expected NAME=\(shortFormHelp)")
        }
        let name = String(text[..<eq]).trimmedSpaces
        do {
            return Parameter(name: name, distribution: try parseDistribution(String(text[text.index(after: eq)...])))
        } catch {
            throw .invalidArgument("parameter '\(name)': \(error.description)")
        }
    }

    /// What the short form of a distribution looks like, for messages.
    public static let shortFormHelp = "float:LOW:HIGH[:log|:step=S], int:LOW:HIGH[:log|:step=S] or cat:A,B,C"

    /// Parses the short form of a distribution: `float:1e-5:1e-1:log`, `int:1:10:step=2`,
    /// `cat:adam,sgd`. Errors say what is wrong without naming the parameter (callers do).
    public static func parseDistribution(_ text: String) throws(DistributionError) -> Distribution {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let kind = parts[0].trimmedSpaces
        switch kind {
        case "float", "int":
            guard parts.count >= 3 else { throw .malformed("expected \(shortFormHelp), got '\(text)'") }
            var log = false
            var stepText: String?
            for option in parts.dropFirst(3) {
                if option == "log" {
                    log = true
                } else if option.hasPrefix("step=") {
                    stepText = String(option.dropFirst(5))
                } else {
                    throw .malformed("unknown option '\(option)'; expected log or step=S after \(kind):LOW:HIGH")
                }
            }
            if kind == "float" {
                let step = try stepText.map { s throws(DistributionError) in try number(s, "step") }
                return .float(
                    try FloatDistribution(low: try number(parts[1], "low"), high: try number(parts[2], "high"), log: log, step: step))
            }
            let step = try stepText.map { s throws(DistributionError) in try integer(s, "step") } ?? 1
            return .int(try IntDistribution(low: try integer(parts[1], "low"), high: try integer(parts[2], "high"), log: log, step: step))
        case "cat", "categorical":
            let list = parts.dropFirst().joined(separator: ":")
            let items = list.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmedSpaces }
            if let empty = items.firstIndex(where: \.isEmpty), !(items.count == 1 && list.isEmpty) {
                throw .malformed("choice \(empty + 1) of '\(list)' is empty; write cat:A,B,C")
            }
            return .categorical(try CategoricalDistribution(list.isEmpty ? [] : items.map(ParamValue.init(parsing:))))
        default:
            throw .malformed("unknown kind '\(kind)'; expected \(shortFormHelp)")
        }
    }

    private static func number(_ text: String, _ what: String) throws(DistributionError) -> Double {
        guard let v = Double(text.trimmedSpaces) else { throw .malformed("\(what) must be a number, got '\(text)'") }
        guard v.isFinite else { throw .malformed("\(what) must be a finite number, got \(formatNumber(v))") }
        return v
    }

    private static func integer(_ text: String, _ what: String) throws(DistributionError) -> Int {
        guard let v = Int(text.trimmedSpaces) else { throw .malformed("\(what) must be an integer, got '\(text)'") }
        return v
    }
}

/// Turns a `DecodingError` into one readable sentence naming the field.
public func describeDecodingError(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ p: [any CodingKey]) -> String {
        p.isEmpty ? "top level" : p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case .keyNotFound(let key, let context):
        return "missing field '\(key.stringValue)' at \(path(context.codingPath))"
    case .typeMismatch(let type, let context):
        return "field '\(path(context.codingPath))' should be \(type): \(context.debugDescription)"
    case .valueNotFound(let type, let context):
        return "field '\(path(context.codingPath))' should be \(type), got null"
    case .dataCorrupted(let context):
        return "\(context.debugDescription) (at \(path(context.codingPath)))"
    @unknown default:
        return "\(error)"
    }
}

extension SearchSpace {
    /// Refuses a name the space does not have (a typo would become an extra parameter of an
    /// enqueued trial). A study without a space takes any names: its parameters come with each ask.
    public func checkNames(_ names: some Sequence<String>, study: String) throws(SweepError) {
        guard !parameters.isEmpty else { return }
        let unknown = names.filter { self[$0] == nil }.sorted()
        guard !unknown.isEmpty else { return }
        let known = parameters.map(\.name).sorted().joined(separator: ", ")
        let quoted = unknown.map { "'\($0)'" }.joined(separator: ", ")
        throw .invalidArgument("study '\(study)' has no parameter \(quoted); its parameters are \(known)")
    }
}
