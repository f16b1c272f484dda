import Foundation
import SweepCore
import Testing

@testable import SweepInterop

/// `sweep import optuna` and `sweep export optuna` as users run them: what they print, the exit
/// status of each kind of bad input, and nothing written when they fail. The files are made by
/// `OptunaWriter`, so these run without Python.
@Suite struct OptunaCommandTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the built `sweep` binary (beside the test bundle) in `directory`.
    static func sweep(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sweep")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["SWEEP_STORAGE"] = nil
        environment["SWEEP_STUDY"] = nil
        process.environment = environment
        let out = directory.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    @Test func importThenExportThenImportAgain() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try Fixtures.file(scratch.path("optuna.db"))
        let dir = scratch.url
        // SQLAlchemy's URL: three slashes and a relative path.
        let imported = try Self.sweep(["import", "optuna", "--from", "sqlite:///optuna.db", "--study", "a"], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "imported study 'a' from optuna.db: 5 trials (4 complete, 1 pruned)\n")
        let taken = try Self.sweep(["import", "optuna", "--from", "sqlite:///optuna.db", "--study", "a"], in: dir)
        #expect(taken.status == 73)
        #expect(taken.stderr.contains("import it under another name with --rename NEW"), "\(taken.stderr)")
        let renamed = try Self.sweep(["import", "optuna", "--from", "optuna.db", "--study", "a", "--rename", "a2", "--json"], in: dir)
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(renamed.stdout.contains(#""study":"a2""#), "\(renamed.stdout)")
        let exported = try Self.sweep(["export", "optuna", "--to", "sqlite:///\(scratch.path("out.db"))", "--study", "a2"], in: dir)
        // Four slashes: an absolute path.
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout == "exported study 'a2' (5 trials) to \(scratch.path("out.db"))\n")
        let again = try Self.sweep(["export", "optuna", "--to", "out.db", "--study", "a2"], in: dir)
        #expect(again.status == 73, "\(again.stderr)")
        let back = try Self.sweep(["import", "optuna", "--from", "out.db", "--rename", "a3", "--storage", "sqlite:other.db"], in: dir)
        #expect(back.status == 0, "\(back.stderr)")
        let trials = try Self.sweep(["trials", "--study", "a3", "--storage", "sqlite:other.db"], in: dir)
        #expect(trials.stdout.split(separator: "\n").count >= 5, "\(trials.stdout)")
    }

    @Test func badInputExitsWithItsStatusAndWritesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = scratch.url
        try Fixtures.file(scratch.path("optuna.db"))
        var multi = Fixtures.study("multi")
        multi.directions = ["MINIMIZE", "MAXIMIZE"]
        try Fixtures.file(scratch.path("multi.db"), [Fixtures.study("fine"), multi])
        try Data("hello".utf8).write(to: scratch.url.appendingPathComponent("text.db"))
        try Fixtures.file(scratch.path("newer.db"))
        try Fixtures.execute(scratch.path("newer.db"), "UPDATE alembic_version SET version_num = 'v9.0.0.a'")
        try Fixtures.file(scratch.path("damaged.db"))
        try Fixtures.execute(scratch.path("damaged.db"), "UPDATE trials SET state = 'ZOMBIE'")
        let cases: [([String], Int32, String)] = [
            (["--from", "text.db"], 64, "is not an Optuna database: it is not a SQLite file"),
            (["--from", "missing.db"], 64, "the file does not exist"),
            (["--from", "newer.db", "--all"], 76, "schema version 'v9.0.0.a'"),
            (["--from", "damaged.db", "--all"], 65, "column trials.state holds 'ZOMBIE'"),
            (["--from", "optuna.db", "--study", "nope"], 66, "holds the studies: a, b"),
            (["--from", "optuna.db"], 64, "holds 2 studies (a, b); choose one with --study NAME, or --all"),
            (["--from", "multi.db", "--all"], 64, "study 'multi' has 2 objectives"),
            (["--from", "mysql://u@h/db"], 64, "and PostgreSQL (postgresql://USER@HOST/DB), not mysql"),
            (["--from", "optuna.db", "--all", "--rename", "x"], 64, "--rename names one study"),
        ]
        for (arguments, status, message) in cases {
            let r = try Self.sweep(["import", "optuna"] + arguments, in: dir)
            #expect(r.status == status, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
        // Nothing was imported by any of them, not even the fine study beside the multi-objective one.
        let studies = try Self.sweep(["studies", "--json"], in: dir)
        #expect(studies.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]" || studies.status != 0, "\(studies.stdout)")
    }
}
