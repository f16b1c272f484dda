/// Reading Python-flavoured JSON text: RFC 8259 plus `NaN`, `Infinity` and `-Infinity`; an
/// integer literal too large for `Int` reads as a float. Nesting deeper than 512 is refused.
extension PythonJSON {
    /// Parses one JSON text; throws `PythonJSONError` naming the byte offset and what was
    /// expected there, never traps.
    public init(parsing text: String) throws(PythonJSONError) {
        let bytes = Array(text.utf8)
        var reader = PythonJSONReader(bytes: bytes)
        self = try reader.document()
    }
}

/// Why a text is not JSON: the byte offset and what the parser expected there.
public struct PythonJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var expected: String

    public var description: String { "not JSON at byte \(offset): expected \(expected)" }
}

/// A recursive-descent parser over UTF-8 bytes.
struct PythonJSONReader {
    let bytes: [UInt8]
    var i = 0
    static let maxDepth = 512

    mutating func document() throws(PythonJSONError) -> PythonJSON {
        let value = try self.value(depth: 0)
        skipSpace()
        guard i == bytes.count else { throw fail("the end of the text") }
        return value
    }

    private func fail(_ expected: String) -> PythonJSONError { PythonJSONError(offset: i, expected: expected) }

    private mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    private mutating func literal(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return false }
        i += w.count
        return true
    }

    private mutating func value(depth: Int) throws(PythonJSONError) -> PythonJSON {
        guard depth <= Self.maxDepth else { throw fail("nesting at most \(Self.maxDepth) deep") }
        skipSpace()
        guard i < bytes.count else { throw fail("a value") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        default:
            if literal("null") { return .null }
            if literal("true") { return .bool(true) }
            if literal("false") { return .bool(false) }
            if literal("NaN") { return .float(.nan) }
            if literal("Infinity") { return .float(.infinity) }
            if literal("-Infinity") { return .float(-.infinity) }
            return try number()
        }
    }

    private mutating func object(depth: Int) throws(PythonJSONError) -> PythonJSON {
        i += 1
        var members: [String: PythonJSON] = [:]
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("a key in quotes") }
            let key = try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("':'") }
            i += 1
            let value = try self.value(depth: depth)
            // Python keeps the last of duplicate keys.
            members[key] = value
            skipSpace()
            guard i < bytes.count else { throw fail("',' or '}'") }
            if bytes[i] == UInt8(ascii: "}") {
                i += 1
                return .object(members)
            }
            guard bytes[i] == UInt8(ascii: ",") else { throw fail("',' or '}'") }
            i += 1
        }
    }

    private mutating func array(depth: Int) throws(PythonJSONError) -> PythonJSON {
        i += 1
        var items: [PythonJSON] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            return .array(items)
        }
        while true {
            items.append(try value(depth: depth))
            skipSpace()
            guard i < bytes.count else { throw fail("',' or ']'") }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                return .array(items)
            }
            guard bytes[i] == UInt8(ascii: ",") else { throw fail("',' or ']'") }
            i += 1
        }
    }

    private mutating func number() throws(PythonJSONError) -> PythonJSON {
        let start = i
        var isFloat = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let digitsStart = i
        skipDigits()
        guard i > digitsStart else { throw fail("a value") }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            isFloat = true
            i += 1
            let fraction = i
            skipDigits()
            guard i > fraction else { throw fail("a digit after '.'") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            isFloat = true
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let exponent = i
            skipDigits()
            guard i > exponent else { throw fail("a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if !isFloat, let int = Int(text) { return .int(int) }
        guard let d = Double(text) else { throw PythonJSONError(offset: start, expected: "a number") }
        return .float(d)
    }

    private mutating func skipDigits() {
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
    }

    private mutating func string() throws(PythonJSONError) -> String {
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            switch b {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"): try escape(into: &out)
            default: out.append(b)
            }
        }
        throw fail("'\"' to end the string")
    }

    private mutating func escape(into out: inout [UInt8]) throws(PythonJSONError) {
        guard i < bytes.count else { throw fail("an escape") }
        let b = bytes[i]
        i += 1
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(b)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar), literal("\\u") {
                let low = try hex4()
                scalar = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
            }
            out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
        default:
            i -= 1
            throw fail("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u")
        }
    }

    private mutating func hex4() throws(PythonJSONError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let d = Character(Unicode.Scalar(bytes[i])).hexDigitValue else { throw fail("a hex digit") }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }
}
