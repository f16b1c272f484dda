import Foundation
import SweepCore
import Testing

extension StorageConformance {
    static let studyChecks: [Check] = [
        Check("study.create") { make in
            let storage = try await make()
            let config = try await Support.config("alpha", direction: .minimize)
            let before = Date()
            let record = try await storage.createStudy(config)
            #expect(record.config == config)
            #expect(record.name == "alpha")
            #expect(record.userAttributes.isEmpty && record.systemAttributes.isEmpty && record.notes.isEmpty)
            #expect(abs(record.created.timeIntervalSince(before)) < 60)
            let loaded = try await storage.study(named: "alpha")
            #expect(loaded.id == record.id)
            #expect(loaded.config == config, "the configuration (space, seed, specs) reads back equal")
            #expect(Support.close(loaded.created, record.created))
            let other = try await storage.createStudy(try await Support.config("beta"))
            #expect(other.id != record.id)
            #expect(try await storage.study(named: "beta").id == other.id)
            #expect(try await storage.study(named: "alpha").id == record.id)
        },
        Check("study.duplicate") { make in
            let storage = try await make()
            let first = try await Support.study(storage, "dup")
            await #expect(throws: SweepError.duplicateStudy("dup")) {
                try await storage.createStudy(StudyConfig(name: "dup", direction: .minimize))
            }
            let loaded = try await storage.study(named: "dup")
            #expect(loaded.id == first.id)
            #expect(loaded.config.direction == .maximize, "a refused duplicate leaves the first study as it was")
            #expect(try await storage.studies().count == 1)
        },
        Check("study.unknown") { make in
            let storage = try await make()
            await #expect(throws: SweepError.unknownStudy("nope")) { try await storage.study(named: "nope") }
            let study = try await Support.study(storage, "there")
            await #expect(throws: SweepError.unknownStudy("There")) { try await storage.study(named: "There") }
            let missing = study.id + 1000
            await #expect(throws: SweepError.self) { try await storage.createTrial(study: missing, draft: TrialDraft()) }
            await #expect(throws: SweepError.self) { try await storage.trials(study: missing, states: nil) }
            await #expect(throws: SweepError.self) { try await storage.trialCount(study: missing) }
            await #expect(throws: SweepError.self) { try await storage.changes(study: missing, after: 0) }
            await #expect(throws: SweepError.self) {
                try await storage.claimTrial(study: missing, request: ClaimRequest(started: Date())) { _, _ in ([:], [:]) }
            }
            await #expect(throws: SweepError.self) {
                try await storage.setStudyAttribute(study: missing, key: "k", value: .null, system: false)
            }
            await #expect(throws: SweepError.self) { try await storage.addStudyNote(study: missing, note: Note(time: Date(), text: "x")) }
            await #expect(throws: SweepError.self) { try await storage.trial(study: missing, number: 0) }
        },
        Check("study.attributes") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            try await storage.setStudyAttribute(study: study.id, key: "k", value: .string("user"), system: false)
            try await storage.setStudyAttribute(study: study.id, key: "k", value: .number(2), system: true)
            try await storage.setStudyAttribute(study: study.id, key: "goal", value: .string("beat 0.9"), system: false)
            try await storage.setStudyAttribute(study: study.id, key: "goal", value: .string("beat 0.95"), system: false)
            let nested: JSONValue = .object([
                "list": .array([.number(1), .number(1.5), .null, .bool(true), .string("NaN")]),
                "inner": .object(["a": .string("b"), "empty": .object([:])]),
                "inf": .number(.infinity),
            ])
            try await storage.setStudyAttribute(study: study.id, key: "nested", value: nested, system: true)
            try await storage.setStudyAttribute(study: study.id, key: "nan", value: .number(.nan), system: true)
            let loaded = try await storage.study(named: "s")
            #expect(loaded.userAttributes == ["k": .string("user"), "goal": .string("beat 0.95")])
            #expect(loaded.systemAttributes["k"] == .number(2))
            #expect(loaded.systemAttributes["nested"] == nested, "nested JSON, a string \"NaN\" and infinity read back equal")
            #expect(loaded.systemAttributes["nan"]?.doubleValue?.isNaN == true, "a NaN number reads back as a NaN number")
            #expect(loaded.systemAttributes.count == 3)
        },
        Check("study.notes") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let t0 = Date(timeIntervalSince1970: 1_700_000_000.25)
            for (i, text) in ["R1: gamma 0.5 -> 0.8, worse", "R2: back to 0.5", "ünïcödé ✓ 'quotes' \"double\""].enumerated() {
                try await storage.addStudyNote(study: study.id, note: Note(time: t0.addingTimeInterval(Double(i)), text: text))
            }
            let notes = try await storage.study(named: "s").notes
            #expect(notes.map(\.text) == ["R1: gamma 0.5 -> 0.8, worse", "R2: back to 0.5", "ünïcödé ✓ 'quotes' \"double\""])
            #expect(zip(notes, [0.0, 1, 2]).allSatisfy { Support.close($0.time, t0.addingTimeInterval($1)) })
            let trial = try await Support.running(storage, study)
            try await storage.addTrialNote(trial: trial.id, note: Note(time: t0, text: "trial note"))
            #expect(try await storage.study(named: "s").notes.count == 3, "a trial's notes are not the study's")
        },
        Check("studies.summaries") { make in
            let storage = try await make()
            let a = try await Support.study(storage, "a", direction: .maximize)
            let b = try await Support.study(storage, "b", direction: .minimize)
            _ = try await Support.study(storage, "empty")
            try await Support.finished(storage, a, .complete, 1)
            let best = try await Support.finished(storage, a, .complete, 3)
            try await Support.finished(storage, a, .complete, 3)  // a tie: the first stays best
            try await Support.finished(storage, a, .complete, .nan)  // NaN never wins
            try await Support.finished(storage, a, .pruned, 10)  // only complete trials count
            try await Support.finished(storage, a, .failed, nil)
            _ = try await Support.running(storage, a)
            _ = try await Support.waiting(storage, a)
            try await Support.finished(storage, b, .complete, 5)
            let bBest = try await Support.finished(storage, b, .complete, -2)
            try await Support.finished(storage, b, .complete, 7)
            try await storage.setStudyAttribute(study: b.id, key: "owner", value: .string("me"), system: false)
            try await storage.addStudyNote(study: b.id, note: Note(time: Date(), text: "hello"))

            let summaries = try await storage.studies()
            #expect(summaries.map(\.record.name) == ["a", "b", "empty"], "studies in creation order")
            guard summaries.count == 3 else { return }
            #expect(summaries[0].counts == [.complete: 4, .pruned: 1, .failed: 1, .running: 1, .waiting: 1])
            #expect(summaries[0].best == 3)
            #expect(summaries[0].bestNumber == best.number)
            #expect(summaries[1].counts == [.complete: 3])
            #expect(summaries[1].best == -2)
            #expect(summaries[1].bestNumber == bBest.number)
            #expect(summaries[1].record.userAttributes == ["owner": .string("me")])
            #expect(summaries[1].record.notes.map(\.text) == ["hello"])
            #expect(summaries[1].record.config.direction == .minimize)
            #expect(summaries[2].counts.values.allSatisfy { $0 == 0 })
            #expect(summaries[2].best == nil && summaries[2].bestNumber == nil)
        },
    ]
}
