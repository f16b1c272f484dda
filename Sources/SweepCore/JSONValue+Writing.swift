/// Writing a `JSONValue` as compact JSON text straight to UTF-8 bytes: the text `JSONEncoder` writes
/// with sorted keys and unescaped slashes, several times faster (storage writes attributes and
/// parameters for every trial).
extension JSONValue {
    /// Compact JSON text, object keys sorted; nil when a number is NaN or infinite (JSON has none).
    public var jsonText: String? {
        var writer = JSONTextWriter()
        guard writer.write(self) else { return nil }
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// Appends JSON text for values to a byte buffer.
struct JSONTextWriter {
    var bytes: [UInt8] = []
    private static let hexDigits = Array("0123456789abcdef".utf8)

    init() { bytes.reserveCapacity(64) }

    /// Appends `value`; false (with partial output) when it holds a non-finite number.
    mutating func write(_ value: JSONValue) -> Bool {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let b): bytes.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let d): return write(number: d)
        case .string(let s): write(string: s)
        case .array(let a):
            bytes.append(UInt8(ascii: "["))
            for (k, element) in a.enumerated() {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                guard write(element) else { return false }
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let o):
            bytes.append(UInt8(ascii: "{"))
            // By UTF-8 bytes, as swift-foundation's JSONEncoder sorts keys.
            let members = o.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (k, member) in members.enumerated() {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                write(string: member.key)
                bytes.append(UInt8(ascii: ":"))
                guard write(member.value) else { return false }
            }
            bytes.append(UInt8(ascii: "}"))
        }
        return true
    }

    /// Integral values without a fraction (`3`, as `JSONEncoder` writes them); others in Swift's
    /// shortest round-trip form (`0.1`, `1e-05`, `1e+300`), which is valid JSON.
    mutating func write(number d: Double) -> Bool {
        guard d.isFinite else { return false }
        if d == d.rounded(), d.magnitude < 0x1p53 {
            if d == 0 && d.sign == .minus {
                bytes.append(contentsOf: "-0".utf8)
            } else {
                bytes.append(contentsOf: String(Int64(d)).utf8)
            }
        } else {
            let text = d.description  // "9007199254740992.0", "1e+16", "0.1"
            bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
        }
        return true
    }

    /// A quoted string: `"` and `\` escaped, control characters as `\n`-style or `\u00XX` escapes.
    mutating func write(string s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(Self.hexDigits[Int(b >> 4)])
                bytes.append(Self.hexDigits[Int(b & 0xF)])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
