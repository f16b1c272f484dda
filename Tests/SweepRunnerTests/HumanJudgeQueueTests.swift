import Foundation
import SweepCore
import SweepSamplers
import Testing
@testable import SweepRunner

/// `human:via=queue`: the question waits in the storage, any process answers it, the trial's
/// decision follows the answer (or continues at the deadline).
@Suite(.timeLimit(.minutes(10))) struct HumanJudgeQueueTests {
    /// A study judged by `spec`, with trial 0 running and reported at steps 0...2.
    private func study(_ spec: String) async throws -> (InMemoryStorage, Study) {
        let storage = InMemoryStorage()
        let judge = try HumanJudge(spec: try Spec(parsing: spec), terminal: .descriptors(input: -1, output: -1))
        let study = try await Study.create(StudyConfig(name: "q", direction: .maximize), storage: storage, sampler: RandomSampler(), pruner: judge)
        _ = try await study.claim()
        for step in 0..<3 { try await study.report(trial: 0, step: step, value: 0.1 * Double(step)) }
        return (storage, study)
    }

    /// Waits until the study has a question open; returns it.
    private func waitingQuestion(_ storage: InMemoryStorage, study: Int64) async throws -> Checkpoint {
        for _ in 0..<400 {
            if let question = try storage.checkpoints(study: study, openOnly: true).first { return question }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw SweepError.invalidArgument("no question was asked")
    }

    @Test func anotherProcessPrunesTheWaitingTrial() async throws {
        let (storage, study) = try await study("human:via=queue,timeout=30,interval_steps=1")
        let id = study.record.id
        let decision = Task { try await study.shouldPrune(trial: 0) }
        let question = try await waitingQuestion(storage, study: id)
        #expect(question.trialNumber == 0 && question.step == 2)
        #expect(question.brief.contains("# Should trial 0 of study \"q\" go on?"), "the brief is the terminal's: \(question.brief)")
        _ = try storage.answerCheckpoint(id: question.id, answer: CheckpointAnswer(prune: true, reason: "flat", by: "ada"))
        let answered = try await decision.value
        #expect(answered.prune && answered.reason == "flat")
        #expect(answered.notes == ["human judge (ada) at step 2: prune — flat"])
        #expect(try storage.trial(study: id, number: 0).notes.map(\.text) == ["human judge (ada) at step 2: prune — flat"])
        #expect(try storage.checkpoints(study: id, openOnly: true).isEmpty)
    }

    @Test func aContinueLetsTheTrialGoOn() async throws {
        let (storage, study) = try await study("human:via=queue,timeout=30,interval_steps=1")
        let id = study.record.id
        let decision = Task {
            let answered = try await study.shouldPrune(trial: 0)
            // The trial goes on and reports again.
            return (answered, try await study.report(trial: 0, step: 3, value: 0.5))
        }
        let question = try await waitingQuestion(storage, study: id)
        _ = try storage.answerCheckpoint(id: question.id, answer: CheckpointAnswer(prune: false, by: "bo"))
        let (answered, reported) = try await decision.value
        #expect(!answered.prune && answered.notes == ["human judge (bo) at step 2: continue"])
        #expect(reported)
    }

    @Test func noAnswerBeforeTheDeadlineContinuesAndLateAnswersAreRefused() async throws {
        let (storage, study) = try await study("human:via=queue,timeout=0.3,interval_steps=1")
        let decision = try await study.shouldPrune(trial: 0)
        #expect(!decision.prune && decision.notes == ["human judge at step 2: no answer in time, counted as continue"])
        let asked = try storage.checkpoints(study: study.record.id, openOnly: false)
        #expect(asked.count == 1 && asked[0].answer?.by == CheckpointAnswer.timeoutName)
        let late = try storage.answerCheckpoint(id: asked[0].id, answer: CheckpointAnswer(prune: true, by: "ada"))
        #expect(late.answer?.by == CheckpointAnswer.timeoutName, "the deadline's answer stands")
    }

    @Test func onlyCheckpointsAskAndTheWayIsChecked() async throws {
        let (storage, study) = try await study("human:via=queue,timeout=30,n_warmup_steps=5")
        #expect(try await study.shouldPrune(trial: 0) == .keepGoing)
        #expect(try storage.checkpoints(study: study.record.id, openOnly: false).isEmpty, "no question before the warm-up ends")
        #expect(throws: SweepError.self) { try HumanJudge(spec: try Spec(parsing: "human:via=browser")) }
    }

    /// Many trials may wait at once in the queue (the terminal asks one at a time).
    @Test func severalTrialsWaitAtOnce() async throws {
        let (storage, study) = try await study("human:via=queue,timeout=30,interval_steps=1")
        _ = try await study.claim()
        for step in 0..<3 { try await study.report(trial: 1, step: step, value: 0.2) }
        let loader = try await Study.load(named: "q", storage: storage, sampler: RandomSampler(), pruner: study.pruner)
        let id = study.record.id
        let first = Task { try await study.shouldPrune(trial: 0) }
        let second = Task { try await loader.shouldPrune(trial: 1) }
        var open: [Checkpoint] = []
        for _ in 0..<400 where open.count < 2 {
            open = try storage.checkpoints(study: id, openOnly: true)
            try await Task.sleep(for: .milliseconds(25))
        }
        #expect(Set(open.map(\.trialNumber)) == [0, 1], "both wait at once")
        for question in open {
            _ = try storage.answerCheckpoint(id: question.id, answer: CheckpointAnswer(prune: question.trialNumber == 1, by: "ada"))
        }
        #expect(try await first.value.prune == false)
        #expect(try await second.value.prune == true)
    }
}
