import Foundation
import SweepCore
import Synchronization
import Testing

extension StorageConformance {
    /// Judges' questions (`Checkpoint`) and people's pairwise labels (`PairLabel`).
    static let judgingChecks: [Check] = [
        Check("judging.checkpoints") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let other = try await Support.study(storage, "other")
            let trial = try await Support.running(storage, study)
            let second = try await Support.running(storage, study)
            let before = Date()
            let question = try await storage.openCheckpoint(trial: trial.id, step: 7, brief: "# trial 0\n<b>", timeout: 30)
            #expect(question.trialNumber == trial.number && question.step == 7 && question.brief == "# trial 0\n<b>")
            #expect(question.study == study.id && question.isOpen)
            #expect(abs(question.deadline.timeIntervalSince(question.asked) - 30) < 0.01, "the deadline is the timeout after asking")
            #expect(abs(question.asked.timeIntervalSince(before)) < 60, "asked on a clock near this one")
            let later = try await storage.openCheckpoint(trial: second.id, step: 3, brief: "b", timeout: 5)
            #expect(later.id != question.id)
            #expect(try await storage.checkpoint(id: question.id) == question, "read back as stored")
            #expect(try await storage.checkpoints(study: study.id, openOnly: true).map(\.id) == [question.id, later.id])
            #expect(try await storage.checkpoints(study: other.id, openOnly: false).isEmpty, "another study's are its own")
            // A finished trial's open question is no longer waiting; a finished trial takes none.
            try await storage.finishTrial(trial: second.id, state: .pruned, value: nil, finished: Date())
            #expect(try await storage.checkpoints(study: study.id, openOnly: true).map(\.id) == [question.id])
            #expect(try await storage.checkpoints(study: study.id, openOnly: false).map(\.id) == [question.id, later.id])
            await #expect(throws: SweepError.self) { try await storage.openCheckpoint(trial: second.id, step: 4, brief: "", timeout: 1) }
            await #expect(throws: SweepError.self) { try await storage.checkpoint(id: 987_654) }
        },
        Check("judging.firstAnswer") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let trial = try await Support.running(storage, study)
            let question = try await storage.openCheckpoint(trial: trial.id, step: 2, brief: "b", timeout: 60)
            let answered = try await storage.answerCheckpoint(
                id: question.id, answer: CheckpointAnswer(prune: true, reason: "flat since step 0", by: "ada"))
            #expect(answered.answer?.prune == true && answered.answer?.reason == "flat since step 0" && answered.answer?.by == "ada")
            #expect(abs((answered.answer?.time ?? .distantPast).timeIntervalSinceNow) < 60, "answered on the storage's clock")
            // A second answer (a person late, the asking judge's deadline) does not replace the first.
            let late = try await storage.answerCheckpoint(id: question.id, answer: CheckpointAnswer(prune: false, by: "timeout"))
            #expect(late.answer?.by == "ada" && late.answer?.prune == true, "the first answer counts")
            #expect(try await storage.checkpoint(id: question.id).answer?.by == "ada")
            #expect(try await storage.checkpoints(study: study.id, openOnly: true).isEmpty, "an answered question is not open")
            // Many answering at once: exactly one wins, and every caller sees that one.
            let raced = try await storage.openCheckpoint(trial: trial.id, step: 3, brief: "b", timeout: 60)
            let winners = Mutex<Set<String>>([])
            try await Support.inParallel(8) { i in
                let seen = try await storage.answerCheckpoint(id: raced.id, answer: CheckpointAnswer(prune: i % 2 == 0, by: "p\(i)"))
                winners.withLock { _ = $0.insert(seen.answer?.by ?? "none") }
            }
            #expect(winners.withLock { $0.count } == 1, "every answerer sees the same winning answer")
            await #expect(throws: SweepError.self) {
                try await storage.answerCheckpoint(id: 987_654, answer: CheckpointAnswer(prune: true, by: "x"))
            }
        },
        Check("judging.labels") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let other = try await Support.study(storage, "other")
            _ = try await Support.finished(storage, study, .complete, 1)
            _ = try await Support.finished(storage, study, .complete, 2)
            _ = try await Support.finished(storage, study, .pruned, nil)
            let first = try await storage.addLabel(study: study.id, label: PairLabel(first: 0, second: 1, choice: .second, by: "ada"))
            let second = try await storage.addLabel(study: study.id, label: PairLabel(first: 1, second: 0, choice: .first, by: "ada"))
            let third = try await storage.addLabel(study: study.id, label: PairLabel(first: 2, second: 0, choice: .same, by: "bo"))
            #expect(first.id != second.id && second.id != third.id && first.id != third.id)
            #expect(abs(first.time.timeIntervalSinceNow) < 60, "labelled on the storage's clock")
            let stored = try await storage.labels(study: study.id)
            #expect(stored == [first, second, third], "in the order given, as returned")
            #expect(stored.map(\.chosenTrial) == [1, 1, nil])
            #expect(try await storage.labels(study: other.id).isEmpty)
            await #expect(throws: SweepError.self) {
                try await storage.addLabel(study: study.id, label: PairLabel(first: 0, second: 3, choice: .first, by: "x"))
            }
            await #expect(throws: SweepError.self) {
                try await storage.addLabel(study: study.id, label: PairLabel(first: 1, second: 1, choice: .first, by: "x"))
            }
            await #expect(throws: SweepError.self) {
                try await storage.addLabel(study: other.id, label: PairLabel(first: 0, second: 1, choice: .first, by: "x"))
            }
            #expect(try await storage.labels(study: study.id).count == 3, "refused labels are not stored")
            // They go with their study.
            try await storage.deleteStudy(study.id)
            let again = try await Support.study(storage)
            #expect(try await storage.labels(study: again.id).isEmpty)
        },
    ]
}
