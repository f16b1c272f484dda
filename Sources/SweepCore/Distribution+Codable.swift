import Foundation

/// JSON form: `{"type": "float", "low": 0, "high": 1, "log": false, "step": null}`,
/// `{"type": "int", ...}`, `{"type": "categorical", "choices": [...]}`. Optuna's own form,
/// `{"name": "FloatDistribution", "attributes": {...}}`, is read too.
extension Distribution: Codable {
    private enum Keys: String, CodingKey {
        case type, low, high, log, step, choices, name, attributes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        if let name = try c.decodeIfPresent(String.self, forKey: .name) {
            let attributes = try c.nestedContainer(keyedBy: Keys.self, forKey: .attributes)
            try self.init(kind: Self.optunaKind(name, codingPath: c.codingPath), c: attributes)
        } else {
            try self.init(kind: try c.decode(String.self, forKey: .type), c: c)
        }
    }

    private static func optunaKind(_ name: String, codingPath: [any CodingKey]) throws -> String {
        switch name {
        case "FloatDistribution", "UniformDistribution", "LogUniformDistribution", "DiscreteUniformDistribution":
            return "float"
        case "IntDistribution", "IntUniformDistribution", "IntLogUniformDistribution": return "int"
        case "CategoricalDistribution": return "categorical"
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "unknown distribution '\(name)'"))
        }
    }

    private init(kind: String, c: KeyedDecodingContainer<Keys>) throws {
        do {
            switch kind {
            case "float":
                self = .float(
                    try FloatDistribution(
                        low: try c.decode(Double.self, forKey: .low), high: try c.decode(Double.self, forKey: .high),
                        log: try c.decodeIfPresent(Bool.self, forKey: .log) ?? false,
                        step: try c.decodeIfPresent(Double.self, forKey: .step)))
            case "int":
                self = .int(
                    try IntDistribution(
                        low: try c.decode(Int.self, forKey: .low), high: try c.decode(Int.self, forKey: .high),
                        log: try c.decodeIfPresent(Bool.self, forKey: .log) ?? false,
                        step: try c.decodeIfPresent(Int.self, forKey: .step) ?? 1))
            case "categorical":
                self = .categorical(try CategoricalDistribution(try c.decode([ParamValue].self, forKey: .choices)))
            default:
                throw DecodingError.dataCorrupted(
                    .init(codingPath: c.codingPath, debugDescription: "type must be float, int or categorical, got '\(kind)'"))
            }
        } catch let error as DistributionError {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .float(let d):
            try c.encode("float", forKey: .type)
            try c.encode(d.low, forKey: .low)
            try c.encode(d.high, forKey: .high)
            try c.encode(d.log, forKey: .log)
            try c.encode(d.step, forKey: .step)
        case .int(let d):
            try c.encode("int", forKey: .type)
            try c.encode(d.low, forKey: .low)
            try c.encode(d.high, forKey: .high)
            try c.encode(d.log, forKey: .log)
            try c.encode(d.step, forKey: .step)
        case .categorical(let d):
            try c.encode("categorical", forKey: .type)
            try c.encode(d.choices, forKey: .choices)
        }
    }
}
