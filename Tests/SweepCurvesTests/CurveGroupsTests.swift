import Foundation
import SweepCurves
import Testing

/// Lines of one `"group"` are seed repetitions: merged into one trial of their mean curve.
@Suite struct CurveGroupsTests {
    @Test func aGroupBecomesOneTrialAtItsFirstPlace() {
        let records = [
            CurveRecord(id: "a0", params: ["lr": .number(0.1)], curve: [1, 2, 3], group: "a"),
            CurveRecord(id: "solo", curve: [5, 5]),
            CurveRecord(id: "a1", params: ["lr": .number(0.1)], curve: [3, .nan, 5], group: "a"),
            CurveRecord(id: "a2", curve: [2, 2], group: "a"),
        ]
        let merged = CurveGroups.merge(records)
        #expect(merged.map(\.id) == ["a", "solo"])
        #expect(merged[0].curve == [2, 2, 4], "step 1 leaves NaN out; step 2 has two lines")
        #expect(merged[0].runs == 3 && merged[1].runs == 1)
        #expect(merged[0].params == ["lr": .number(0.1)] && merged[0].steps == nil)
        #expect(CurveGroups.merge([records[1]]) == [records[1]], "no group: unchanged")
    }

    @Test func stepsAndHugeValues() {
        let merged = CurveGroups.merge([
            CurveRecord(id: "x", curve: [1e308, 1e308], steps: [10, 20], group: "g"),
            CurveRecord(id: "y", curve: [1e308, .nan], steps: [10, 30], group: "g"),
        ])
        #expect(merged.count == 1 && merged[0].steps == [10, 20, 30])
        #expect(merged[0].curve[0] == 1e308 && merged[0].curve[1] == 1e308 && merged[0].curve[2].isNaN)
    }

    /// A group swinging between ±1e308 has a finite standard error (squaring the deviations
    /// overflowed to infinity, and the judges then ignored it).
    @Test func aSwingBetweenHugeValuesHasAFiniteStandardError() throws {
        let merged = CurveGroups.merge([
            CurveRecord(id: "x", curve: [1e308, 1], group: "g"),
            CurveRecord(id: "y", curve: [-1e308, 3], group: "g"),
        ])
        let errors = try #require(merged.first?.standardErrors)
        #expect(errors[0].isFinite && errors[0] > 9e307, "\(errors)")
        #expect(errors[1] == 1, "the standard error of 1 and 3")
    }

    @Test func theGroupIsReadAndWritten() throws {
        let text = #"{"id": "r0", "curve": [1, 2], "group": "cfg-7"}"# + "\n" + #"{"id": "r1", "curve": [3], "group": 7}"# + "\n"
        let records = try CurveDataset.parse(Data(text.utf8), source: "g.jsonl")
        #expect(records.map(\.group) == ["cfg-7", "7"])
        let again = try CurveDataset.parse(CurveDataset.encode(records), source: "again.jsonl")
        #expect(again == records)
        #expect(String(decoding: CurveDataset.encode([records[0]]), as: UTF8.self).contains(#""group":"cfg-7","id":"r0""#))
        #expect(throws: CurveDatasetError.self) {
            try CurveDataset.parse(Data(#"{"id": "r", "curve": [1], "group": [1]}"#.utf8), source: "bad.jsonl")
        }
    }
}
