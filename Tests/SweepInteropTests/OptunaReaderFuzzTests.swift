import Foundation
import SweepCore
import Testing

@testable import SweepInterop

/// Bad input gets a clear error of its kind, never a crash: files that are not SQLite, not
/// Optuna's, of another schema version, truncated or with garbage in their columns.
@Suite struct OptunaReaderFuzzTests {
    /// Opens and converts every study; any failure must be a `SweepError`.
    static func readEverything(_ path: String) throws(SweepError) -> [ImportedStudy] {
        let reader = try OptunaReader(path: path)
        return try OptunaImport.read(reader, names: nil)
    }

    @Test func aFileThatIsNotSQLiteIsNamedSo() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("notes.txt")
        try Data(String(repeating: "not a database\n", count: 500).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SweepError.invalidArgument("\(path) is not an Optuna database: it is not a SQLite file")) {
            try Self.readEverything(path)
        }
    }

    @Test func aMissingFileAnEmptyFileAndAnotherDatabaseAreNamedSo() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let missing = scratch.path("missing.db")
        #expect(throws: SweepError.invalidArgument("no Optuna database at \(missing): the file does not exist")) {
            try Self.readEverything(missing)
        }
        let empty = scratch.path("empty.db")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect(throws: SweepError.invalidArgument("\(empty) is not an Optuna database: it has no studies, trials and version_info tables (tables: none)")) {
            try Self.readEverything(empty)
        }
        let other = scratch.path("other.db")
        try Fixtures.execute(other, "CREATE TABLE study (id INTEGER)")
        #expect(throws: SweepError.invalidArgument("\(other) is not an Optuna database: it has no studies, trials and version_info tables (tables: study)")) {
            try Self.readEverything(other)
        }
    }

    @Test(arguments: [
        ("v2.6.0.a", "upgrade it with `optuna storage upgrade"), ("v9.0.0.a", "which this Sweep does not know"),
    ])
    func anotherSchemaVersionIsRefused(revision: String, says: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("optuna.db")
        try Fixtures.file(path)
        try Fixtures.execute(path, "UPDATE alembic_version SET version_num = '\(revision)'")
        do {
            _ = try Self.readEverything(path)
            Issue.record("schema \(revision) was read")
        } catch {
            #expect(error.description.contains(says), "\(error)")
            // An older schema is bad input; a newer one is a schema this Sweep does not know.
            if revision.hasPrefix("v9") { #expect(error == .schemaTooNew(error.description)) }
        }
    }

    @Test(arguments: [
        ("UPDATE trial_params SET param_value = 'abc' WHERE param_name = 'x'", "column trial_params.param_value holds 'abc', expected a number"),
        ("UPDATE trial_params SET distribution_json = '{' WHERE param_name = 'x'", "parameter 'x' (trial_params): not JSON at byte 1"),
        ("UPDATE trial_params SET param_value = 9 WHERE param_name = 'c'", "choice index 9.0 is not one of 0..<4"),
        ("UPDATE trials SET state = 'ZOMBIE'", "column trials.state holds 'ZOMBIE'"),
        ("UPDATE trials SET datetime_start = 'yesterday'", "column trials.datetime_start holds 'yesterday'"),
        ("UPDATE trial_values SET value_type = 'HUGE'", "column trial_values.value_type holds 'HUGE'"),
        ("UPDATE trial_intermediate_values SET intermediate_value = NULL", "column trial_intermediate_values.intermediate_value holds NULL"),
        ("UPDATE trial_user_attributes SET value_json = 'nope'", "column trial_user_attributes.value_json holds 'nope', expected JSON"),
        ("UPDATE study_directions SET direction = 'SIDEWAYS'", "column study_directions.direction holds 'SIDEWAYS'"),
        ("DELETE FROM study_directions", "has no row in study_directions"),
        ("UPDATE trial_values SET objective = 1", "has a value for objective 1"),
        ("DROP TABLE trial_values", "without the tables trial_values"),
    ])
    func garbageInAColumnIsNamedAsDamage(sql: String, says: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("optuna.db")
        try Fixtures.file(path)
        try Fixtures.execute(path, sql)
        do {
            _ = try Self.readEverything(path)
            Issue.record("\(sql): read without an error")
        } catch {
            #expect(error == .corrupt(String(error.description.dropFirst("damaged database: ".count))), "\(sql): \(error)")
            #expect(error.description.contains(says), "\(sql): \(error)")
        }
    }

    /// Every prefix length in steps, and bytes overwritten with garbage at many places: an
    /// error or a read, never a trap.
    @Test func truncatedAndScribbledFilesNeverCrash() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let good = scratch.path("good.db")
        try Fixtures.file(good, [Fixtures.study("a", trials: 40), Fixtures.study("b", trials: 20)])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        var rng = SystemRandomNumberGenerator()
        var damaged = 0
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)) {
            let path = scratch.path("cut-\(cut).db")
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: path))
            do { _ = try Self.readEverything(path) } catch { damaged += 1 }
        }
        for round in 0..<60 {
            var scribbled = bytes
            let start = Int.random(in: 100..<bytes.count, using: &rng)
            for i in start..<min(bytes.count, start + Int.random(in: 1...64, using: &rng)) { scribbled[i] = UInt8.random(in: 0...255, using: &rng) }
            let path = scratch.path("scribbled-\(round).db")
            try scribbled.write(to: URL(fileURLWithPath: path))
            do { _ = try Self.readEverything(path) } catch { damaged += 1 }
        }
        // Most cuts lose tables or pages: they were refused, with a SweepError (typed throws).
        #expect(damaged > 20)
    }

    @Test func anImportThatFailsHalfWayLeavesNothing() async throws {
        let memory: any Storage = InMemoryStorage()
        let storage = FailingStorage(base: memory, failAfter: 6)
        let studies = try [Fixtures.study("a"), Fixtures.study("b")].map { try ImportedStudy($0) }
        await #expect(throws: SweepError.storageUnavailable("the disk is full")) {
            try await OptunaImport.store(studies, into: storage)
        }
        // Study a was stored whole and b half: both are gone.
        #expect(try await memory.studies().isEmpty)
    }
}
