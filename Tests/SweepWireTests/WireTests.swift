import Foundation
import SweepCore
import SweepWire
import Testing

/// One rule for every JSON output: ISO 8601 times, seeds as strings, NaN and infinities as null.
@Suite struct WireTests {
    struct Sample: Encodable {
        var started = Date(timeIntervalSince1970: 1_764_662_223.125)
        var seed: UInt64 = 18_446_744_073_709_551_615
        var values = [1.5, .nan, .infinity, -.infinity]
        var missing: Double? = nil
        var attrs: [String: JSONValue] = ["x": .number(.nan), "y": .string("a/b")]
    }

    @Test func timesSeedsAndNonFiniteNumbersFollowOneRule() throws {
        #expect(
            try Wire.text(Sample())
                == #"{"attrs":{"x":null,"y":"a/b"},"seed":"18446744073709551615","started":"2025-12-02T07:57:03.125Z","values":[1.5,null,null,null]}"#)
    }

    /// Fixed-width integers (storage ids are `Int64`) are numbers; one used to recurse until the
    /// stack overflowed, taking `sweep serve` down.
    @Test func everyIntegerTypeIsANumber() throws {
        struct Integers: Encodable {
            var id: Int64 = -9_007_199_254_740_991
            var small: Int8 = -3
            var count: UInt32 = 4_000_000_000
            var step: Int16 = 12
        }
        #expect(try Wire.text(Integers()) == #"{"count":4000000000,"id":-9007199254740991,"small":-3,"step":12}"#)
    }
}
