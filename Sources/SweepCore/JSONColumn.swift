import Foundation
import Synchronization

/// Reads and writes the JSON text columns (parameters, distributions, attributes, configuration).
///
/// Attributes and parameters (written and read for every trial) go through `JSONValue.jsonText` and
/// `JSONValue(parsing:)`; parameters that are integers beyond 2^53 and the other columns go through
/// `Codable`.
///
/// Keys are sorted so the same value always gives the same text. JSON has no NaN or infinity, so
/// `Double` fields that hold one are written as the strings `"nan"`, `"inf"` and `"-inf"`.
public enum JSONColumn {
    public static let emptyObject = "{}"

    public static func encode<T: Encodable>(_ value: T) throws -> String {
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
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, column: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw SweepError.corrupt("column \(column) holds JSON that cannot be read (\(error)): \(text.prefix(200))")
        }
    }

    // MARK: - Typed columns

    public static func encode(attributes: [String: JSONValue]) throws -> String {
        attributes.isEmpty ? emptyObject : try encode(value: .object(attributes))
    }

    public static func attributes(_ text: String, column: String) throws -> [String: JSONValue] {
        text == emptyObject ? [:] : try object(text, column: column)
    }

    /// A column's JSON object, its `{"$number": "nan"}` values read as numbers.
    private static func object(_ text: String, column: String) throws -> [String: JSONValue] {
        guard case .object(let members) = try value(text, column: column) else {
            throw SweepError.corrupt("column \(column) holds JSON that is not an object: \(text.prefix(200))")
        }
        return members
    }

    public static func encode(params: [String: ParamValue]) throws -> String {
        if params.isEmpty { return emptyObject }
        var members: [String: JSONValue] = [:]
        members.reserveCapacity(params.count)
        for (name, value) in params {
            guard let tagged = StoredParam.tagged(value) else { break }
            members[name] = tagged
        }
        // An integer beyond 2^53 (no exact Double): Codable writes it digit for digit.
        if members.count == params.count, let text = JSONValue.object(members).jsonText { return text }
        return try encode(params.mapValues(StoredParam.init))
    }

    public static func params(_ text: String, column: String) throws -> [String: ParamValue] {
        if text == emptyObject { return [:] }
        let members = try object(text, column: column)
        var params: [String: ParamValue] = [:]
        params.reserveCapacity(members.count)
        for (name, tagged) in members {
            guard let value = StoredParam.value(tagged) else { break }
            params[name] = value
        }
        if params.count == members.count { return params }
        // An integer beyond 2^53, read digit for digit (or a shape Codable names in its error).
        return try decode([String: StoredParam].self, from: text, column: column).mapValues(\.value)
    }

    /// Most trials of a study share one set of distributions, so their JSON is cached both ways.
    private static let distributionCache = Mutex(
        (texts: [[String: Distribution]: String](), values: [String: [String: Distribution]]()))
    private static let distributionCacheLimit = 64

    public static func encode(distributions: [String: Distribution]) throws -> String {
        if distributions.isEmpty { return emptyObject }
        if let text = distributionCache.withLock({ $0.texts[distributions] }) { return text }
        let text = try encode(distributions.mapValues(StoredDistribution.init))
        remember(distributions, text)
        return text
    }

    public static func distributions(_ text: String, column: String) throws -> [String: Distribution] {
        if text == emptyObject { return [:] }
        if let distributions = distributionCache.withLock({ $0.values[text] }) { return distributions }
        let distributions = try decode([String: StoredDistribution].self, from: text, column: column)
            .mapValues { try $0.distribution() }
        remember(distributions, text)
        return distributions
    }

    private static func remember(_ distributions: [String: Distribution], _ text: String) {
        distributionCache.withLock { cache in
            if cache.texts.count >= distributionCacheLimit || cache.values.count >= distributionCacheLimit {
                cache = ([:], [:])
            }
            cache.texts[distributions] = text
            cache.values[text] = distributions
        }
    }

    public static func encode(value: JSONValue) throws -> String {
        guard let text = StoredJSON.wrap(value).jsonText else {
            throw SweepError.storage("cannot write \(value) as JSON")  // wrap leaves no NaN or infinity
        }
        return text
    }

    public static func value(_ text: String, column: String) throws -> JSONValue {
        do {
            return StoredJSON.unwrap(try JSONValue(parsing: text))
        } catch {
            throw SweepError.corrupt("column \(column) holds JSON that cannot be read (\(error)): \(text.prefix(200))")
        }
    }
}
