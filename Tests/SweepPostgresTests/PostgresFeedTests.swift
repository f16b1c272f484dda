import Foundation
import SweepCore
import Synchronization
import Testing

@testable import SweepPostgres

/// The feed under concurrent writers: PostgreSQL commits transactions in any order, so a feed read
/// by an autoincrement id could be passed by a reader while an earlier id is uncommitted. Feed
/// positions taken under the study's row lock commit in order: a reader polling while writers
/// commit sees every change exactly once.
@Suite(.enabled(if: TestServer.isConfigured, TestServer.skipReason))
struct PostgresFeedTests {
    @Test func aReaderPollingWhileEightWritersCommitSeesEveryChangeOnce() async throws {
        try await TestServer.withDatabase { _, make in
            let writer = try await make()
            let reader = try await make()
            let study = try await writer.createStudy(StudyConfig(name: "feed"))
            let writers = 8
            let perWriter = 12
            let done = Shared(0)
            let seen = try await withThrowingTaskGroup(of: [Int].self) { group in
                for w in 0..<writers {
                    group.addTask {
                        defer { done.value.add(1, ordering: .sequentiallyConsistent) }
                        for i in 0..<perWriter {
                            let trial = try await writer.createTrial(study: study.id, draft: TrialDraft(started: Date()))
                            try await writer.setTrialAttribute(
                                trial: trial.id, key: "w", value: .number(Double(w * 100 + i)), system: true)
                            try await writer.finishTrial(trial: trial.id, state: .complete, value: 1, finished: Date())
                        }
                        return []
                    }
                }
                group.addTask {
                    var cursor: Int64 = 0
                    var finished: [Int] = []
                    var attributes = 0
                    while true {
                        let writing = done.value.load(ordering: .sequentiallyConsistent) < writers
                        let changes = try await reader.changes(study: study.id, after: cursor)
                        #expect(changes.cursor >= cursor, "the cursor never moves back")
                        cursor = changes.cursor
                        finished += changes.finished.map(\.number)
                        attributes += changes.trialAttributes.count
                        if !writing && changes.isEmpty { break }
                    }
                    #expect(attributes == writers * perWriter, "every attribute once")
                    return finished
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(seen.count == writers * perWriter, "every finish seen")
            #expect(Set(seen).count == seen.count, "none twice")
        }
    }

    @Test func aWriterHoldingTheStudyMakesTheNextWaitNotOvertake() async throws {
        try await TestServer.withDatabase { _, make in
            let storage = try await make()
            let study = try await storage.createStudy(StudyConfig(name: "order"))
            let first = try await storage.createTrial(study: study.id, draft: TrialDraft(started: Date()))
            let second = try await storage.createTrial(study: study.id, draft: TrialDraft(started: Date()))
            let holding = Shared(false)
            let release = Shared(false)
            // A transaction takes a feed position and holds it, uncommitted, until the test has looked.
            let slow = Task {
                try await storage.write("hold a feed position") { sql in
                    guard var locked = try await LockedStudy.lock(sql, study: study.id) else { return }
                    locked.append(FeedRow(kind: .trialAttribute, trialID: first.id, trialNumber: 0, key: "k", value: "1"))
                    try await locked.save(sql)
                    holding.value.store(true, ordering: .sequentiallyConsistent)
                    let deadline = ContinuousClock.now + .seconds(60)
                    while !release.value.load(ordering: .sequentiallyConsistent), ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(5))
                    }
                }
            }
            while !holding.value.load(ordering: .sequentiallyConsistent) { try await Task.sleep(for: .milliseconds(5)) }
            // Another writer's finish waits for it instead of committing a later position first.
            let finish = Task { try await storage.finishTrial(trial: second.id, state: .complete, value: 2, finished: Date()) }
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await storage.changes(study: study.id, after: 0).isEmpty, "nothing is visible while the first is open")
            release.value.store(true, ordering: .sequentiallyConsistent)
            try await slow.value
            _ = try await finish.value
            let changes = try await storage.changes(study: study.id, after: 0)
            #expect(changes.trialAttributes.map(\.key) == ["k"] && changes.finished.map(\.number) == [1])
            #expect(changes.cursor == 2, "positions 1 and 2, in commit order")
        }
    }
}

/// An atomic value that concurrent tasks share.
private final class Shared<Value: AtomicRepresentable>: Sendable where Value: Sendable {
    let value: Atomic<Value>
    init(_ initial: Value) { value = Atomic(initial) }
}
