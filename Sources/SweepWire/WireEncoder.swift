import Foundation
import SweepCore

/// Encodes any `Encodable` to a `JSONValue` under `Wire`'s rules: dates as ISO 8601 strings,
/// `UInt64` (seeds) as strings, other integers as numbers, non-finite numbers as `null`. Keys that encode nil are left out,
/// as `JSONEncoder` leaves them out.
public enum WireEncoder {
    public static func encode(_ value: some Encodable) throws -> JSONValue {
        try box(value, codingPath: []).json
    }

    /// The value of one encoded item; containers stay open (references) until the end.
    static func box<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> Slot {
        switch value {
        case let d as Double: return .value(Wire.number(d))
        case let s as String: return .value(.string(s))
        case let i as Int: return .value(.number(Double(i)))
        case let b as Bool: return .value(.bool(b))
        case let date as Date: return .value(.string(Wire.time(date)))
        case let seed as UInt64: return .value(.string(String(seed)))
        // Every other integer (ids are Int64) as a number; without this case a fixed-width
        // integer would encode itself through a single-value container back into `box`, forever.
        case let i as any BinaryInteger: return .value(.number(Double(i)))
        case let j as JSONValue: return .value(Wire.cleaned(j))
        case let f as Float: return .value(Wire.number(Double(f)))
        // Curves (`sweep bandit --json` writes 50,000 values): one array, not one encoder call a value.
        case let curve as [Double]: return .value(.array(curve.map(Wire.number)))
        default:
            let encoder = Encoding(codingPath: codingPath)
            try value.encode(to: encoder)
            return encoder.result ?? .value(.object([:]))
        }
    }

    /// An encoded item: a finished value, or an object or array still being filled.
    enum Slot {
        case value(JSONValue)
        case object(ObjectRef)
        case array(ArrayRef)
        case encoder(Encoding)

        var json: JSONValue {
            switch self {
            case .value(let v): return v
            case .object(let ref): return .object(ref.members.mapValues(\.json))
            case .array(let ref): return .array(ref.items.map(\.json))
            case .encoder(let e): return e.result?.json ?? .object([:])
            }
        }
    }

    final class ObjectRef { var members: [String: Slot] = [:] }
    final class ArrayRef { var items: [Slot] = [] }

    /// The `Encoder` one value encodes itself to.
    final class Encoding: Encoder {
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        var result: Slot?

        init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let ref: ObjectRef
            if case .object(let existing) = result {
                ref = existing
            } else {
                ref = ObjectRef()
                result = .object(ref)
            }
            return KeyedEncodingContainer(Keyed<Key>(ref: ref, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let ref: ArrayRef
            if case .array(let existing) = result {
                ref = existing
            } else {
                ref = ArrayRef()
                result = .array(ref)
            }
            return Unkeyed(ref: ref, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let ref: ObjectRef
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { ref.members[key.stringValue] = .value(.null) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            ref.members[key.stringValue] = try box(value, codingPath: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            let nested = ObjectRef()
            ref.members[key.stringValue] = .object(nested)
            return KeyedEncodingContainer(Keyed<NestedKey>(ref: nested, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = ArrayRef()
            ref.members[key.stringValue] = .array(nested)
            return Unkeyed(ref: nested, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

        private func superEncoder(named name: String) -> any Encoder {
            let encoder = Encoding(codingPath: codingPath)
            ref.members[name] = .encoder(encoder)
            return encoder
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let ref: ArrayRef
        let codingPath: [any CodingKey]
        var count: Int { ref.items.count }

        mutating func encodeNil() throws { ref.items.append(.value(.null)) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            ref.items.append(try box(value, codingPath: codingPath))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = ObjectRef()
            ref.items.append(.object(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(ref: nested, codingPath: codingPath))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = ArrayRef()
            ref.items.append(.array(nested))
            return Unkeyed(ref: nested, codingPath: codingPath)
        }

        mutating func superEncoder() -> any Encoder {
            let encoder = Encoding(codingPath: codingPath)
            ref.items.append(.encoder(encoder))
            return encoder
        }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: Encoding
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil() throws { encoder.result = .value(.null) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            encoder.result = try box(value, codingPath: codingPath)
        }
    }
}
