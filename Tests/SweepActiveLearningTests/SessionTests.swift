import SweepML
import Testing
@testable import SweepActiveLearning

@Suite struct SessionTests {
    static func options(_ strategy: String, data: String = "blobs:n=240,classes=3,spread=1", seeds: Int = 3) throws -> ActiveLearningOptions {
        var o = try ActiveLearningOptions(data: data, model: "logreg", strategy: strategy)
        o.initial = 6
        o.batch = 5
        o.rounds = 6
        o.seeds = seeds
        o.seed = 11
        return o
    }

    /// The same seed gives the same report at any thread count.
    @Test(arguments: ["random", "margin", "badge"])
    func sameSeedSameRunAtAnyThreadCount(strategy: String) throws {
        let one = try ActiveLearningExperiment(options: try Self.options(strategy), threads: 1).run()
        let three = try ActiveLearningExperiment(options: try Self.options(strategy), threads: 3).run()
        // Everything but the timings is the same.
        #expect(one.runs.map(\.picked) == three.runs.map(\.picked))
        #expect(one.runs.map(\.accuracy) == three.runs.map(\.accuracy) && one.runs.map(\.loss) == three.runs.map(\.loss))
        #expect(one.accuracy == three.accuracy && one.loss == three.loss)
    }

    /// The curve has a point after the initial fit and after every round; labels grow by the
    /// batch; the test rows are never picked; runs differ by their stream.
    @Test func curveShapesAndPicks() throws {
        let report = try ActiveLearningExperiment(options: try Self.options("entropy")).run()
        #expect(report.labels == [6, 11, 16, 21, 26, 31, 36])
        #expect(report.accuracy.count == 7 && report.loss.count == 7 && report.runs.count == 3)
        #expect(report.runs[0].picked[0].isEmpty && report.runs[0].picked.dropFirst().allSatisfy { $0.count == 5 })
        #expect(report.runs[0].picked != report.runs[1].picked)
        let data = try DataSource(parsing: "blobs:n=240,classes=3,spread=1").load(seed: 11)
        var rng = RandomGenerator(seed: 11, stream: 0)
        let split = try PoolSplit(labels: data.labels, classCount: 3, testFraction: 1.0 / 3, initial: 6, using: &rng)
        #expect(Set(report.runs[0].picked.joined()).isDisjoint(with: split.test))
        #expect(report.accuracy.last ?? 0 > 0.8)  // well-separated blobs
    }

    /// The oracle, which looks at labels, learns overlapping blobs faster than random: its
    /// accuracy summed over the rounds of six runs is higher (measured: 26.9 against 22.4).
    @Test func oracleBeatsRandom() throws {
        var o = try Self.options("oracle:candidates=20,validation=200", data: "blobs:n=600,classes=4,spread=1.5", seeds: 6)
        o.seed = 0
        o.initial = 4
        o.batch = 2
        let oracle = try ActiveLearningExperiment(options: o).run()
        o.strategy = try StrategySpec(parsing: "random")
        let random = try ActiveLearningExperiment(options: o).run()
        let total = { (r: ActiveLearningReport) in r.runs.map { $0.accuracy.reduce(0, +) }.reduce(0, +) }
        #expect(total(oracle) > total(random) + 2, "oracle \(oracle.accuracy) random \(random.accuracy)")
        #expect(oracle.selectionSecondsPerRound > random.selectionSecondsPerRound)  // 40 refits a round
    }

    @Test func batchLargerThanThePoolAndTooManyRoundsAreErrors() throws {
        var o = try Self.options("random", data: "blobs:n=30")
        o.batch = 50
        #expect(throws: ActiveLearningError.invalidOptions("batch 50 is larger than the 15 unlabelled points of the pool; use a smaller batch")) {
            try ActiveLearningExperiment(options: o).run()
        }
        o.batch = 5
        o.rounds = 4
        #expect(throws: ActiveLearningError.invalidOptions("initial 6 + rounds 4 × batch 5 = 26 labels, but the pool has 21 points; use fewer rounds or a smaller batch")) {
            try ActiveLearningExperiment(options: o).run()
        }
        o.initial = 25
        #expect(throws: ActiveLearningError.self) { try ActiveLearningExperiment(options: o).run() }
    }
}
