import Foundation
import Testing
@testable import SweepCurves

@Suite struct JSONLineWriterTests {
    private func text(_ d: Double, digits: Int?) -> String {
        var w = JSONLineWriter(significantDigits: digits)
        w.number(d)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    @Test(arguments: [
        (0.123456789, "0.123457"), (9.9999996, "10"), (-0.5, "-0.5"), (0.0001, "0.0001"), (0, "0"),
        (1234.56789, "1234.57"), (123456789, "123456789"), (0.000123456789, "0.000123457"), (1, "1"),
        (0.99999999, "1"), (2.5e-7, "2.5e-07"),
    ])
    func roundsToSignificantDigits(value: Double, expected: String) {
        #expect(text(value, digits: 6) == expected)
    }

    @Test func exactNumbersRoundTrip() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<1_000 {
            let d = Double.random(in: -1e6...1e6, using: &rng) * pow(10, Double(Int.random(in: -12...12, using: &rng)))
            let written = text(d, digits: nil)
            #expect(Double(written) == d, "\(d) written as \(written)")
        }
        #expect(text(.nan, digits: 6) == "null" && text(.infinity, digits: nil) == "null")
    }

    @Test func roundedNumbersStayWithinHalfAUnitOfTheLastDigit() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<1_000 {
            let d = Double.random(in: 1e-5...1e5, using: &rng)
            let back = Double(text(d, digits: 6))!
            #expect(abs(back - d) <= abs(d) * 5e-6 + 1e-15, "\(d) → \(back)")
        }
    }

    @Test func stringsAreEscaped() throws {
        var w = JSONLineWriter()
        w.object(["a\"b": .string("line\nbreak\\ \u{1}"), "n": .array([.number(1.5), .null, .bool(true)])])
        let parsed = try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any]
        #expect(parsed?["a\"b"] as? String == "line\nbreak\\ \u{1}")
        #expect((parsed?["n"] as? [Any])?.count == 3)
    }

    @Test func aDatasetRoundTripsThroughTheFastEncoder() throws {
        let records = [
            CurveRecord(
                id: "t\"1", params: ["lr": .number(0.01), "opt": .string("adam")], curve: [0.1, .nan, 0.3333333333],
                steps: [0, 5, 10], direction: "maximize", metrics: ["loss": [2, 1.5, .nan]], labels: ["seed": .number(3)]),
            CurveRecord(id: "t2", curve: [1, 2]),
        ]
        let exact = try CurveDataset.parse(CurveDataset.encode(records))
        #expect(exact.count == 2)
        #expect(exact[0].id == "t\"1" && exact[0].steps == [0, 5, 10] && exact[0].curve[2] == 0.3333333333)
        #expect(exact[0].curve[1].isNaN && exact[0].metrics["loss"]?[2].isNaN == true)
        #expect(exact[0].params == records[0].params && exact[0].labels == records[0].labels)
        let rounded = try CurveDataset.parse(CurveDataset.encode(records, significantDigits: 4))
        #expect(rounded[0].curve[2] == 0.3333)
    }
}
