import Foundation
import Testing

@testable import SweepCore

/// `JSONValue(parsing:)` reads what `JSONDecoder` reads, exactly, and refuses what is not JSON with
/// the byte offset of the fault.
@Suite struct JSONValueParsingTests {
    static let valid = [
        #"{}"#, #"[]"#, #"  {"a" : [1, 2.5, -3e2, 0, -0, 1E+2, 4.9e-324], "b": {"c": null}}  "#,
        #"{"t": true, "f": false, "s": "x\"y\\z\/\b\f\n\r\t"}"#,
        #"["\u00e9\u4e2d\ud83d\ude00", "é中😀", ""]"#,
        #"[123456789012345, 1234567890123456789, -9007199254740993, 0.1, 1.7976931348623157e308]"#,
        #""just a string""#, "42", "null", "[[[[[]]]]]",
    ]

    @Test(arguments: valid)
    func readsWhatJSONDecoderReads(_ text: String) throws {
        let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let parsed = try JSONValue(parsing: text)
        #expect(parsed == expected)
    }

    @Test func theFirstOfDuplicateKeysCounts() throws {
        let text = #"{"a": 1, "a": 2}"#
        #expect(try JSONValue(parsing: text) == .object(["a": .number(1)]))
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == .object(["a": .number(1)]))
    }

    @Test func negativeZeroKeepsItsSign() throws {
        guard case .number(let z) = try JSONValue(parsing: "-0") else { Issue.record("not a number"); return }
        #expect(z == 0 && z.sign == .minus)
    }

    @Test func roundTripsWhatJSONEncoderWrites() throws {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<300 {
            let value = Self.randomValue(&rng, depth: 0)
            let text = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
            #expect(try JSONValue(parsing: text) == value, "\(text)")
        }
    }

    static let invalid: [(text: String, offset: Int)] = [
        ("", 0), ("   ", 3), (#"{"a":1,}"#, 7), ("[1 2]", 3), (#""abc"#, 4), ("01", 1), ("1.", 2), ("-", 1),
        ("1e", 2), (#""\x""#, 2), (#""\ud800""#, 7), (#""\udc00""#, 7), ("tru", 0), ("{} x", 3), (#"{"a" 1}"#, 5),
        ("{1: 2}", 1), ("[1,]", 3), ("1e400", 0), ("[-1e400]", 1), ("\"a\u{01}b\"", 2), ("nul", 0), ("+1", 0), (".5", 0), ("[", 1), (#"{"a":"#, 5),
    ]

    @Test(arguments: invalid)
    func refusesWhatIsNotJSON(_ text: String, _ offset: Int) {
        #expect {
            _ = try JSONValue(parsing: text)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.offset == offset && error.description.contains("byte \(offset)")
        }
        // Foundation's decoder also accepts trailing commas; RFC 8259 does not.
        if !text.contains(",]") && !text.contains(",}") {
            #expect((try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) == nil, "JSONDecoder agrees")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: deep) }
        let fine = String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        #expect(throws: Never.self) { try JSONValue(parsing: fine) }
    }

    @Test func lenientParsingFallsBackToAString() {
        #expect(JSONValue(parsingLenient: "[1, true]") == .array([.number(1), .bool(true)]))
        #expect(JSONValue(parsingLenient: "adam") == .string("adam"))
        #expect(JSONValue(parsingLenient: "0.5") == .number(0.5))
    }

    static func randomValue(_ rng: inout SplitMix64, depth: Int) -> JSONValue {
        let kind = depth > 3 ? rng.next() % 4 : rng.next() % 6
        switch kind {
        case 0: return .null
        case 1: return .bool(rng.next() % 2 == 0)
        case 2:
            let pick = rng.next() % 3
            let bits = Double(bitPattern: rng.next())
            return .number(pick == 0 ? Double(Int64(bitPattern: rng.next()) >> 20) : pick == 1 && bits.isFinite ? bits : 0.25)
        case 3:
            let alphabet = Array("aé\"\\\n\t/ 中😀\u{01}x")
            return .string(String((0..<(rng.next() % 8)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }))
        case 4: return .array((0..<(rng.next() % 4)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            var o: [String: JSONValue] = [:]
            for k in 0..<(rng.next() % 4) { o["k\(k)"] = randomValue(&rng, depth: depth + 1) }
            return .object(o)
        }
    }
}
