import Foundation
import SweepCurves
import Testing

@Suite struct CurveRenderingTests {
    static let records = [
        CurveRecord(id: "a", params: ["lr": .number(0.1)], curve: Curves.logistic(count: 100, midpoint: 30, width: 5), steps: (0..<100).map { $0 * 2 }),
        CurveRecord(id: "b", curve: Curves.logistic(count: 100, midpoint: 60, width: 5, high: 0.5), steps: (0..<100).map { $0 * 2 }),
        CurveRecord(id: "c", curve: [Double](repeating: 0.2, count: 50) + [.nan]),
    ]

    @Test func markdownHasHeadingSparklineTableAndMeasures() {
        let text = CurveRendering.describe([Self.records[0]], rows: 5, format: .markdown)
        #expect(text.contains("### a (maximize)"))
        #expect(text.contains("params: lr=0.1"))
        #expect(text.contains("sparkline: `") && text.contains("(steps 0–198)"))
        #expect(text.contains("| step | value | smoothed | best so far |"))
        // Five rows at evenly spaced real steps.
        #expect(text.contains("| 0 | ") && text.contains("| 198 | "))
        #expect(text.contains("| onset step |"))
    }

    @Test func measuresCanBeLeftOut() {
        #expect(!CurveRendering.describe(Self.records, measures: false, format: .markdown).contains("| measure |"))
    }

    @Test func csvParsesBackIntoRowsAndMeasures() throws {
        let text = CurveRendering.describe(Self.records, rows: 4, format: .csv)
        let tables = text.components(separatedBy: "\n\n")
        #expect(tables.count == 2)
        let rows = tables[0].split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0] == ["id", "step", "value", "smoothed", "best_so_far"])
        // Four rows per curve, all five fields each; the last value of c is NaN, an empty field.
        #expect(rows.count == 1 + 12 && rows.allSatisfy { $0.count == 5 })
        #expect(rows[12][0] == "c" && rows[12][1] == "50" && rows[12][2] == "")
        let measures = tables[1].split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(measures.count == 4 && measures.allSatisfy { $0.count == measures[0].count })
        let finalColumn = try #require(measures[0].firstIndex(of: "final"))
        #expect(Double(measures[2][finalColumn]).map { abs($0 - 0.5) < 0.01 } == true)
    }

    @Test func jsonDecodesBack() throws {
        struct List: Decodable { var curves: [CurveDescription] }
        let text = CurveRendering.describe(Self.records, rows: 3, format: .json)
        let list = try JSONDecoder().decode(List.self, from: Data(text.utf8))
        #expect(list.curves.map(\.id) == ["a", "b", "c"])
        #expect(list.curves[0].rows.map(\.step) == [0, 100, 198])
        #expect(list.curves[2].rows.last?.value == nil)
        #expect(list.curves[0].measures?.onsetStep == CurveMeasures(Self.records[0]).onsetStep)
    }

    @Test func besideBestAlignsPeersAtTheSameSteps() {
        let running = CurveRecord(id: "run", curve: Array(Curves.logistic(count: 100, midpoint: 30, width: 5).prefix(40)), steps: (0..<40).map { $0 * 2 })
        let c = CurveBesideBest(running, peers: Self.records + [running], k: 2, rows: 5)
        // The curve first, then the two best by final; the curve itself is not its own peer.
        #expect(c.columns.map(\.id) == ["run", "a", "b"])
        #expect(c.rows.map(\.step) == [0, 20, 40, 58, 78])
        #expect(c.rows[2].values[1] == NumberTextProbe.rounded(Self.records[0].curve[20]))
    }

    @Test func besideBestFormats() throws {
        let md = CurveRendering.besideBest(Self.records[2], peers: Self.records, k: 1, rows: 3, format: .markdown)
        #expect(md.contains("| step | c | a |"))
        let csv = CurveRendering.besideBest(Self.records[2], peers: Self.records, k: 1, rows: 3, format: .csv)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "step,c,a" && lines.count == 4)
        let json = CurveRendering.besideBest(Self.records[2], peers: Self.records, k: 1, rows: 3, format: .json)
        let decoded = try JSONDecoder().decode(CurveBesideBest.self, from: Data(json.utf8))
        #expect(decoded.by == .final && decoded.columns.count == 2)
    }

    @Test func rankingFormats() throws {
        let ranked = CurveRanking.rank(Self.records, by: .auc)
        #expect(CurveRendering.ranking(ranked, by: .auc, format: .csv).hasPrefix("rank,id,auc\n1,a,"))
        #expect(CurveRendering.ranking(ranked, by: .auc, format: .markdown).contains("| 1 | a |"))
        let json = try JSONSerialization.jsonObject(with: Data(CurveRendering.ranking(ranked, by: .auc, format: .json).utf8))
        #expect((json as? [String: Any])?["by"] as? String == "auc")
    }

    /// `sweep curves describe` on this record trapped in the sparkline.
    @Test(arguments: CurveRendering.Format.allCases)
    func extremeFiniteValuesRenderInEveryFormat(format: CurveRendering.Format) throws {
        let record = CurveRecord(id: "a", curve: [1e308, -1e308, 1e308])
        let text = CurveRendering.describe([record], format: format)
        #expect(text.contains("1e+308"))
        if format == .json {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            #expect((object?["curves"] as? [Any])?.count == 1)
        }
    }
}

/// Rounds like renderings do (6 significant digits).
enum NumberTextProbe {
    static func rounded(_ x: Double) -> Double? { Double(String(format: "%.6g", x)) }
}
