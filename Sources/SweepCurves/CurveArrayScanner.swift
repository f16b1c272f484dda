import Foundation

/// Pulls the `"curve": [...]` array out of a dataset line without Foundation's JSON decoder, which
/// is slow on long arrays of numbers; the rest of the line (small) is decoded as usual.
///
/// Returns nil whenever the line is not the simple, common shape (the caller then decodes the
/// whole line, which also produces the precise error message).
enum CurveArrayScanner {
    /// The curve's values (NaN for `null`) and the line with the array replaced by `null`.
    static func extract(_ line: Data) -> (curve: [Double], rest: Data)? {
        line.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> (curve: [Double], rest: Data)? in
            let b = raw.bindMemory(to: UInt8.self)
            let n = b.count
            var i = 0
            var depth = 0
            var keyStart = -1
            while i < n {
                let c = b[i]
                if c == UInt8(ascii: "\"") {
                    let start = i + 1
                    i += 1
                    while i < n, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
                    keyStart = depth == 1 ? start : -1
                    let keyEnd = i
                    i += 1
                    guard keyStart >= 0, keyEnd - keyStart == 5, matches(b, keyStart, "curve") else { continue }
                    var j = skipSpace(b, i)
                    guard j < n, b[j] == UInt8(ascii: ":") else { continue }
                    j = skipSpace(b, j + 1)
                    guard j < n, b[j] == UInt8(ascii: "[") else { return nil }
                    let open = j
                    guard let (values, close) = numbers(b, from: j + 1) else { return nil }
                    var rest = Data(line.prefix(open))
                    rest.append(contentsOf: Array("null".utf8))
                    rest.append(line.suffix(from: line.startIndex + close + 1))
                    return (values, rest)
                }
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
                if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") { depth -= 1 }
                i += 1
            }
            return nil
        }
    }

    private static func matches(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ word: StaticString) -> Bool {
        for k in 0..<word.utf8CodeUnitCount where b[at + k] != word.utf8Start[k] { return false }
        return true
    }

    private static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ from: Int) -> Int {
        var i = from
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D { i += 1 }
        return i
    }

    /// Numbers and nulls up to the closing bracket; nil on anything else.
    private static func numbers(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> ([Double], Int)? {
        var values: [Double] = []
        var i = skipSpace(b, from)
        if i < b.count, b[i] == UInt8(ascii: "]") { return (values, i) }
        var text = [CChar](repeating: 0, count: 64)
        while i < b.count {
            if b[i] == UInt8(ascii: "n") {
                guard i + 4 <= b.count, matches(b, i, "null") else { return nil }
                values.append(.nan)
                i += 4
            } else {
                let start = i
                while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2E || b[i] == 0x2D || b[i] == 0x2B
                    || b[i] == 0x65 || b[i] == 0x45
                {
                    i += 1
                }
                let length = i - start
                guard length > 0, length < 63 else { return nil }
                for k in 0..<length { text[k] = CChar(bitPattern: b[start + k]) }
                text[length] = 0
                let parsed: Double? = text.withUnsafeMutableBufferPointer { p in
                    guard let base = p.baseAddress else { return nil }
                    var end: UnsafeMutablePointer<CChar>?
                    let v = strtod(base, &end)
                    return end == base + length ? v : nil
                }
                guard let v = parsed else { return nil }
                values.append(v)
            }
            i = skipSpace(b, i)
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: "]") { return (values, i) }
            guard b[i] == UInt8(ascii: ",") else { return nil }
            i = skipSpace(b, i + 1)
        }
        return nil
    }
}
