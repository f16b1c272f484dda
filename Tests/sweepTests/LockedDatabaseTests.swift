import Foundation
import GRDB
import Synchronization
import Testing

/// Another program holds the database's write lock for longer than SQLite's busy timeout (30 s)
/// in the middle of a `sweep run`: the writes that waited are retried, so the running trial is
/// not failed, and the run ends with every trial complete and every report stored.
@Suite(.timeLimit(.minutes(10))) struct LockedDatabaseTests {
    @Test func aWriteLockLongerThanTheBusyTimeoutFailsNoTrial() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try SweepProcess.writeSteadyStudy("locked", trials: 2, workers: 2, steps: 10, pause: 4, in: dir)
        let (run, ended) = SweepProcess.runInBackground(["run", "study.toml"], in: dir)
        // Once both trials run, hold the write lock for 35 s. On a thread of its own, so that a
        // busy test machine cannot hold the lock back until the run is over.
        let lockedWhileRunning = try await withCheckedThrowingContinuation { continuation in
            Thread {
                do {
                    let deadline = Date().addingTimeInterval(120)
                    while Date() < deadline && SweepProcess.startedTrials(in: dir) < 2 { Thread.sleep(forTimeInterval: 0.05) }
                    Thread.sleep(forTimeInterval: 1)
                    var holdsTransactions = Configuration()
                    holdsTransactions.allowsUnsafeTransactions = true
                    let locker = try DatabaseQueue(path: dir.appendingPathComponent("sweep.db").path, configuration: holdsTransactions)
                    try locker.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
                    let running = !ended.isSet
                    Thread.sleep(forTimeInterval: 35)
                    try locker.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
                    continuation.resume(returning: running)
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
        #expect(lockedWhileRunning, "the lock came while the run was going")
        let result = try await run.value
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("locked"), "the wait is said: \(result.stderr)")
        let listed = try await SweepProcess.run(["trials", "--json", "--curves"], in: dir)
        let rows = (try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(rows.count == 2, "no trial failed and was replaced: \(rows.count) rows")
        for row in rows {
            #expect(row["state"] as? String == "complete", "trial \(row["number"] ?? "?"): \(row["state"] ?? "?")")
            let curve = (row["metrics"] as? [String: Any])?["value"] as? [[Double]] ?? []
            #expect(curve.count == 10, "trial \(row["number"] ?? "?") kept every report: \(curve.count)")
        }
    }
}
