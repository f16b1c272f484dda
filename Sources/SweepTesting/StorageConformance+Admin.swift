import Foundation
import SweepCore
import Testing

extension StorageConformance {
    /// Deleting and renaming studies (`sweep delete`, `sweep rename`).
    static let adminChecks: [Check] = [
        Check("admin.delete") { make in
            let storage = try make()
            let doomed = try Support.study(storage, "doomed")
            let kept = try Support.study(storage, "kept")
            let trial = try Support.running(storage, doomed)
            try storage.report(trial: trial.id, step: 0, metric: "value", value: 1)
            try storage.addTrialNote(trial: trial.id, note: Note(time: Date(), text: "a trial note"))
            try storage.setTrialAttribute(trial: trial.id, key: "k", value: .string("v"), system: false)
            try storage.addStudyNote(study: doomed.id, note: Note(time: Date(), text: "a study note"))
            try storage.setStudyAttribute(study: doomed.id, key: "k", value: .number(1), system: true)
            let keptTrial = try Support.finished(storage, kept, .complete, 2)
            try storage.deleteStudy(doomed.id)
            #expect(throws: SweepError.unknownStudy("doomed")) { try storage.study(named: "doomed") }
            #expect(try storage.studies().map(\.record.name) == ["kept"], "the deleted study is not listed")
            #expect(throws: SweepError.self) { try storage.trial(id: trial.id) }
            #expect(throws: SweepError.self) { try storage.trials(study: doomed.id, states: nil) }
            #expect(throws: SweepError.self) { try storage.deleteStudy(doomed.id) }
            // The other study is untouched.
            Support.expectSame(try storage.trial(id: keptTrial.id), keptTrial, "the other study's trial")
            // The name is free again, and the new study starts empty at trial 0.
            let again = try Support.study(storage, "doomed")
            #expect(again.id != doomed.id, "a deleted study's id is not reused")
            #expect(again.notes.isEmpty && again.systemAttributes.isEmpty)
            #expect(try storage.trialCount(study: again.id) == 0)
            #expect(try Support.running(storage, again).number == 0)
            #expect(try storage.changes(study: again.id, after: 0).finished.isEmpty, "no feed entry of the old study")
        },
        Check("admin.rename") { make in
            let storage = try make()
            let study = try Support.study(storage, "old")
            let other = try Support.study(storage, "taken")
            let trial = try Support.finished(storage, study, .complete, 3)
            try storage.renameStudy(study.id, to: "new")
            #expect(throws: SweepError.unknownStudy("old")) { try storage.study(named: "old") }
            let renamed = try storage.study(named: "new")
            #expect(renamed.id == study.id)
            #expect(renamed.name == "new")
            #expect(renamed.config.space == study.config.space, "only the name changes")
            #expect(try storage.trial(study: renamed.id, number: 0).value == trial.value, "the trials stay")
            #expect(Set(try storage.studies().map(\.record.name)) == ["new", "taken"])
            #expect(throws: SweepError.duplicateStudy("taken")) { try storage.renameStudy(study.id, to: "taken") }
            #expect(try storage.study(named: "taken").id == other.id, "a refused rename changes nothing")
            #expect(try storage.study(named: "new").id == study.id)
            // Renaming to its own name is allowed and changes nothing; the old name is free.
            try storage.renameStudy(study.id, to: "new")
            #expect(try Support.study(storage, "old").id != study.id)
            #expect(throws: SweepError.self) { try storage.renameStudy(study.id + 1000, to: "ghost") }
        },
    ]
}
