import Foundation
import SweepCore

/// Reads and writes the JSON text columns (parameters, distributions, attributes, configuration).
///
/// Keys are sorted so the same value always gives the same text. JSON has no NaN or infinity, so
/// `Double` fields that hold one are written as the strings `"nan"`, `"inf"` and `"-inf"`.
enum JSONColumn {
    static let emptyObject = "{}"

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw SweepError.storage("cannot write \(T.self) as JSON: \(error)")
        }
    }

    /// Decodes a column's JSON text, naming the column when it cannot be read.
    static func decode<T: Decodable>(_ type: T.Type, from text: String, column: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw SweepError.storage("column \(column) holds JSON that cannot be read (\(error)): \(text.prefix(200))")
        }
    }

    // MARK: - Typed columns

    static func encode(attributes: [String: JSONValue]) throws -> String {
        attributes.isEmpty ? emptyObject : try encode(attributes.mapValues(StoredJSON.init))
    }

    static func attributes(_ text: String, column: String) throws -> [String: JSONValue] {
        text == emptyObject ? [:] : try decode([String: StoredJSON].self, from: text, column: column).mapValues(\.value)
    }

    static func encode(params: [String: ParamValue]) throws -> String {
        params.isEmpty ? emptyObject : try encode(params.mapValues(StoredParam.init))
    }

    static func params(_ text: String, column: String) throws -> [String: ParamValue] {
        text == emptyObject ? [:] : try decode([String: StoredParam].self, from: text, column: column).mapValues(\.value)
    }

    static func encode(distributions: [String: Distribution]) throws -> String {
        distributions.isEmpty ? emptyObject : try encode(distributions.mapValues(StoredDistribution.init))
    }

    static func distributions(_ text: String, column: String) throws -> [String: Distribution] {
        guard text != emptyObject else { return [:] }
        return try decode([String: StoredDistribution].self, from: text, column: column).mapValues { try $0.distribution() }
    }

    static func encode(value: JSONValue) throws -> String {
        try encode(StoredJSON(value))
    }

    static func value(_ text: String, column: String) throws -> JSONValue {
        try decode(StoredJSON.self, from: text, column: column).value
    }
}
