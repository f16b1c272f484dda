import Testing

@testable import SweepInterop

/// Python-flavoured JSON: ints apart from floats, NaN and infinities, escapes, and damaged text
/// refused with an offset, never a trap.
@Suite struct PythonJSONTests {
    @Test(arguments: [
        ("1", PythonJSON.int(1)), ("1.0", .float(1)), ("-2e3", .float(-2000)), ("NaN", .float(.nan)),
        ("Infinity", .float(.infinity)), ("-Infinity", .float(-.infinity)), ("null", .null), ("true", .bool(true)),
        ("\"a\\u00e9\\ud83d\\ude00\\n\"", .string("aé😀\n")), ("99999999999999999999", .float(1e20)),
    ])
    func readsWhatPythonWrites(text: String, expected: PythonJSON) throws {
        let parsed = try PythonJSON(parsing: text)
        if case .float(let d) = expected, d.isNaN {
            // NaN is not equal to itself; the case and the NaN are what matter.
            guard case .float(let got) = parsed else { Issue.record("\(parsed)"); return }
            #expect(got.isNaN)
        } else {
            #expect(parsed == expected)
        }
    }

    @Test func writesWhatPythonReads() {
        let value = PythonJSON.object([
            "b": .array([.int(1), .float(1), .float(.nan), .float(-.infinity), .null]), "a": .string("é\"\\\n"),
        ])
        // Keys sorted, Python's separators, non-ASCII escaped, floats with a point.
        #expect(value.text == #"{"a": "\u00e9\"\\\n", "b": [1, 1.0, NaN, -Infinity, null]}"#)
        #expect((try? PythonJSON(parsing: value.text))?.text == value.text)
    }

    @Test(arguments: ["", "{", "[1,", "{\"a\" 1}", "\"abc", "01x", "-", "1.", "1e", "\"\\x\"", "\"\\u12\"", "tru", "[1] 2"])
    func damagedTextIsRefusedWithAnOffset(text: String) {
        #expect(throws: PythonJSONError.self) { try PythonJSON(parsing: text) }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: PythonJSONError.self) { try PythonJSON(parsing: text) }
    }
}
