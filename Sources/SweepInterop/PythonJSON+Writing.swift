/// Writing JSON the way Python's `json.dumps` does by default: `", "` and `": "` separators,
/// non-ASCII as `\uXXXX`, NaN and infinities as `NaN`, `Infinity`, `-Infinity`, floats with a
/// point or an exponent (so Python reads them back as floats); keys sorted.
extension PythonJSON {
    /// The JSON text.
    public var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let d): out += Self.floatText(d)
        case .string(let s): Self.write(string: s, into: &out)
        case .array(let a):
            out += "["
            for (n, item) in a.enumerated() {
                if n > 0 { out += ", " }
                item.write(into: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (n, key) in o.keys.sorted().enumerated() {
                if n > 0 { out += ", " }
                Self.write(string: key, into: &out)
                out += ": "
                o[key]?.write(into: &out)
            }
            out += "}"
        }
    }

    /// A float as Python's `repr` writes it (`1.0`, `0.1`, `1e-05`, `NaN`, `Infinity`).
    static func floatText(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
        return d.description
    }

    private static func write(string s: String, into out: inout String) {
        out += "\""
        for unit in s.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        out += "\""
    }
}
