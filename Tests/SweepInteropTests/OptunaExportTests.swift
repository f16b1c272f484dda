import Foundation
import GRDB
import SweepCore
import SweepSQLite
import Testing

@testable import SweepInterop

/// Sweep studies written as Optuna databases: Optuna 5.0.0's `load_study` reads them field by
/// field, the schema is the one Optuna creates, and an import gives the same Sweep study back.
@Suite(.enabled(if: OptunaPython.isEnabled, "needs python3 with optuna 5.0.0 (CI makes it required)"))
struct OptunaExportTests {
    /// Exports the fixture study from `storage` into `path`.
    static func export(_ name: String, from storage: any Storage, to path: String) async throws -> (StudyRecord, [Trial]) {
        let record = try await SweepStudyFixture.make(name, in: storage)
        let trials = try await storage.trials(study: record.id, states: nil)
        let (study, warnings) = OptunaExport.study(record, trials: trials)
        #expect(warnings.isEmpty, "\(warnings)")
        try OptunaWriter.write([study], to: path)
        return (record, trials)
    }

    @Test(arguments: ["memory", "sqlite"])
    func optunaReadsWhatSweepWrites(storageKind: String) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let storage: any Storage = storageKind == "sqlite" ? try SQLiteStorage(path: scratch.path("sweep.db")) : InMemoryStorage()
        let file = scratch.path("out.db")
        let (record, trials) = try await Self.export("sweep-made", from: storage, to: file)
        let dump = try await OptunaPython.dump(file)
        let optuna = try #require(dump.studies.first)
        #expect(dump.studies.count == 1 && optuna.name == "sweep-made")
        try Comparison.expectSame(record, optuna, ignoringSweepKeys: true)
        #expect(optuna.system_attrs[SweepKeys.study] != nil)
        #expect(optuna.trials.count == trials.count)
        for (trial, dumped) in zip(trials, optuna.trials) {
            try Comparison.expectSame(trial, dumped, objective: "reward", otherCurvesAsAttributes: true)
        }
    }

    @Test func anImportOfAnExportIsTheSameStudy() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.path("out.db")
        let (record, trials) = try await Self.export("round", from: InMemoryStorage(), to: file)
        let storage: any Storage = InMemoryStorage()
        let imported = try OptunaImport.read(try OptunaReader(path: file), names: nil)
        #expect(imported.flatMap(\.warnings).isEmpty)
        let back = try #require(try await OptunaImport.store(imported, into: storage).first)
        // The settings come back from sweep:study: objective, sampler, pruner, seed, space.
        #expect(back.config == record.config)
        #expect(back.userAttributes == record.userAttributes && back.systemAttributes == record.systemAttributes)
        #expect(back.notes.map(\.text) == record.notes.map(\.text))
        let again = try await storage.trials(study: back.id, states: nil)
        #expect(again.count == trials.count)
        for (a, b) in zip(again, trials) {
            #expect(a.number == b.number && a.state == b.state && a.params == b.params && a.distributions == b.distributions)
            #expect(a.value == b.value, "trial \(a.number): value")
            #expect(a.userAttributes == b.userAttributes && a.systemAttributes == b.systemAttributes, "trial \(a.number): attributes")
            #expect(a.notes.map(\.text) == b.notes.map(\.text), "trial \(a.number): notes")
            // Every curve, the objective's and the others, NaN and infinities included.
            #expect(Set(a.metrics.keys) == Set(b.metrics.keys), "trial \(a.number): metrics")
            for (metric, curve) in b.metrics {
                let got = a.curve(metric)
                #expect(got.steps == curve.steps, "trial \(a.number): steps of \(metric)")
                #expect(zip(got.values, curve.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "trial \(a.number): \(metric)")
            }
            Comparison.expectTime(a.started, b.started?.timeIntervalSince1970, "trial \(a.number): start")
            Comparison.expectTime(a.finished, b.finished?.timeIntervalSince1970, "trial \(a.number): end")
        }
    }

    @Test func theSchemaIsTheOneOptunaCreates() async throws {
        try await OptunaPython.withStudies { scratch, optunaFile in
            let sweepFile = scratch.path("sweep.db")
            _ = try await Self.export("s", from: InMemoryStorage(), to: sweepFile)
            let sql = "SELECT type || ' ' || name || ' ' || ifnull(sql, '') FROM sqlite_master ORDER BY name"
            func schema(_ path: String) throws -> [String] {
                try DatabaseQueue(path: path).read { db in
                    try String.fetchAll(db, sql: sql).map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
                }
            }
            // Tables, indexes, constraints, whitespace aside.
            #expect(try schema(sweepFile) == schema(optunaFile))
            let versions = "SELECT schema_version || ' ' || library_version || ' ' || (SELECT version_num FROM alembic_version) FROM version_info"
            let ours = try await DatabaseQueue(path: sweepFile).read { try String.fetchOne($0, sql: versions) }
            let theirs = try await DatabaseQueue(path: optunaFile).read { try String.fetchOne($0, sql: versions) }
            #expect(ours == "12 5.0.0 v3.2.0.a" && ours == theirs)
        }
    }

    @Test func anOptunaFileGetsTheStudyAddedOnceAndIsLeftAloneOtherwise() async throws {
        try await OptunaPython.withStudies { _, file in
            let storage: any Storage = InMemoryStorage()
            let record = try await SweepStudyFixture.make("added", in: storage)
            let study = OptunaExport.study(record, trials: try await storage.trials(study: record.id, states: nil)).study
            try OptunaWriter.write([study], to: file)
            #expect(try await OptunaPython.dump(file).studies.map(\.name) == ["mixed", "maxi", "multi", "empty", "added"])
            let before = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(throws: SweepError.duplicateStudy("added")) { try OptunaWriter.write([study], to: file) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        }
    }
}
