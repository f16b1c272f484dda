import Foundation
import GRDB
import Testing

/// Each kind of failure exits with its own status (the README's table), so a script can tell a
/// storage to try again later from bad input, a missing study or a damaged database; the message
/// names what was wrong.
@Suite struct ExitStatusTests {
    /// A folder with a study `a` that has one complete trial.
    static func studyFolder() async throws -> URL {
        let dir = try SweepProcess.temporaryDirectory()
        for args in [["create", "a", "--param", "x=float:0:1"], ["ask"], ["tell", "--trial", "0", "--value", "0.5"]] {
            let r = try await SweepProcess.run(args, in: dir)
            #expect(r.status == 0, "sweep \(args): \(r.stderr)")
        }
        return dir
    }

    @Test func badInputNotFoundAndExistingAreTold() async throws {
        let dir = try await Self.studyFolder()
        let cases: [([String], Int32, String)] = [
            (["create", "b", "--param", "x=float:1:0"], 64, "low must be <= high"),
            (["create", "b", "--pruner", "median:warmup=3"], 64, "median"),
            (["trials", "--study", "nope"], 66, "no study named 'nope'"),
            (["show", "7"], 66, "has no trial number 7"),
            (["create", "a"], 73, "a study named 'a' already exists"),
        ]
        for (args, status, message) in cases {
            let r = try await SweepProcess.run(args, in: dir)
            #expect(r.status == status, "sweep \(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(message), "sweep \(args): \(r.stderr)")
        }
    }

    @Test func aDamagedValueNamesItsTableAndColumn() async throws {
        let dir = try await Self.studyFolder()
        try await DatabaseQueue(path: dir.appendingPathComponent("sweep.db").path).write { db in
            try db.execute(sql: "UPDATE trial SET state = 'lost' WHERE number = 0")
        }
        let r = try await SweepProcess.run(["trials"], in: dir)
        #expect(r.status == 65, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("damaged database: column trial.state holds 'lost'"), "\(r.stderr)")
    }

    @Test func aDatabaseALaterSweepWroteIsRefused() async throws {
        let dir = try await Self.studyFolder()
        try await DatabaseQueue(path: dir.appendingPathComponent("sweep.db").path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        }
        for args in [["trials"], ["ask"]] {
            let r = try await SweepProcess.run(args, in: dir)
            #expect(r.status == 76, "sweep \(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("sweep.db: the database's schema is newer than this sweep (it has migration 'v99: from the future'"), "\(r.stderr)")
        }
    }

    @Test func aStorageOutOfReachSaysTryAgain() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        // Nothing listens on port 1.
        let r = try await SweepProcess.run(["studies", "--storage", "postgres://postgres@127.0.0.1:1/sweep"], in: dir)
        #expect(r.status == 75, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("storage unavailable"), "\(r.stderr)")
    }
}
