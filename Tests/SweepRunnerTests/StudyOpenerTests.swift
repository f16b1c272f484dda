import SweepCore
import SweepPruners
import Testing

@testable import SweepRunner

@Suite struct StudyOpenerTests {
    let storage = InMemoryStorage()
    let original = StudyConfig(name: "s", pruner: "median", space: SearchSpace([try! SearchSpace.parseParameter("lr=float:0.001:0.1:log")]))

    func edited(pruner: String = "median", lr: String = "float:0.001:0.1:log", seed: UInt64 = 0) throws -> StudyConfig {
        StudyConfig(name: "s", pruner: pruner, seed: seed, space: SearchSpace([try SearchSpace.parseParameter("lr=\(lr)")]))
    }

    @Test func aNewStudyIsCreatedAndTheSameFileOpensIt() throws {
        _ = try StudyOpener.openOrCreate(file: original, storage: storage, force: false)
        let again = try StudyOpener.openOrCreate(file: original, storage: storage, force: false)
        #expect(again.record.config == original)
    }

    @Test func anEditedFileIsRefusedListingEachDifference() throws {
        _ = try StudyOpener.openOrCreate(file: original, storage: storage, force: false)
        let error = #expect(throws: SweepError.self) {
            try StudyOpener.openOrCreate(file: try edited(pruner: "hyperband", lr: "float:0.001:1:log"), storage: storage, force: false)
        }
        let message = error?.description ?? ""
        #expect(message.contains("pruner: stored median, file hyperband"))
        #expect(message.contains("parameter 'lr': stored float:0.001:0.1:log, file float:0.001:1:log"))
        #expect(message.contains("--force"))
    }

    @Test func forceStoresAndUsesSafeChangesAndNotesThem() throws {
        _ = try StudyOpener.openOrCreate(file: original, storage: storage, force: false)
        let file = try edited(pruner: "hyperband", lr: "float:0.001:1:log")
        let forced = try StudyOpener.openOrCreate(file: file, storage: storage, force: true)
        #expect(forced.record.config.pruner == "hyperband")
        #expect(forced.pruner is HyperbandPruner)
        // Every later handle sees the applied settings, and the same file now opens without --force.
        let reopened = try StudyOpener.open(named: "s", storage: storage)
        #expect(reopened.record.config.space == file.space && reopened.record.config.pruner == "hyperband")
        #expect(try StudyOpener.openOrCreate(file: file, storage: storage, force: false).record.config.pruner == "hyperband")
        let notes = try storage.study(named: "s").notes.map(\.text)
        #expect(notes == ["study file applied with --force: pruner: stored median, file hyperband; parameter 'lr': stored float:0.001:0.1:log, file float:0.001:1:log"])
        // What the study was created with stays on record.
        #expect(try storage.study(named: "s").config.pruner == "median")
    }

    @Test func forceStillRefusesChangesThatBreakStoredTrials() throws {
        _ = try StudyOpener.openOrCreate(file: original, storage: storage, force: false)
        let error = #expect(throws: SweepError.self) {
            try StudyOpener.openOrCreate(file: try edited(pruner: "nop", lr: "float:0.01:0.1:log", seed: 4), storage: storage, force: true)
        }
        let message = error?.description ?? ""
        #expect(message.contains("--force cannot apply"))
        #expect(message.contains("seed: stored 0, file 4") && message.contains("parameter 'lr'") && !message.contains("pruner:"))
        #expect(try storage.study(named: "s").notes.isEmpty)
        #expect(try StudyOpener.open(named: "s", storage: storage).record.config.pruner == "median")
    }

    @Test func aBrokenNewSpecIsRefusedBeforeAnythingIsStored() throws {
        _ = try StudyOpener.openOrCreate(file: original, storage: storage, force: false)
        #expect(throws: SweepError.self) { try StudyOpener.openOrCreate(file: try edited(pruner: "median:n_startup=3"), storage: storage, force: true) }
        #expect(try storage.study(named: "s").systemAttributes[StudyOpener.appliedKey] == nil)
    }

    @Test func createStoresTrimmedSpecs() throws {
        var spaced = original
        spaced.pruner = " median "
        #expect(try StudyOpener.create(spaced, storage: storage).record.config.pruner == "median")
    }
}
