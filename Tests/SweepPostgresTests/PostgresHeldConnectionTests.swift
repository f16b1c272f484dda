import Foundation
import SweepCore
import SweepPostgres
import Testing

/// The connection a storage holds for calls made one after another, and the prepared statements
/// on it: when the server ends every connection of the database, the next calls still succeed
/// (the broken held connection is dropped and the call retried through the pool, where the
/// prepared statements are prepared again), and calls made at the same time share the pool.
@Suite(.enabled(if: TestServer.isConfigured, TestServer.skipReason))
struct PostgresHeldConnectionTests {
    @Test func callsSurviveTheServerEndingEveryConnection() async throws {
        try await TestServer.withDatabase { url, make in
            let storage = try await make()
            let study = try await storage.createStudy(StudyConfig(name: "held"))
            let trial = try await storage.createTrial(study: study.id, draft: TrialDraft(started: Date()))
            // Enough calls, a little apart, for the held connection to open and be used.
            for step in 0..<20 {
                try await storage.report(trial: trial.id, step: step, metrics: ["value": Double(step)])
                try await Task.sleep(for: .milliseconds(5))
            }
            try await Self.endEveryConnection(url)
            for step in 20..<40 {
                let (added, _) = try await storage.report(
                    trial: trial.id, steps: [StepReport(step: step, metrics: ["value": Double(step)])],
                    thenChangesOf: study.id, after: 0, curves: .all)
                #expect(added == 1)
            }
            try await storage.finishTrial(trial: trial.id, state: .complete, value: 39, finished: Date())
            let read = try await storage.trial(id: trial.id)
            #expect(read.state == .complete)
            #expect(read.curve("value").steps == Array(0..<40))
        }
    }

    @Test func concurrentCallsAllLand() async throws {
        try await TestServer.withDatabase { _, make in
            let storage = try await make()
            let study = try await storage.createStudy(StudyConfig(name: "together"))
            var trials: [Int64] = []
            for _ in 0..<8 { trials.append(try await storage.createTrial(study: study.id, draft: TrialDraft(started: Date())).id) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for trial in trials {
                    group.addTask {
                        for step in 0..<25 { try await storage.report(trial: trial, step: step, metrics: ["value": 1]) }
                        try await storage.finishTrial(trial: trial, state: .complete, value: 1, finished: Date())
                    }
                }
                try await group.waitForAll()
            }
            let changes = try await storage.changes(study: study.id, after: 0)
            for trial in trials {
                let read = try await storage.trial(id: trial)
                #expect(read.state == .complete)
                #expect(read.curve("value").steps == Array(0..<25))
            }
            #expect(changes.cursor > 0)
        }
    }

    /// Ends every other connection to the database, as a server restart or an administrator would.
    private static func endEveryConnection(_ url: PostgresURL) async throws {
        let admin = try await PostgresReading(url: url)
        defer { Task { await admin.close() } }
        let ended = try await admin.rows(
            """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
            """)
        #expect(!ended.isEmpty, "the storage had connections open")
    }
}
