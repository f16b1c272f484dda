import SweepActiveLearning
import SweepCore
import Testing
@testable import SweepRunner

/// The band over a trial's runs as metrics of the `active_learning` objective.
@Suite struct ActiveLearningBandObjectiveTests {
    static let bandNames: Set<String> = ["accuracy_low", "accuracy_high", "loss_low", "loss_high"]

    /// With 2 runs every round reports the band, equal to the lab's own report of the same runs;
    /// the trial's value stays the median accuracy.
    @Test func twoRunsReportTheBandOfTheLab() async throws {
        let tests = ActiveLearningObjectiveTests()
        let (outcome, seen) = try await tests.run(try tests.objective(), params: ["C": .double(2)])
        #expect(seen.count == 5)
        #expect(seen.allSatisfy { Set($0.metrics.keys) == Self.bandNames.union(["accuracy", "loss"]) })
        var options = try ActiveLearningOptions(data: "blobs:n=300,classes=3,spread=1", model: "logreg:C=2", strategy: "margin")
        (options.initial, options.batch, options.rounds, options.seeds, options.seed) = (6, 5, 4, 2, 5)
        let direct = try ActiveLearningExperiment(options: options, threads: 1).run()
        #expect(seen.map { $0.metrics["accuracy_low"] ?? -1 } == direct.accuracyLow)
        #expect(seen.map { $0.metrics["accuracy_high"] ?? -1 } == direct.accuracyHigh)
        #expect(seen.map { $0.metrics["loss_low"] ?? -1 } == direct.lossLow)
        #expect(seen.map { $0.metrics["loss_high"] ?? -1 } == direct.lossHigh)
        #expect(direct.runs[0].accuracy != direct.runs[1].accuracy, "two different runs, so the band has width")
        #expect(outcome == .complete(direct.accuracy.last))
    }

    /// One run has no spread to show: only the medians (here the run's own values).
    @Test func oneRunReportsNoBand() async throws {
        let tests = ActiveLearningObjectiveTests()
        let objective = try tests.objective(ActiveLearningObjectiveTests.study.replacingOccurrences(of: "runs = 2", with: "runs = 1"))
        let (_, seen) = try await tests.run(objective, params: ["C": .double(2)])
        #expect(seen.count == 5 && seen.allSatisfy { Set($0.metrics.keys) == ["accuracy", "loss"] })
    }
}
