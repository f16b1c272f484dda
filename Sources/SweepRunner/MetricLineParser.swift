import Foundation
import SweepCore

/// Reads the metric lines a training command prints on stdout, one JSON object a line:
/// `{"step": 12, "reward": 0.41, "loss": 1.9}`.
///
/// - A line whose first non-blank character is `{` is a metric line. Numeric fields are metrics;
///   `null`, `"nan"`, `"inf"` and `"-inf"` stand for NaN and infinities; other strings, booleans
///   and nested values are ignored. A missing `"step"` means "the step after the last one" (0 at
///   first), as W&B's `log` does.
/// - A line that starts with `{` but is not a flat JSON object, or whose `"step"` is not a
///   non-negative integer, is malformed: it is counted and kept in the log, never fatal.
/// - Every other line is log output.
///
/// The parser reads bytes directly (no Foundation JSON), so a trial can print hundreds of
/// thousands of metric lines a second.
public struct MetricLineParser: Sendable {
    /// What one line turned out to be.
    public enum Line: Sendable, Equatable {
        case metrics(step: Int, values: [String: Double])
        case log
        case malformed(String)
    }

    /// A metric line that was refused: its line number (from 1, counting every line parsed) and why.
    public struct Refusal: Sendable, Equatable {
        public var line: Int
        public var reason: String
    }

    public private(set) var lastStep: Int?
    public private(set) var malformedCount = 0
    /// How many lines were parsed (the number of the last one).
    public private(set) var lineCount = 0
    /// The first metric line refused, nil while none was.
    public private(set) var firstRefusal: Refusal?

    public init() {}

    /// "3 metric lines were refused, the first at line 7: <reason>", nil when none was.
    public var refusalSummary: String? {
        guard let first = firstRefusal else { return nil }
        let lines = malformedCount == 1 ? "1 metric line was refused" : "\(malformedCount) metric lines were refused"
        return "\(lines), the first at line \(first.line): \(first.reason)"
    }

    /// Counts a line that is not parsed at all (cut for its length); refused when it looks like a
    /// metric line.
    public mutating func skip(_ head: ArraySlice<UInt8>, length: Int) {
        lineCount += 1
        guard Self.looksLikeMetrics(head) else { return }
        refuse("a line of \(length) bytes is longer than the \(LineReader.maxLineLength)-byte limit")
    }

    /// Classifies one line (without its newline).
    public mutating func parse(_ line: Substring) -> Line {
        parse(Array(line.utf8)[...])
    }

    /// Classifies one line given as UTF-8 bytes (without its newline).
    public mutating func parse(_ bytes: ArraySlice<UInt8>) -> Line {
        lineCount += 1
        guard let i = Self.openingBrace(bytes) else { return .log }
        var reader = FlatObjectReader(bytes: bytes, index: i)
        switch reader.read() {
        case .failure(let reason):
            return refuse(reason)
        case .success(var values):
            let step: Int
            if let text = reader.nonNumericStep {
                return refuse("\"step\" must be a non-negative integer, got \(text)")
            } else if let raw = values.removeValue(forKey: "step") {
                guard raw.isFinite, raw >= 0, raw == raw.rounded(), raw < 9.0e15 else {
                    return refuse("\"step\" must be a non-negative integer, got \(formatNumber(raw))")
                }
                step = Int(raw)
            } else {
                step = (lastStep ?? -1) + 1
            }
            lastStep = step
            return .metrics(step: step, values: values)
        }
    }

    @discardableResult
    private mutating func refuse(_ reason: String) -> Line {
        malformedCount += 1
        if firstRefusal == nil { firstRefusal = Refusal(line: lineCount, reason: reason) }
        return .malformed(reason)
    }

    /// Where the `{` of a metric line is: its first character after blanks.
    private static func openingBrace(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return i < bytes.endIndex && bytes[i] == UInt8(ascii: "{") ? i : nil
    }

    static func looksLikeMetrics(_ bytes: ArraySlice<UInt8>) -> Bool {
        openingBrace(bytes) != nil
    }
}

/// A byte-level reader for one flat JSON object of numbers.
struct FlatObjectReader {
    let bytes: ArraySlice<UInt8>
    var index: Int
    /// The text of a `"step"` value that is not a number (a string, a boolean, ...), at most 40 bytes.
    var nonNumericStep: String?

    enum Outcome {
        case success([String: Double])
        case failure(String)
    }

    mutating func read() -> Outcome {
        var values: [String: Double] = [:]
        index += 1  // {
        skipSpace()
        if peek == UInt8(ascii: "}") { return finish(values) }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else { return .failure("expected a quoted key at column \(column)") }
            guard let key = readString() else { return .failure("unterminated key at column \(column)") }
            skipSpace()
            guard peek == UInt8(ascii: ":") else { return .failure("expected ':' after \"\(key)\" at column \(column)") }
            index += 1
            skipSpace()
            let valueStart = index
            switch readValue() {
            case .number(let v): values[key] = v
            case .ignored:
                if key == "step" { nonNumericStep = String(decoding: bytes[valueStart..<index].prefix(40), as: UTF8.self) }
            case .invalid(let reason): return .failure("value of \"\(key)\": \(reason)")
            }
            skipSpace()
            if peek == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if peek == UInt8(ascii: "}") { return finish(values) }
            return .failure("expected ',' or '}' at column \(column)")
        }
    }

    private mutating func finish(_ values: [String: Double]) -> Outcome {
        index += 1
        skipSpace()
        return index == bytes.endIndex ? .success(values) : .failure("text after the closing '}' at column \(column)")
    }

    private enum Value {
        case number(Double)
        case ignored
        case invalid(String)
    }

    private var peek: UInt8? { index < bytes.endIndex ? bytes[index] : nil }
    private var column: Int { index - bytes.startIndex + 1 }

    private mutating func skipSpace() {
        while let c = peek, c == 0x20 || c == 0x09 || c == 0x0D { index += 1 }
    }

    private mutating func readValue() -> Value {
        guard let c = peek else { return .invalid("missing") }
        switch c {
        case UInt8(ascii: "\""):
            guard let s = readString() else { return .invalid("unterminated string") }
            switch s.lowercased() {
            case "nan": return .number(.nan)
            case "inf", "infinity", "+inf": return .number(.infinity)
            case "-inf", "-infinity": return .number(-.infinity)
            default: return .ignored
            }
        case UInt8(ascii: "n"): return readWord("null") ? .number(.nan) : .invalid("bad literal")
        case UInt8(ascii: "t"): return readWord("true") ? .ignored : .invalid("bad literal")
        case UInt8(ascii: "f"): return readWord("false") ? .ignored : .invalid("bad literal")
        case UInt8(ascii: "N"): return readWord("NaN") ? .number(.nan) : .invalid("bad literal")
        case UInt8(ascii: "I"): return readWord("Infinity") ? .number(.infinity) : .invalid("bad literal")
        case UInt8(ascii: "{"), UInt8(ascii: "["): return skipNested() ? .ignored : .invalid("unbalanced brackets")
        default: return readNumber()
        }
    }

    private mutating func readWord(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard index + n <= bytes.endIndex else { return false }
        for k in 0..<n where bytes[index + k] != word.utf8Start[k] { return false }
        index += n
        return true
    }

    private mutating func readNumber() -> Value {
        let start = index
        if peek == UInt8(ascii: "-") {
            index += 1
            if readWord("Infinity") { return .number(-.infinity) }
        }
        var sawDigit = false
        while let c = peek {
            if c >= 0x30 && c <= 0x39 {
                sawDigit = true
            } else if c != UInt8(ascii: ".") && c != UInt8(ascii: "e") && c != UInt8(ascii: "E") && c != UInt8(ascii: "+")
                && c != UInt8(ascii: "-")
            {
                break
            }
            index += 1
        }
        guard sawDigit else { return .invalid("expected a number at column \(start - bytes.startIndex + 1)") }
        let count = index - start
        let value: Double? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { text in
            for k in 0..<count { text[k] = CChar(bitPattern: bytes[start + k]) }
            text[count] = 0
            guard let base = text.baseAddress else { return nil }
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(base, &end)
            return end == base + count ? v : nil
        }
        guard let value else { return .invalid("'\(String(decoding: bytes[start..<index], as: UTF8.self))' is not a number") }
        return .number(value)
    }

    private mutating func readString() -> String? {
        index += 1
        let start = index
        var escaped = false
        while let c = peek {
            if c == UInt8(ascii: "\\") {
                escaped = true
                index += 2
                continue
            }
            if c == UInt8(ascii: "\"") {
                let raw = bytes[start..<index]
                index += 1
                if !escaped { return String(decoding: raw, as: UTF8.self) }
                let quoted = "\"" + String(decoding: raw, as: UTF8.self) + "\""
                return (try? JSONDecoder().decode(String.self, from: Data(quoted.utf8)))
            }
            index += 1
        }
        return nil
    }

    private mutating func skipNested() -> Bool {
        var depth = 0
        while let c = peek {
            if c == UInt8(ascii: "\"") {
                guard readString() != nil else { return false }
                continue
            }
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") { depth -= 1 }
            index += 1
            if depth == 0 { return true }
        }
        return false
    }
}
