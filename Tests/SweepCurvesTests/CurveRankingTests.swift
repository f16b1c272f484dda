import SweepCurves
import Testing

@Suite struct CurveRankingTests {
    static let records = [
        CurveRecord(id: "slow", curve: Curves.logistic(count: 200, midpoint: 150, width: 10, high: 0.9)),
        CurveRecord(id: "fast", curve: Curves.logistic(count: 200, midpoint: 40, width: 5, high: 0.8)),
        CurveRecord(id: "flat", curve: [Double](repeating: 0.1, count: 200)),
    ]

    @Test(arguments: [("final", ["slow", "fast", "flat"]), ("auc", ["fast", "slow", "flat"]), ("onset", ["fast", "slow", "flat"])])
    func ranksByMeasure(_ name: String, _ expected: [String]) throws {
        let measure = try #require(CurveMeasure(parsing: name))
        #expect(CurveRanking.rank(Self.records, by: measure).map(\.id) == expected)
    }

    @Test func undefinedValuesComeLast() {
        let ranked = CurveRanking.rank(Self.records, by: .onset)
        // The flat curve has no onset.
        #expect(ranked.last?.id == "flat" && ranked.last?.value == nil)
    }

    @Test func minimizeRanksLowFirst() {
        let r = [CurveRecord(id: "a", curve: [3, 2], direction: "minimize"), CurveRecord(id: "b", curve: [3, 1], direction: "minimize")]
        #expect(CurveRanking.rank(r, by: .final).map(\.id) == ["b", "a"])
    }

    @Test func tiesShareARank() {
        let ranked = CurveRanking.rank([("a", 1), ("b", 2), ("c", 2), ("d", nil)], by: .final, direction: .maximize)
        #expect(ranked.map(\.rank) == [1, 1, 3, 4])
        #expect(ranked.map(\.id) == ["b", "c", "a", "d"])
    }

    @Test(arguments: [("max", CurveMeasure.best), ("AUC", .auc), ("rate", .rate), ("stop", .stop), ("plateau", .plateau), ("min", .minimum)])
    func parsesNamesAndAliases(_ text: String, _ measure: CurveMeasure) {
        #expect(CurveMeasure(parsing: text) == measure)
    }

    @Test func rejectsUnknownNames() {
        #expect(CurveMeasure(parsing: "fastest") == nil)
    }
}
