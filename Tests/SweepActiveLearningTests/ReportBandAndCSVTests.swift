import Foundation
import Testing
@testable import SweepActiveLearning

/// The band over seeds (lowest and highest run per round) and the long CSV table of the report.
@Suite struct ReportBandAndCSVTests {
    /// Three hand-made runs of three rounds, their values known.
    static func curves() -> [LearningCurve] {
        let values: [(accuracy: [Double], loss: [Double])] = [
            ([0.5, 0.7, 0.9], [1.2, 0.8, 0.25]),
            ([0.4, 0.75, 0.8], [1.5, 0.6, 0.5]),
            ([0.6, 0.65, 0.95], [0.9, 1.1, 0.2]),
        ]
        return values.map { v in
            var c = LearningCurve()
            for i in 0..<3 { c.append(labels: 4 + 3 * i, accuracy: v.accuracy[i], loss: v.loss[i], picked: [], selectionSeconds: 0) }
            return c
        }
    }

    static func report(_ curves: [LearningCurve], strategy: String = "margin") throws -> ActiveLearningReport {
        var options = try ActiveLearningOptions(data: "moons", model: "logreg", strategy: strategy)
        (options.initial, options.batch, options.rounds, options.seeds) = (4, 3, 2, curves.count)
        return ActiveLearningExperiment.report(options: options, curves: curves, seconds: 0, loadSeconds: 0)
    }

    @Test func theBandIsTheLowestAndHighestRunEachRound() throws {
        let r = try Self.report(Self.curves())
        #expect(r.accuracy == [0.5, 0.7, 0.9] && r.loss == [1.2, 0.8, 0.25])
        #expect(r.accuracyLow == [0.4, 0.65, 0.8] && r.accuracyHigh == [0.6, 0.75, 0.95])
        #expect(r.lossLow == [0.9, 0.6, 0.2] && r.lossHigh == [1.5, 1.1, 0.5])
        for i in 0..<3 {
            #expect(r.accuracyLow[i] <= r.accuracy[i] && r.accuracy[i] <= r.accuracyHigh[i])
            #expect(r.lossLow[i] <= r.loss[i] && r.loss[i] <= r.lossHigh[i])
        }
    }

    @Test func oneRunGivesAZeroWidthBand() throws {
        let r = try Self.report([Self.curves()[1]])
        #expect(r.accuracyLow == r.accuracy && r.accuracyHigh == r.accuracy && r.accuracy == [0.4, 0.75, 0.8])
        #expect(r.lossLow == r.loss && r.lossHigh == r.loss)
        #expect(ActiveLearningReport.band([]).low.isNaN)
    }

    /// A real run: every run's value lies in the band and the median too.
    @Test func aRealRunsBandContainsEveryRunAndTheMedian() throws {
        let r = try ActiveLearningExperiment(options: try SessionTests.options("margin"), threads: 1).run()
        for i in r.labels.indices {
            let values = r.runs.map { $0.accuracy[i] }
            #expect(r.accuracyLow[i] == values.min() && r.accuracyHigh[i] == values.max())
            #expect(r.accuracyLow[i] <= r.accuracy[i] && r.accuracy[i] <= r.accuracyHigh[i])
            #expect(r.lossLow[i] <= r.loss[i] && r.loss[i] <= r.lossHigh[i])
        }
    }

    @Test func theJSONHoldsTheBandsBesideTheMedians() throws {
        let data = try JSONEncoder().encode(try Self.report(Self.curves()))
        let o = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(o["accuracy_low"] as? [Double] == [0.4, 0.65, 0.8] && o["accuracy_high"] as? [Double] == [0.6, 0.75, 0.95])
        #expect(o["loss_low"] as? [Double] == [0.9, 0.6, 0.2] && o["loss_high"] as? [Double] == [1.5, 1.1, 0.5])
        #expect(o["accuracy"] as? [Double] == [0.5, 0.7, 0.9] && o["loss"] as? [Double] == [1.2, 0.8, 0.25])
    }

    /// One row per run per round, the header exact, every number read back to the same bits; a
    /// strategy spec with commas is quoted.
    @Test func theCSVParsesBack() throws {
        var curves = Self.curves()
        curves[2].accuracy[1] = 1.0 / 3
        curves[2].loss[2] = 0.1 + 0.2
        let report = try Self.report(curves, strategy: "oracle:candidates=5,validation=30")
        let lines = report.csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "strategy,run,round,labels,accuracy,loss")
        #expect(lines.last == "", "the table ends in a newline")
        let rows = lines.dropFirst().dropLast()
        #expect(rows.count == 3 * 3)
        let prefix = "\"oracle:candidates=5,validation=30\","
        for (k, row) in rows.enumerated() {
            #expect(row.hasPrefix(prefix), "\(row)")
            let f = row.dropFirst(prefix.count).split(separator: ",").map(String.init)
            let (run, round) = (k / 3, k % 3)
            #expect(f.count == 5 && f[0] == String(run) && f[1] == String(round) && f[2] == String(4 + 3 * round))
            #expect(Double(f[3]) == curves[run].accuracy[round] && Double(f[4]) == curves[run].loss[round], "\(row)")
        }
    }

    @Test func aNonFiniteValueIsAnEmptyField() throws {
        var curves = Self.curves()
        curves[0].loss[0] = .infinity
        let rows = try Self.report(curves).csv.split(separator: "\n").map(String.init)
        #expect(rows[1] == "margin,0,0,4,0.5,")
    }
}
