import Foundation
import SweepCore
import SweepSQLite
import Testing

@testable import SweepInterop

/// Studies made by Optuna 5.0.0 come into Sweep's storages with every field: states, parameters
/// and distributions, values, intermediate values, attributes and times.
@Suite(.enabled(if: OptunaPython.isEnabled, "needs python3 with optuna 5.0.0 (CI makes it required)"))
struct OptunaImportTests {
    /// The storages an import is checked on.
    static func storage(_ kind: String, in scratch: Scratch) throws -> any Storage {
        kind == "sqlite" ? try SQLiteStorage(path: scratch.path("sweep.db")) : InMemoryStorage()
    }

    @Test(arguments: ["memory", "sqlite"])
    func everyFieldComesOver(storageKind: String) async throws {
        try await OptunaPython.withStudies { scratch, file in
            let dump = try await OptunaPython.dump(file)
            #expect(dump.optuna == "5.0.0")
            let storage = try Self.storage(storageKind, in: scratch)
            let reader = try OptunaReader(path: file)
            #expect(reader.revision == "v3.2.0.a" && reader.libraryVersion == "5.0.0")
            let studies = try OptunaImport.read(reader, names: ["mixed", "maxi", "empty"])
            // The None choice is named once, not once per trial.
            #expect(studies[0].warnings.filter { $0.contains("None") }.count == 1, "\(studies[0].warnings)")
            _ = try await OptunaImport.store(studies, into: storage)
            for optuna in dump.studies where optuna.name != "multi" {
                let record = try await storage.study(named: optuna.name)
                try Comparison.expectSame(record, optuna)
                let trials = try await storage.trials(study: record.id, states: nil)
                #expect(trials.count == optuna.trials.count, "\(optuna.name): trial count")
                for (trial, dumped) in zip(trials, optuna.trials) { try Comparison.expectSame(trial, dumped) }
            }
            // The mixed study has every state, NaN and infinity among intermediate values.
            let mixed = try #require(dump.studies.first { $0.name == "mixed" })
            #expect(Set(mixed.trials.map(\.state)) == ["COMPLETE", "PRUNED", "FAIL", "RUNNING", "WAITING"])
            // The space is every parameter the trials drew, for `sweep ask` to go on.
            #expect(Set(try await storage.study(named: "mixed").config.space.names) == ["x", "lr", "q", "n", "m", "k", "c"])
        }
    }

    @Test func prunerStateReachesTheFeed() async throws {
        try await OptunaPython.withStudies { _, file in
            let storage: any Storage = InMemoryStorage()
            let record = try #require(try await OptunaImport.store(OptunaImport.read(OptunaReader(path: file), names: ["mixed"]), into: storage).first)
            let changes = try await storage.changes(study: record.id, after: 0)
            // Successive halving's rungs come through the feed, as a Sweep pruner's own would.
            let rungs = changes.trialAttributes.filter { $0.key.hasPrefix("completed_rung_") }
            #expect(!rungs.isEmpty)
            let stored = try await storage.trials(study: record.id, states: nil)
            #expect(rungs.count == stored.reduce(0) { $0 + $1.systemAttributes.keys.filter { $0.hasPrefix("completed_rung_") }.count })
        }
    }

    @Test func aMultiObjectiveStudyIsRefusedAndNothingIsWritten() async throws {
        try await OptunaPython.withStudies { _, file in
            let reader = try OptunaReader(path: file)
            #expect {
                try OptunaImport.read(reader, names: nil)
            } throws: { error in
                // --all reads every study before writing any: the multi-objective one stops it.
                guard case SweepError.invalidArgument(let message) = error else { return false }
                return message == "study 'multi' has 2 objectives (MINIMIZE, MAXIMIZE); Sweep studies have one objective, so it cannot be imported"
            }
        }
    }

    @Test func aTakenNameIsRefusedUnlessRenamed() async throws {
        try await OptunaPython.withStudies { _, file in
            let reader = try OptunaReader(path: file)
            let storage: any Storage = InMemoryStorage()
            _ = try await OptunaImport.store(try OptunaImport.read(reader, names: ["maxi"]), into: storage)
            await #expect(throws: SweepError.duplicateStudy("maxi")) {
                try await OptunaImport.store(try OptunaImport.read(reader, names: ["maxi"]), into: storage)
            }
            // Both studies of this import are checked before either is written.
            await #expect(throws: SweepError.duplicateStudy("maxi")) {
                try await OptunaImport.store(try OptunaImport.read(reader, names: ["empty", "maxi"]), into: storage)
            }
            #expect(try await storage.studies().map(\.record.name) == ["maxi"])
            let renamed = try await OptunaImport.store(try OptunaImport.read(reader, names: ["maxi"], rename: "maxi-2"), into: storage)
            #expect(renamed.map(\.name) == ["maxi-2"])
            #expect(try await storage.trialCount(study: renamed[0].id) == 4)
        }
    }
}
