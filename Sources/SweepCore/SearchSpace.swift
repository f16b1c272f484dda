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

    public init(_ parameters: [Parameter] = []) {
        self.parameters = []
        for p in parameters { set(p.name, p.distribution) }
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
        var space = SearchSpace()
        for name in object.keys.sorted() {
            guard let value = object[name],
                let itemData = try? JSONSerialization.data(withJSONObject: value)
            else { throw .invalidArgument("search space parameter '\(name)' is not a JSON object") }
            do {
                space.set(name, try JSONDecoder().decode(Distribution.self, from: itemData))
            } catch {
                throw .invalidArgument("search space parameter '\(name)': \(describeDecodingError(error))")
            }
        }
        return space
    }

    /// Parses one parameter written on a command line:
    /// `lr=float:1e-5:1e-1:log`, `x=float:0:1:step=0.1`, `n=int:1:10`, `n=int:1:100:log`,
    /// `opt=cat:adam,sgd,rmsprop`.
    public static func parseParameter(_ text: String) throws(SweepError) -> Parameter {
        let expected = "expected NAME=float:LOW:HIGH[:log|:step=S], NAME=int:LOW:HIGH[:log|:step=S] or NAME=cat:A,B,C"
        guard let eq = text.firstIndex(of: "=") else { throw .invalidArgument("parameter '\(text)': \(expected)") }
        let name = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        let rest = String(text[text.index(after: eq)...])
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard !name.isEmpty, let kind = parts.first else { throw .invalidArgument("parameter '\(text)': \(expected)") }
        do {
            switch kind {
            case "float", "int":
                guard parts.count >= 3 else { throw SweepError.invalidArgument("parameter '\(text)': \(expected)") }
                var log = false
                var stepText: String?
                for option in parts.dropFirst(3) {
                    if option == "log" {
                        log = true
                    } else if option.hasPrefix("step=") {
                        stepText = String(option.dropFirst(5))
                    } else {
                        throw SweepError.invalidArgument("parameter '\(text)': unknown option '\(option)'; \(expected)")
                    }
                }
                if kind == "float" {
                    guard let low = Double(parts[1]), let high = Double(parts[2]) else {
                        throw SweepError.invalidArgument("parameter '\(text)': low and high must be numbers")
                    }
                    let step = try stepText.map { s throws(SweepError) -> Double in
                        guard let v = Double(s) else { throw .invalidArgument("parameter '\(text)': step must be a number") }
                        return v
                    }
                    return Parameter(name: name, distribution: .float(try FloatDistribution(low: low, high: high, log: log, step: step)))
                }
                guard let low = Int(parts[1]), let high = Int(parts[2]) else {
                    throw SweepError.invalidArgument("parameter '\(text)': low and high must be integers")
                }
                var step = 1
                if let stepText {
                    guard let v = Int(stepText) else { throw SweepError.invalidArgument("parameter '\(text)': step must be an integer") }
                    step = v
                }
                return Parameter(name: name, distribution: .int(try IntDistribution(low: low, high: high, log: log, step: step)))
            case "cat", "categorical":
                let choices = parts.dropFirst().joined(separator: ":").split(separator: ",").map { ParamValue(parsing: String($0)) }
                return Parameter(name: name, distribution: .categorical(try CategoricalDistribution(choices)))
            default:
                throw SweepError.invalidArgument("parameter '\(text)': unknown kind '\(kind)'; \(expected)")
            }
        } catch let error as DistributionError {
            throw .invalidArgument("parameter '\(name)': \(error.description)")
        } catch let error as SweepError {
            throw error
        } catch {
            throw .invalidArgument("parameter '\(text)': \(error)")
        }
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
