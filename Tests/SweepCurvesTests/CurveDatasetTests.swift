import Foundation
import Testing

@testable import SweepCurves

@Suite struct CurveDatasetTests {
    func parse(_ text: String) throws(CurveDatasetError) -> [CurveRecord] {
        try CurveDataset.parse(Data(text.utf8), source: "c.jsonl")
    }

    @Test func readsTheDesignFormatWithNullAsNaN() throws {
        let records = try parse("""
            {"id": "t1", "params": {"lr": 0.1, "opt": "adam"}, "curve": [0.1, null, 0.3], "direction": "maximize"}

            {"id": 2, "curve": [1, 2], "steps": [10, 20], "metrics": {"loss": [3, null]}, "labels": {"kind": "good"}}
            """)
        #expect(records.count == 2)
        #expect(records[0].curve[1].isNaN)
        #expect(records[0].params["opt"] == .string("adam"))
        #expect(records[1].id == "2")
        #expect(records[1].step(at: 1) == 20)
        #expect(records[1].metrics["loss"]?[1].isNaN == true)
        #expect(records[0].final == 0.3)
    }

    @Test(arguments: [
        ("{\"id\": \"a\", \"curve\": [1]}\n{\"id\": \"b\"}", 2, "missing field 'curve'"),
        ("{\"id\": \"a\", \"curve\": [1, \"x\"]}", 1, "wrong type"),
        ("not json", 1, "not valid JSON"),
        ("{\"id\": \"a\", \"curve\": [1, 2], \"steps\": [0]}", 1, "steps has 1 entries"),
        ("{\"id\": \"a\", \"curve\": [1, 2], \"steps\": [3, 3]}", 1, "steps must increase"),
        ("{\"id\": \"a\", \"curve\": [1]}\n{\"id\": \"a\", \"curve\": [1]}", 2, "appears twice"),
        ("{\"id\": \"a\", \"curve\": [1], \"direction\": \"up\"}", 1, "direction must be"),
    ])
    func malformedLinesNameTheLine(text: String, line: Int, message: String) {
        do {
            _ = try parse(text)
            Issue.record("expected an error for \(text)")
        } catch {
            guard case .malformed(let source, let l, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(source == "c.jsonl")
            #expect(l == line)
            #expect(reason.contains(message), "\(reason)")
        }
    }

    @Test func aMissingFileSaysSo() {
        #expect(throws: CurveDatasetError.unreadable(path: "/nonexistent/x.jsonl")) {
            try CurveDataset.read(path: "/nonexistent/x.jsonl")
        }
    }

    @Test func encodeThenParseRoundTrips() throws {
        let records = [
            CurveRecord(id: "a", params: ["x": .number(1.5)], curve: [1, .nan, 3], direction: "minimize"),
            CurveRecord(id: "b", curve: [0.5], steps: [4]),
        ]
        let again = try CurveDataset.parse(CurveDataset.encode(records))
        #expect(again.map(\.id) == ["a", "b"])
        #expect(again[0].curve[1].isNaN && again[0].curve[2] == 3)
        #expect(again[1].steps == [4])
    }
}
