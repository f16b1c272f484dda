import Foundation
import SweepCore
import Testing

extension StorageConformance {
    static let studyChecks: [Check] = [
        Check("study.create") { make in
            let storage = try make()
            let config = try Support.config("alpha", direction: .minimize)
            let before = Date()
            let record = try storage.createStudy(config)
            #expect(record.config == config)
            #expect(record.name == "alpha")
            #expect(record.userAttributes.isEmpty && record.systemAttributes.isEmpty && record.notes.isEmpty)
            #expect(abs(record.created.timeIntervalSince(before)) < 60)
            let loaded = try storage.study(named: "alpha")
            #expect(loaded.id == record.id)
            #expect(loaded.config == config, "the configuration (space, seed, specs) reads back equal")
            #expect(Support.close(loaded.created, record.created))
            let other = try storage.createStudy(try Support.config("beta"))
            #expect(other.id != record.id)
            #expect(try storage.study(named: "beta").id == other.id)
            #expect(try storage.study(named: "alpha").id == record.id)
        },
        Check("study.duplicate") { make in
            let storage = try make()
            let first = try Support.study(storage, "dup")
            #expect(throws: SweepError.duplicateStudy("dup")) {
                try storage.createStudy(StudyConfig(name: "dup", direction: .minimize))
            }
            let loaded = try storage.study(named: "dup")
            #expect(loaded.id == first.id)
            #expect(loaded.config.direction == .maximize, "a refused duplicate leaves the first study as it was")
            #expect(try storage.studies().count == 1)
        },
        Check("study.unknown") { make in
            let storage = try make()
            #expect(throws: SweepError.unknownStudy("nope")) { try storage.study(named: "nope") }
            let study = try Support.study(storage, "there")
            #expect(throws: SweepError.unknownStudy("There")) { try storage.study(named: "There") }
            let missing = study.id + 1000
            #expect(throws: SweepError.self) { try storage.createTrial(study: missing, draft: TrialDraft()) }
            #expect(throws: SweepError.self) { try storage.trials(study: missing, states: nil) }
            #expect(throws: SweepError.self) { try storage.trialCount(study: missing) }
            #expect(throws: SweepError.self) { try storage.changes(study: missing, after: 0) }
            #expect(throws: SweepError.self) { try storage.claimWaitingTrial(study: missing, started: Date()) }
            #expect(throws: SweepError.self) {
                try storage.setStudyAttribute(study: missing, key: "k", value: .null, system: false)
            }
            #expect(throws: SweepError.self) { try storage.addStudyNote(study: missing, note: Note(time: Date(), text: "x")) }
            #expect(throws: SweepError.self) { try storage.trial(study: missing, number: 0) }
        },
        Check("study.attributes") { make in
            let storage = try make()
            let study = try Support.study(storage)
            try storage.setStudyAttribute(study: study.id, key: "k", value: .string("user"), system: false)
            try storage.setStudyAttribute(study: study.id, key: "k", value: .number(2), system: true)
            try storage.setStudyAttribute(study: study.id, key: "goal", value: .string("beat 0.9"), system: false)
            try storage.setStudyAttribute(study: study.id, key: "goal", value: .string("beat 0.95"), system: false)
            let nested: JSONValue = .object([
                "list": .array([.number(1), .number(1.5), .null, .bool(true), .string("NaN")]),
                "inner": .object(["a": .string("b"), "empty": .object([:])]),
                "inf": .number(.infinity),
            ])
            try storage.setStudyAttribute(study: study.id, key: "nested", value: nested, system: true)
            try storage.setStudyAttribute(study: study.id, key: "nan", value: .number(.nan), system: true)
            let loaded = try storage.study(named: "s")
            #expect(loaded.userAttributes == ["k": .string("user"), "goal": .string("beat 0.95")])
            #expect(loaded.systemAttributes["k"] == .number(2))
            #expect(loaded.systemAttributes["nested"] == nested, "nested JSON, a string \"NaN\" and infinity read back equal")
            #expect(loaded.systemAttributes["nan"]?.doubleValue?.isNaN == true, "a NaN number reads back as a NaN number")
            #expect(loaded.systemAttributes.count == 3)
        },
        Check("study.notes") { make in
            let storage = try make()
            let study = try Support.study(storage)
            let t0 = Date(timeIntervalSince1970: 1_700_000_000.25)
            for (i, text) in ["R1: gamma 0.5 -> 0.8, worse", "R2: back to 0.5", "ünïcödé ✓ 'quotes' \"double\""].enumerated() {
                try storage.addStudyNote(study: study.id, note: Note(time: t0.addingTimeInterval(Double(i)), text: text))
            }
            let notes = try storage.study(named: "s").notes
            #expect(notes.map(\.text) == ["R1: gamma 0.5 -> 0.8, worse", "R2: back to 0.5", "ünïcödé ✓ 'quotes' \"double\""])
            #expect(zip(notes, [0.0, 1, 2]).allSatisfy { Support.close($0.time, t0.addingTimeInterval($1)) })
            let trial = try Support.running(storage, study)
            try storage.addTrialNote(trial: trial.id, note: Note(time: t0, text: "trial note"))
            #expect(try storage.study(named: "s").notes.count == 3, "a trial's notes are not the study's")
        },
        Check("studies.summaries") { make in
            let storage = try make()
            let a = try Support.study(storage, "a", direction: .maximize)
            let b = try Support.study(storage, "b", direction: .minimize)
            _ = try Support.study(storage, "empty")
            try Support.finished(storage, a, .complete, 1)
            let best = try Support.finished(storage, a, .complete, 3)
            try Support.finished(storage, a, .complete, 3)  // a tie: the first stays best
            try Support.finished(storage, a, .complete, .nan)  // NaN never wins
            try Support.finished(storage, a, .pruned, 10)  // only complete trials count
            try Support.finished(storage, a, .failed, nil)
            _ = try Support.running(storage, a)
            _ = try Support.waiting(storage, a)
            try Support.finished(storage, b, .complete, 5)
            let bBest = try Support.finished(storage, b, .complete, -2)
            try Support.finished(storage, b, .complete, 7)
            try storage.setStudyAttribute(study: b.id, key: "owner", value: .string("me"), system: false)
            try storage.addStudyNote(study: b.id, note: Note(time: Date(), text: "hello"))

            let summaries = try storage.studies()
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
