import Foundation
import SweepCore
import SweepTesting
import Synchronization
import Testing

@testable import SweepSQLite

/// Several `SQLiteStorage` instances (separate connections, as separate processes would have) on
/// one file, writing at once.
@Suite struct SharedFileTests {
    @Test(arguments: [SQLiteStorage.Connection.queue, .pool])
    func workersOnSeparateConnections(_ connection: SQLiteStorage.Connection) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("shared.db")
        let study = try await SQLiteStorage(path: path).createStudy(StudyConfig(name: "shared"))
        let workers = 6
        let trialsPerWorker = 25
        let steps = 8
        let total = workers * trialsPerWorker
        let numbers = Mutex<[Int]>([])
        let seenFinished = Mutex<[Int: Set<Int>]>([:])
        // Every worker has its own connection and follows the feed as it goes, like a study would.
        try await Concurrently.run(workers) { worker in
            let storage = try SQLiteStorage(path: path, connection: connection)
            var cursor: Int64 = 0
            var seen: Set<Int> = []
            func follow() async throws {
                let changes = try await storage.changes(study: study.id, after: cursor)
                #expect(changes.cursor >= cursor)
                for trial in changes.finished {
                    #expect(seen.insert(trial.number).inserted, "worker \(worker) saw trial \(trial.number) twice")
                    #expect(trial.curve("value").count == steps, "a finished trial in the feed has its whole curve")
                }
                cursor = changes.cursor
            }
            for _ in 0..<trialsPerWorker {
                let trial = try await storage.createTrial(study: study.id, draft: TrialDraft(started: Date()))
                numbers.withLock { $0.append(trial.number) }
                for step in 0..<steps {
                    let value = Double(trial.number) + Double(step) / 100
                    #expect(try await storage.report(trial: trial.id, step: step, metrics: ["value": value, "loss": -value]))
                    try await follow()
                }
                try await storage.setTrialAttribute(trial: trial.id, key: "worker", value: .number(Double(worker)), system: true)
                try await storage.finishTrial(trial: trial.id, state: .complete, value: Double(trial.number), finished: Date())
            }
            // Wait until the others are done too, then catch up.
            while seen.count < total {
                try await follow()
                if seen.count < total { try await Task.sleep(for: .milliseconds(5)) }
            }
            seenFinished.withLock { $0[worker] = seen }
        }
        #expect(numbers.withLock { $0.sorted() } == Array(0..<total), "unique numbers, no gaps")
        let storage = try SQLiteStorage(path: path)
        let trials = try await storage.trials(study: study.id, states: nil)
        #expect(trials.count == total)
        for trial in trials {
            #expect(trial.state == .complete)
            #expect(trial.curve("value").steps == Array(0..<steps), "trial \(trial.number) lost no report")
            #expect(trial.curve("loss").count == steps)
        }
        #expect(seenFinished.withLock { $0.count } == workers)
        for (worker, seen) in seenFinished.withLock({ $0 }) {
            #expect(seen == Set(0..<total), "worker \(worker) saw every finish through the feed")
        }
        let feed = try await storage.changes(study: study.id, after: 0)
        #expect(feed.finished.count == total && feed.trialAttributes.count == total)
    }

    /// Workers on separate connections claim enqueued trials: each is claimed exactly once.
    @Test func claimsAcrossConnections() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("queue.db")
        let setup = try SQLiteStorage(path: path)
        let study = try await setup.createStudy(StudyConfig(name: "q"))
        for i in 0..<60 {
            _ = try await setup.createTrial(study: study.id, draft: TrialDraft(state: .waiting, params: ["i": .int(i)]))
        }
        let claimed = Mutex<[Int]>([])
        try await Concurrently.run(6) { _ in
            let storage = try SQLiteStorage(path: path)
            let request = ClaimRequest(started: Date(), target: 60)
            while case .claimed(let trial) = try await storage.claimTrial(study: study.id, request: request, draw: { _, _ in ([:], [:]) }) {
                #expect(trial.params["i"] == .int(trial.number))
                claimed.withLock { $0.append(trial.number) }
            }
        }
        #expect(claimed.withLock { $0.sorted() } == Array(0..<60))
    }
}
