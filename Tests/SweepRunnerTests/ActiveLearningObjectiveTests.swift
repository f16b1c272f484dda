import SweepActiveLearning
import SweepCore
import Testing
@testable import SweepRunner

/// The `active_learning` built-in objective: study-file options, trial parameters, one report a
/// round at step = labels, pruning.
@Suite struct ActiveLearningObjectiveTests {
    static let study = """
        name = "al"
        metric = "accuracy"
        [objective]
        builtin = "active_learning"
        steps = 4
        [objective.options]
        data = "blobs:n=300,classes=3,spread=1"
        strategy = "margin"
        initial = 6
        batch = 5
        runs = 2
        [params]
        C = "float:0.01:100"
        """

    func objective(_ text: String = study) throws -> any Objective {
        try Objectives.make(try StudyFile.parse(text, source: "al.toml"), baseDirectory: "/tmp", logDirectory: nil)
    }

    func run(_ objective: any Objective, params: [String: ParamValue], pruneAt: Int? = nil) async throws -> (TrialOutcome, [StepReport]) {
        var seen: [StepReport] = []
        let reporter = TrialReporter { steps in
            seen += steps
            return steps.contains { $0.step == pruneAt }
        }
        let outcome = try await objective.evaluate(TrialRequest(study: "al", number: 0, params: params, seed: 5), reporter: reporter)
        return (outcome, seen)
    }

    /// A report after the initial fit and after each round, at step = labels; the value is the
    /// last median accuracy; the same seed gives the same reports as the lab run directly.
    @Test func reportsEveryRoundAtTheLabelCount() async throws {
        let (outcome, seen) = try await run(try objective(), params: ["C": .double(2)])
        #expect(seen.map(\.step) == [6, 11, 16, 21, 26])
        #expect(seen.allSatisfy { $0.metrics["accuracy"] != nil && $0.metrics["loss"] != nil })
        #expect(outcome == .complete(seen.last?.metrics["accuracy"]))
        var options = try ActiveLearningOptions(data: "blobs:n=300,classes=3,spread=1", model: "logreg:C=2", strategy: "margin")
        (options.initial, options.batch, options.rounds, options.seeds, options.seed) = (6, 5, 4, 2, 5)
        let direct = try ActiveLearningExperiment(options: options, threads: 1).run()
        #expect(seen.map { $0.metrics["accuracy"] ?? -1 } == direct.accuracy)
        #expect(seen.map { $0.metrics["loss"] ?? -1 } == direct.loss)
    }

    @Test func aPrunedTrialStopsReporting() async throws {
        let (outcome, seen) = try await run(try objective(), params: ["C": .double(1)], pruneAt: 11)
        #expect(outcome == .pruned)
        #expect(seen.map(\.step) == [6, 11])
    }

    /// `strategy` may itself be tuned; a key of another strategy is left out, an unknown one is
    /// an error naming it.
    @Test func parametersReachTheModelAndStrategy() async throws {
        let o = try objective()
        let (outcome, _) = try await run(o, params: ["strategy": .string("density"), "beta": .double(2), "C": .double(1)])
        #expect(outcome != .pruned)
        _ = try await run(o, params: ["strategy": .string("random"), "beta": .double(2)])
        await #expect(throws: SweepError.self) { _ = try await run(o, params: ["gamma": .double(2)]) }
        let options = try ActiveLearningOptions(data: "moons", model: "logreg", strategy: "margin")
            .applying(["strategy": "density", "beta": "2", "C": "0.5", "batch": "4"])
        #expect(options.strategy.text == "density:beta=2" && options.model.text == "logreg:C=0.5" && options.batch == 4)
    }

    @Test func badOptionsAreNamed() {
        #expect(throws: SweepError.self) { try objective(Self.study.replacingOccurrences(of: "data = \"blobs:n=300,classes=3,spread=1\"", with: "")) }
        #expect(throws: SweepError.self) { try objective(Self.study.replacingOccurrences(of: "margin", with: "uncertain")) }
        #expect(throws: SweepError.self) { try objective(Self.study.replacingOccurrences(of: "batch = 5", with: "batch = 0")) }
    }
}
