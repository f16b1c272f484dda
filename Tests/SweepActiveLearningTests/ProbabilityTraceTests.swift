import SweepML
import Testing
@testable import SweepActiveLearning

/// `--trace`: the class probabilities of a few test points after every round.
@Suite struct ProbabilityTraceTests {
    static func options(trace: Int, strategy: String = "random", model: String = "logreg:C=100", seeds: Int = 2) throws -> ActiveLearningOptions {
        // Three tight blobs: linearly separable, so (with little L2 penalty) every point is
        // learned. Random picks: margin sampling from initial labels that miss a class may never
        // label it, and that class's points then stay near 0 (what a trace is there to show).
        var o = try ActiveLearningOptions(data: "blobs:n=240,classes=3,spread=0.2", model: model, strategy: strategy)
        (o.initial, o.batch, o.rounds, o.seeds, o.seed, o.trace) = (6, 6, 6, seeds, 7, trace)
        return o
    }

    /// On a separable pool each traced point's true-class probability ends higher than it
    /// started and near 1, and every round's probabilities sum to 1.
    @Test func trueClassProbabilityRisesTowardsOne() throws {
        let report = try ActiveLearningExperiment(options: try Self.options(trace: 6)).run()
        #expect(report.traces.count == 12, "6 points in each of 2 runs")
        #expect(report.traces.map(\.run) == [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1])
        for t in report.traces {
            #expect(t.probabilities.count == 7, "the initial fit and 6 rounds")
            for p in t.probabilities {
                #expect(p.count == 3 && abs(p.reduce(0, +) - 1) < 1e-9 && p.allSatisfy { $0 >= 0 })
            }
            let p = t.trueClass
            #expect((p.last ?? 0) > (p.first ?? 1), "row \(t.row): \(p)")
            #expect((p.last ?? 0) > 0.9, "row \(t.row): \(p)")
        }
    }

    /// The traced rows are test rows, distinct, taking the classes in turn; the same for any
    /// strategy and model; tracing changes no pick and no score.
    @Test func tracedRowsAreStratifiedTestRowsAndChangeNothing() throws {
        let traced = try ActiveLearningExperiment(options: try Self.options(trace: 5)).run()
        let plain = try ActiveLearningExperiment(options: try Self.options(trace: 0)).run()
        #expect(plain.traces.isEmpty)
        #expect(traced.runs.map(\.picked) == plain.runs.map(\.picked) && traced.accuracy == plain.accuracy && traced.loss == plain.loss)
        let first = traced.traces.filter { $0.run == 0 }
        #expect(first.map(\.label) == [0, 1, 2, 0, 1])
        #expect(Set(first.map(\.row)).count == 5 && Set(first.map(\.row)).isSubset(of: traced.runs[0].test))
        #expect(first.allSatisfy { !$0.className.isEmpty })
        let other = try ActiveLearningExperiment(options: try Self.options(trace: 5, strategy: "margin", model: "mlp:hidden=4")).run()
        #expect(other.traces.map(\.row) == traced.traces.map(\.row))
        #expect(traced.traces.filter { $0.run == 1 }.map(\.row) != first.map(\.row), "each run traces rows of its own test set")
    }

    /// When a class has run out of test rows the others go on in turn.
    @Test func aShortClassIsSkipped() throws {
        let labels = [0, 0, 0, 0, 1, 2, 2]
        let rows = try ProbabilityTrace.rows(count: 6, test: Array(0..<7), labels: labels, classCount: 3, seed: 1, run: 0)
        #expect(rows.map { labels[$0] } == [0, 1, 2, 0, 2, 0])
        #expect(Set(rows).count == 6)
    }

    /// The same seed gives the same traces, to the bit, at any thread count.
    @Test func sameSeedSameTracesAtAnyThreadCount() throws {
        let options = try Self.options(trace: 4, seeds: 4)
        let one = try ActiveLearningExperiment(options: options, threads: 1).run()
        let three = try ActiveLearningExperiment(options: options, threads: 3).run()
        #expect(one.traces == three.traces && one.traces.count == 16)
    }

    @Test func badTraceCountsAreRefused() throws {
        #expect(throws: ActiveLearningError.invalidOptions("trace must be at least 0 (test points to trace), got -1")) {
            try ActiveLearningExperiment(options: try Self.options(trace: -1))
        }
        #expect(throws: ActiveLearningError.invalidOptions("trace 82 is more than the 81 test points; trace fewer points or use a larger test fraction")) {
            try ActiveLearningExperiment(options: try Self.options(trace: 82)).run()
        }
    }
}
