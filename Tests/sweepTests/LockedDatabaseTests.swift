import Foundation
import GRDB
import Synchronization
import Testing

/// Another program holds the database's write lock for longer than SQLite's busy timeout (30 s)
/// in the middle of a `sweep run`: the writes that waited are retried, so the running trial is
/// not failed, and the run ends with every trial complete and every report stored.
@Suite(.timeLimit(.minutes(3))) struct LockedDatabaseTests {
    @Test func aWriteLockLongerThanTheBusyTimeoutFailsNoTrial() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try SweepProcess.write(
            """
            name = "locked"
            trials = 2
            workers = 2
            sampler = "random"
            pruner = "nop"
            [objective]
            command = ["./train.sh"]
            [params]
            x = "float:0:1"
            """, to: "study.toml", in: dir)
        try SweepProcess.write(
            """
            #!/bin/sh
            for s in 0 1 2 3 4 5 6 7 8 9; do echo "{\\"step\\": $s, \\"value\\": $s}"; sleep 0.5; done
            """, to: "train.sh", in: dir, executable: true)
        let run = Task.detached { try SweepProcess.run(["run", "study.toml"], in: dir) }
        // Once the trials have reported, hold the write lock for 35 s.
        try await Task.sleep(for: .seconds(2))
        var holdsTransactions = Configuration()
        holdsTransactions.allowsUnsafeTransactions = true
        let locker = try DatabaseQueue(path: dir.appendingPathComponent("sweep.db").path, configuration: holdsTransactions)
        try await locker.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        try await Task.sleep(for: .seconds(35))
        try await locker.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        let result = try await run.value
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("locked"), "the wait is said: \(result.stderr)")
        let listed = try SweepProcess.run(["trials", "--json", "--curves"], in: dir)
        let rows = (try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(rows.count == 2, "no trial failed and was replaced: \(rows.count) rows")
        for row in rows {
            #expect(row["state"] as? String == "complete", "trial \(row["number"] ?? "?"): \(row["state"] ?? "?")")
            let curve = (row["metrics"] as? [String: Any])?["value"] as? [[Double]] ?? []
            #expect(curve.count == 10, "trial \(row["number"] ?? "?") kept every report: \(curve.count)")
        }
    }
}
