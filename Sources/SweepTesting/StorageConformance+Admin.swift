import Foundation
import SweepCore
import Testing

extension StorageConformance {
    /// Deleting and renaming studies (`sweep delete`, `sweep rename`).
    static let adminChecks: [Check] = [
        Check("admin.delete") { make in
            let storage = try await make()
            let doomed = try await Support.study(storage, "doomed")
            let kept = try await Support.study(storage, "kept")
            let trial = try await Support.running(storage, doomed)
            try await storage.report(trial: trial.id, step: 0, metric: "value", value: 1)
            try await storage.addTrialNote(trial: trial.id, note: Note(time: Date(), text: "a trial note"))
            try await storage.setTrialAttribute(trial: trial.id, key: "k", value: .string("v"), system: false)
            try await storage.addStudyNote(study: doomed.id, note: Note(time: Date(), text: "a study note"))
            try await storage.setStudyAttribute(study: doomed.id, key: "k", value: .number(1), system: true)
            let keptTrial = try await Support.finished(storage, kept, .complete, 2)
            try await storage.deleteStudy(doomed.id)
            await #expect(throws: SweepError.unknownStudy("doomed")) { try await storage.study(named: "doomed") }
            #expect(try await storage.studies().map(\.record.name) == ["kept"], "the deleted study is not listed")
            await #expect(throws: SweepError.self) { try await storage.trial(id: trial.id) }
            await #expect(throws: SweepError.self) { try await storage.trials(study: doomed.id, states: nil) }
            await #expect(throws: SweepError.self) { try await storage.deleteStudy(doomed.id) }
            // The other study is untouched.
            Support.expectSame(try await storage.trial(id: keptTrial.id), keptTrial, "the other study's trial")
            // The name is free again, and the new study starts empty at trial 0.
            let again = try await Support.study(storage, "doomed")
            #expect(again.id != doomed.id, "a deleted study's id is not reused")
            #expect(again.notes.isEmpty && again.systemAttributes.isEmpty)
            #expect(try await storage.trialCount(study: again.id) == 0)
            #expect(try await Support.running(storage, again).number == 0)
            #expect(try await storage.changes(study: again.id, after: 0).finished.isEmpty, "no feed entry of the old study")
        },
        Check("admin.rename") { make in
            let storage = try await make()
            let study = try await Support.study(storage, "old")
            let other = try await Support.study(storage, "taken")
            let trial = try await Support.finished(storage, study, .complete, 3)
            try await storage.renameStudy(study.id, to: "new")
            await #expect(throws: SweepError.unknownStudy("old")) { try await storage.study(named: "old") }
            let renamed = try await storage.study(named: "new")
            #expect(renamed.id == study.id)
            #expect(renamed.name == "new")
            #expect(renamed.config.space == study.config.space, "only the name changes")
            #expect(try await storage.trial(study: renamed.id, number: 0).value == trial.value, "the trials stay")
            #expect(Set(try await storage.studies().map(\.record.name)) == ["new", "taken"])
            await #expect(throws: SweepError.duplicateStudy("taken")) { try await storage.renameStudy(study.id, to: "taken") }
            #expect(try await storage.study(named: "taken").id == other.id, "a refused rename changes nothing")
            #expect(try await storage.study(named: "new").id == study.id)
            // Renaming to its own name is allowed and changes nothing; the old name is free.
            try await storage.renameStudy(study.id, to: "new")
            #expect(try await Support.study(storage, "old").id != study.id)
            await #expect(throws: SweepError.self) { try await storage.renameStudy(study.id + 1000, to: "ghost") }
        },
    ]
}
