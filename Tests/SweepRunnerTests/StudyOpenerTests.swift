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

    @Test func aNewStudyIsCreatedAndTheSameFileOpensIt() async throws {
        _ = try await StudyOpener.openOrCreate(file: original, storage: storage, force: false)
        let again = try await StudyOpener.openOrCreate(file: original, storage: storage, force: false)
        #expect(again.record.config == original)
    }

    @Test func anEditedFileIsRefusedListingEachDifference() async throws {
        _ = try await StudyOpener.openOrCreate(file: original, storage: storage, force: false)
        let error = await #expect(throws: SweepError.self) {
            try await StudyOpener.openOrCreate(file: try edited(pruner: "hyperband", lr: "float:0.001:1:log"), storage: storage, force: false)
        }
        let message = error?.description ?? ""
        #expect(message.contains("pruner: stored median, file hyperband"))
        #expect(message.contains("parameter 'lr': stored float:0.001:0.1:log, file float:0.001:1:log"))
        #expect(message.contains("--force"))
    }

    @Test func forceStoresAndUsesSafeChangesAndNotesThem() async throws {
        _ = try await StudyOpener.openOrCreate(file: original, storage: storage, force: false)
        let file = try edited(pruner: "hyperband", lr: "float:0.001:1:log")
        let forced = try await StudyOpener.openOrCreate(file: file, storage: storage, force: true)
        #expect(forced.record.config.pruner == "hyperband")
        #expect(forced.pruner is HyperbandPruner)
        // Every later handle sees the applied settings, and the same file now opens without --force.
        let reopened = try await StudyOpener.open(named: "s", storage: storage)
        #expect(reopened.record.config.space == file.space && reopened.record.config.pruner == "hyperband")
        #expect(try await StudyOpener.openOrCreate(file: file, storage: storage, force: false).record.config.pruner == "hyperband")
        let notes = try storage.study(named: "s").notes.map(\.text)
        #expect(notes == ["study file applied with --force: pruner: stored median, file hyperband; parameter 'lr': stored float:0.001:0.1:log, file float:0.001:1:log"])
        // What the study was created with stays on record.
        #expect(try storage.study(named: "s").config.pruner == "median")
    }

    @Test func forceStillRefusesChangesThatBreakStoredTrials() async throws {
        _ = try await StudyOpener.openOrCreate(file: original, storage: storage, force: false)
        let error = await #expect(throws: SweepError.self) {
            try await StudyOpener.openOrCreate(file: try edited(pruner: "nop", lr: "float:0.01:0.1:log", seed: 4), storage: storage, force: true)
        }
        let message = error?.description ?? ""
        #expect(message.contains("--force cannot apply"))
        #expect(message.contains("seed: stored 0, file 4") && message.contains("parameter 'lr'") && !message.contains("pruner:"))
        #expect(try storage.study(named: "s").notes.isEmpty)
        #expect(try await StudyOpener.open(named: "s", storage: storage).record.config.pruner == "median")
    }

    @Test func aBrokenNewSpecIsRefusedBeforeAnythingIsStored() async throws {
        _ = try await StudyOpener.openOrCreate(file: original, storage: storage, force: false)
        await #expect(throws: SweepError.self) { try await StudyOpener.openOrCreate(file: try edited(pruner: "median:n_startup=3"), storage: storage, force: true) }
        #expect(try storage.study(named: "s").systemAttributes[StudyOpener.appliedKey] == nil)
    }

    @Test func createStoresTrimmedSpecs() async throws {
        var spaced = original
        spaced.pruner = " median "
        #expect(try await StudyOpener.create(spaced, storage: storage).record.config.pruner == "median")
    }
}
