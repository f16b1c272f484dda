import Foundation
import Testing

@testable import SweepCore

/// `JSONValue.jsonText` writes what `JSONEncoder` (sorted keys, unescaped slashes) writes, and what
/// it writes reads back equal, with Foundation's decoder too.
@Suite struct JSONValueWritingTests {
    static func encoderText(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static let samples: [JSONValue] = [
        .null, .bool(true), .number(3), .number(-12), .number(0.1), .number(2.5e-8), .number(1e300), .number(123456.789),
        .string("a/b \"q\" \\ é 中 😀"), .array([.number(1), .string("x"), .null, .array([])]),
        .object(["b": .number(1), "a": .object(["z": .bool(false), "y": .string("")]), "c": .array([.number(0.5)])]),
        .object(["B": .number(1), "a": .number(2), "a10": .number(3), "a9": .number(4), "e\u{301}x": .number(5), "f": .null]),
    ]

    @Test(arguments: samples)
    func writesWhatJSONEncoderWrites(_ value: JSONValue) throws {
        #expect(value.jsonText == (try Self.encoderText(value)))
    }

    @Test func roundTripsThroughBothParsers() throws {
        var rng = SplitMix64(seed: 9)
        for _ in 0..<300 {
            let value = JSONValueParsingTests.randomValue(&rng, depth: 0)
            guard let text = value.jsonText else {
                Issue.record("finite values always have a text")
                continue
            }
            #expect(try JSONValue(parsing: text) == value, "\(text)")
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == value, "\(text)")
        }
    }

    @Test func controlCharactersAreEscaped() throws {
        let value = JSONValue.string("a\u{01}\n\t\u{1F}\u{7F}b")
        let text = try #require(value.jsonText)
        #expect(text == #""a\u0001\n\t\u001f"# + "\u{7F}" + #"b""#)
        #expect(try JSONValue(parsing: text) == value)
    }

    @Test func nonFiniteNumbersHaveNoText() {
        #expect(JSONValue.number(.nan).jsonText == nil)
        #expect(JSONValue.array([.number(1), .object(["x": .number(-.infinity)])]).jsonText == nil)
        #expect(JSONValue.number(.nan).description == "null")
    }

    @Test func largeAndNegativeZeroNumbers() throws {
        #expect(JSONValue.number(9_007_199_254_740_992).jsonText == "9007199254740992")
        #expect(JSONValue.number(9_007_199_254_740_992).jsonText == (try Self.encoderText(.number(9_007_199_254_740_992))))
        #expect(JSONValue.number(9_007_199_254_740_991).jsonText == "9007199254740991")
        let negativeZero = try #require(JSONValue.number(-0.0).jsonText)
        guard case .number(let z) = try JSONValue(parsing: negativeZero) else { Issue.record("not a number"); return }
        #expect(z == 0 && z.sign == .minus)
    }
}
