import Foundation
import Testing

@testable import SweepCore
import SweepTesting

@Suite struct StudyTests {
    func space() throws -> SearchSpace {
        SearchSpace([
            .init(name: "x", distribution: .float(try FloatDistribution(low: 0, high: 2))),
            .init(name: "n", distribution: .int(try IntDistribution(low: 1, high: 5))),
        ])
    }

    @Test func askReportTellRoundTrip() async throws {
        let study = try await makeStudy(StudyConfig(name: "s", space: try space()))
        let trial = try await study.ask()
        #expect(trial.number == 0)
        #expect(trial.params == ["x": .double(1), "n": .int(3)])
        try await study.report(trial: 0, step: 0, value: 0.5)
        try await study.report(trial: 0, step: 1, metrics: ["value": 0.7, "loss": 1.2])
        #expect(try await study.shouldPrune(trial: 0).prune == false)
        let end = try await study.tell(trial: 0, state: .complete, value: 0.7)
        #expect(end.state == .complete && end.value == 0.7 && end.number == 0)
        let done = try await study.storage.trial(id: end.id)
        #expect(done.state == .complete)
        #expect(done.metrics["loss"]?.value(at: 1) == 1.2)
        #expect(try await study.bestTrial()?.number == 0)
    }

    /// A pruner that never looks at the study (`nop`, a threshold) used to make every decision read
    /// the feed, and with it every finished trial's curve.
    @Test func aPrunerThatReadsNothingLetsShouldPruneSkipTheFeed() async throws {
        struct Blind: Pruner {
            var readsStudy: Bool { false }
            func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision { .keepGoing }
        }
        let storage = RecordingStorage(base: InMemoryStorage())
        let study = try await Study.create(StudyConfig(name: "s"), storage: storage, sampler: MidpointSampler(), pruner: Blind())
        let trial = try await study.ask()
        try await study.report(trial: trial.number, step: 0, value: 1)
        let before = storage.reads.count
        _ = try await study.shouldPrune(trial: trial.number)
        #expect(!storage.reads.dropFirst(before).contains("changes"), "\(storage.reads)")
        // A pruner that reads the study brings the index up to date first.
        study.pruner = BelowPruner(threshold: 0)
        _ = try await study.shouldPrune(trial: trial.number)
        #expect(storage.reads.dropFirst(before).filter { $0 == "changes" }.count == 1)
    }

    /// A report with the objective reads the feed in the same step of the storage (one round trip
    /// on PostgreSQL), and the decision right after it does not read it again; one without a report
    /// in between does. The decision still sees a trial that finished before the report.
    @Test func aDecisionAfterAReportUsesTheChangesReadWithIt() async throws {
        let storage = RecordingStorage(base: InMemoryStorage())
        let study = try await Study.create(
            StudyConfig(name: "s"), storage: storage, sampler: MidpointSampler(), pruner: BelowPruner(threshold: 0))
        let first = try await study.ask()
        try await study.report(trial: first.number, step: 0, value: 3)
        try await study.tell(trial: first.number, state: .complete, value: 3)
        let trial = try await study.ask()
        var before = storage.reads.count
        try await study.report(trial: trial.number, step: 0, value: 1)
        #expect(storage.reads.dropFirst(before).filter { $0 == "changes" }.count == 1, "\(storage.reads)")
        #expect(study.index.completedCount == 1, "the report brought the index up to date")
        before = storage.reads.count
        _ = try await study.shouldPrune(trial: trial.number)
        #expect(!storage.reads.dropFirst(before).contains("changes"), "\(storage.reads)")
        _ = try await study.shouldPrune(trial: trial.number)
        #expect(storage.reads.dropFirst(before).filter { $0 == "changes" }.count == 1, "a second decision reads again")
        // A report of another metric alone is not followed by a decision: it reads nothing.
        before = storage.reads.count
        try await study.report(trial: trial.number, step: 1, metrics: ["loss": 2])
        #expect(!storage.reads.dropFirst(before).contains("changes"), "\(storage.reads)")
    }

    @Test func trialNumbersCountUpWithoutGaps() async throws {
        let study = try await makeStudy()
        var numbers: [Int] = []
        for _ in 0..<5 { numbers.append(try await study.ask().number) }
        #expect(numbers == [0, 1, 2, 3, 4])
    }

    @Test func reportingToAFinishedTrialIsAnError() async throws {
        let study = try await makeStudy()
        _ = try await study.ask()
        try await study.tell(trial: 0, state: .complete, value: 1)
        await #expect(throws: SweepError.trialFinished(study: "s", number: 0, state: .complete)) {
            try await study.report(trial: 0, step: 3, value: 1)
        }
        await #expect(throws: SweepError.trialFinished(study: "s", number: 0, state: .complete)) {
            try await study.tell(trial: 0, state: .complete, value: 2)
        }
    }

    @Test func unknownTrialIsAnError() async throws {
        let study = try await makeStudy()
        await #expect(throws: SweepError.unknownTrial(study: "s", number: 7)) { try await study.report(trial: 7, step: 0, value: 1) }
    }

    @Test func aNaNValueFailsTheTrial() async throws {
        let study = try await makeStudy()
        _ = try await study.ask()
        let trial = try await study.tell(trial: 0, state: .complete, value: .nan)
        #expect(trial.state == .failed)
        #expect(trial.value == nil)
    }

    @Test func aPrunedTrialTakesItsLastReportedValue() async throws {
        let study = try await makeStudy(pruner: BelowPruner(threshold: 0.5))
        _ = try await study.ask()
        try await study.report(trial: 0, step: 0, value: 0.9)
        try await study.report(trial: 0, step: 1, value: 0.2)
        let decision = try await study.shouldPrune(trial: 0)
        #expect(decision.prune)
        let end = try await study.tell(trial: 0, state: .pruned)
        #expect(end.value == 0.2 && end.state == .pruned)
        let trial = try await study.storage.trial(id: end.id)
        #expect(trial.value == 0.2)
        // What the pruner asked to keep is on the trial, and its reason is a user attribute.
        #expect(trial.systemAttributes["asked"] == .number(1))
        #expect(trial.userAttributes["prune_reason"] == .string("below 0.5"))
    }

    @Test func aPruneReasonCanBeStoredBeforeAnotherHandleTells() async throws {
        let study = try await makeStudy(pruner: BelowPruner(threshold: 0.5))
        _ = try await study.ask()
        try await study.report(trial: 0, step: 0, value: 0.1)
        let decision = try await study.shouldPrune(trial: 0)
        try await study.recordPruneReason(decision, trial: 0)
        let other = Study(record: study.record, storage: study.storage, sampler: study.sampler, pruner: study.pruner)
        try await other.tell(trial: 0, state: .pruned)
        #expect(try await study.storage.trial(study: study.record.id, number: 0).userAttributes["prune_reason"] == .string("below 0.5"))
    }

    @Test func aContinueDecisionForgetsAnEarlierPruneReason() async throws {
        let study = try await makeStudy(pruner: BelowPruner(threshold: 0.5))
        _ = try await study.ask()
        try await study.report(trial: 0, step: 0, value: 0.1)
        #expect(try await study.shouldPrune(trial: 0).prune)
        try await study.report(trial: 0, step: 1, value: 0.9)
        #expect(try await study.shouldPrune(trial: 0).prune == false)
        let end = try await study.tell(trial: 0, state: .pruned)
        #expect(try await study.storage.trial(id: end.id).userAttributes["prune_reason"] == nil)
    }

    @Test func aJudgesNotesAndSuggestionsAreRecorded() async throws {
        let study = try await makeStudy(StudyConfig(name: "s", space: try space()), pruner: SuggestingJudge())
        _ = try await study.ask()
        try await study.report(trial: 0, step: 0, value: 0.1)
        let decision = try await study.shouldPrune(trial: 0)
        #expect(decision.prune == false)
        let trial = try await study.storage.trial(study: study.record.id, number: 0)
        let notes = trial.notes.map(\.text)
        #expect(notes.first == "looks slow but steady")
        #expect(notes.contains("suggested trial 1 queued: n=2 x=1.5"))
        #expect(notes.contains { $0.hasPrefix("suggestion x=7") && $0.contains("refused") })
        #expect(notes.contains { $0.contains("no parameter lr") })
        let queued = try await study.storage.trial(study: study.record.id, number: 1)
        #expect(queued.state == .waiting && queued.params == ["x": .double(1.5), "n": .int(2)])
        #expect(queued.userAttributes["suggested_by_trial"] == .number(0))
        #expect(try await study.trials().count == 2, "refused suggestions queue nothing")
    }

    @Test func enqueuedTrialsRunFirstWithTheirFixedValues() async throws {
        let study = try await makeStudy(StudyConfig(name: "s", space: try space()))
        try await study.enqueue(params: ["x": .double(0.25)])
        let first = try await study.ask()
        #expect(first.params["x"] == .double(0.25))
        #expect(first.params["n"] == .int(3))  // sampled: not fixed
        #expect(try await study.ask().params["x"] == .double(1))
        await #expect(throws: SweepError.self) { try await study.enqueue(params: ["x": .double(7)]) }
    }

    @Test func completeNeedsAValue() async throws {
        let study = try await makeStudy()
        _ = try await study.ask()
        await #expect(throws: SweepError.self) { try await study.tell(trial: 0, state: .complete) }
    }

    @Test func indexFollowsFinishedTrialsAcrossHandles() async throws {
        let storage = InMemoryStorage()
        let a = try await Study.create(StudyConfig(name: "s", direction: .minimize), storage: storage, sampler: MidpointSampler(), pruner: BelowPruner(threshold: -1))
        let b = try await Study.load(named: "s", storage: storage, sampler: MidpointSampler(), pruner: BelowPruner(threshold: -1))
        for v in [3.0, 1.0, 2.0] {
            let t = try await a.ask()
            try await a.report(trial: t.number, step: 0, value: v)
            try await a.tell(trial: t.number, state: .complete, value: v)
        }
        // The second handle learns of them through the change feed.
        try await b.sync()
        #expect(b.index.completedCount == 3)
        #expect(b.index.bestTrial?.value == 1)
        #expect(b.index.statistics(atStep: 0).values.sorted == [1, 2, 3])
    }

    @Test func aTrialAttributeSetTwiceCountsOnceInTheIndex() async throws {
        let storage = InMemoryStorage()
        let study = try await Study.create(StudyConfig(name: "s"), storage: storage, sampler: MidpointSampler(), pruner: BelowPruner(threshold: -1))
        let t = try await study.ask()
        try storage.setTrialAttribute(trial: t.id, key: "rung", value: .number(1), system: true)
        try storage.setTrialAttribute(trial: t.id, key: "rung", value: .number(5), system: true)
        try await study.sync()
        #expect(study.index.attributes["rung"]?.sorted == [5])
    }

    @Test func notesAndAttributesAreKept() async throws {
        let study = try await makeStudy()
        _ = try await study.ask()
        try await study.note("gamma 0.5 -> 0.8, worse")
        try await study.note("diverged at step 40", trial: 0)
        try await study.setUserAttribute("owner", .string("ana"))
        let record = try await study.storage.study(named: "s")
        #expect(record.notes.map(\.text) == ["gamma 0.5 -> 0.8, worse"])
        #expect(record.userAttributes["owner"] == .string("ana"))
        #expect(try await study.storage.trial(study: record.id, number: 0).notes.map(\.text) == ["diverged at step 40"])
    }
}

@Suite struct StudyIndexWinnersTests {
    private func trial(_ number: Int, _ value: Double?, state: TrialState = .complete) -> Trial {
        var t = Trial(id: Int64(number + 1), number: number, state: state)
        t.value = value
        return t
    }

    @Test func keepsTheBestSixteenBestFirstWithTiesInFinishingOrder() {
        let index = StudyIndex(name: "s", direction: .maximize, objective: "value")
        var finished = (0..<40).map { trial($0, Double($0 % 20)) }
        finished.append(trial(40, .nan))
        finished.append(trial(41, 100, state: .pruned))
        index.apply(StudyChanges(cursor: 1, finished: finished))
        #expect(index.winners.count == StudyIndex.winnerCapacity)
        #expect(index.winners.prefix(4).map(\.number) == [19, 39, 18, 38], "ties: the earlier finished first")
        #expect(index.winners.allSatisfy { $0.state == .complete && $0.value!.isFinite })
        let minimize = StudyIndex(name: "s", direction: .minimize, objective: "value")
        minimize.apply(StudyChanges(cursor: 1, finished: [trial(0, 3), trial(1, 1), trial(2, 2)]))
        #expect(minimize.winners.map(\.number) == [1, 2, 0])
    }
}
