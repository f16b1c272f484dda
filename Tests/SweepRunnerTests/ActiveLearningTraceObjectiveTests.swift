import SweepActiveLearning
import SweepCore
import Testing
@testable import SweepRunner

/// The `trace` option of the `active_learning` objective: `p_true_<k>` beside accuracy and loss.
@Suite struct ActiveLearningTraceObjectiveTests {
    static let study = ActiveLearningObjectiveTests.study.replacingOccurrences(of: "runs = 2", with: "runs = 2\ntrace = 3")

    /// Every round reports `p_true_0` ... `p_true_2`: the median over the runs of the true-class
    /// probability of each run's k-th traced point, as the lab computes it directly.
    @Test func reportsTheMedianTrueClassProbabilityOfEachTracedPoint() async throws {
        let objective = try Objectives.make(try StudyFile.parse(Self.study, source: "al.toml"), baseDirectory: "/tmp", logDirectory: nil)
        let (_, seen) = try await ActiveLearningObjectiveTests().run(objective, params: ["C": .double(2)])
        #expect(seen.count == 5)
        #expect(seen.allSatisfy { Set($0.metrics.keys) == ActiveLearningBandObjectiveTests.bandNames.union(["accuracy", "loss", "p_true_0", "p_true_1", "p_true_2"]) })
        var options = try ActiveLearningOptions(data: "blobs:n=300,classes=3,spread=1", model: "logreg:C=2", strategy: "margin")
        (options.initial, options.batch, options.rounds, options.seeds, options.seed, options.trace) = (6, 5, 4, 2, 5, 3)
        let direct = try ActiveLearningExperiment(options: options, threads: 1).run()
        for k in 0..<3 {
            let expected = direct.traces.filter { $0.run == 0 }[k].trueClass.indices.map { round in
                ActiveLearningReport.median(direct.traces.enumerated().filter { $0.offset % 3 == k }.map { $0.element.trueClass[round] })
            }
            #expect(seen.map { $0.metrics["p_true_\(k)"] ?? -1 } == expected)
        }
    }

    @Test(arguments: ["trace = -1", "trace = \"two\""])
    func aBadTraceIsRefused(line: String) {
        #expect(throws: SweepError.invalidArgument("objective.options.trace must be an integer >= 0 (test points to trace), got '\(line.dropFirst(8).replacingOccurrences(of: "\"", with: ""))'")) {
            try Objectives.make(try StudyFile.parse(Self.study.replacingOccurrences(of: "trace = 3", with: line), source: "al.toml"), baseDirectory: "/tmp", logDirectory: nil)
        }
    }
}
