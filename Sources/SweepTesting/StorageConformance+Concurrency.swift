import Foundation
import SweepCore
import Synchronization
import Testing

extension StorageConformance {
    static let concurrencyChecks: [Check] = [
        Check("concurrency.trials") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let threads = 8
            let trialsPerThread = 15
            let steps = 5
            let shared = try await Support.running(storage, study)
            let numbers = Mutex<[Int]>([])
            try await Support.inParallel(threads) { thread in
                for i in 0..<trialsPerThread {
                    let trial = try await storage.createTrial(study: study.id, draft: TrialDraft(started: Date()))
                    numbers.withLock { $0.append(trial.number) }
                    for step in 0..<steps {
                        let recorded = try await storage.report(
                            trial: trial.id, step: step, metrics: ["value": Double(trial.number * 100 + step), "loss": 1])
                        #expect(recorded)
                    }
                    // Every thread also reports its own steps of one shared trial.
                    try await storage.report(trial: shared.id, step: thread * trialsPerThread + i, metrics: ["value": Double(thread)])
                    try await storage.setTrialAttribute(trial: trial.id, key: "thread", value: .number(Double(thread)), system: true)
                    try await storage.finishTrial(trial: trial.id, state: .complete, value: Double(trial.number), finished: Date())
                }
            }
            let total = threads * trialsPerThread
            #expect(numbers.withLock { $0.sorted() } == Array(1...total), "every trial got its own number, no gaps")
            let trials = try await storage.trials(study: study.id, states: [.complete])
            #expect(trials.count == total)
            for t in trials {
                #expect(t.curve("value").steps == Array(0..<steps), "trial \(t.number) lost no report")
                #expect(t.curve("value").values == (0..<steps).map { Double(t.number * 100 + $0) })
                #expect(t.curve("loss").count == steps)
                #expect(t.value == Double(t.number))
            }
            let sharedCurve = try await storage.trial(id: shared.id).curve("value")
            #expect(Set(sharedCurve.steps) == Set(0..<total), "concurrent reports to one trial are all kept")
            let changes = try await storage.changes(study: study.id, after: 0)
            #expect(changes.finished.count == total, "the feed has every finish")
            #expect(Set(changes.finished.map(\.number)).count == total)
            #expect(changes.trialAttributes.count == total)
            #expect(changes.finished.allSatisfy { $0.curve("value").count == steps })
            #expect(try await storage.changes(study: study.id, after: changes.cursor).isEmpty)
        },
        Check("concurrency.claims") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let queued = 40
            for i in 0..<queued { _ = try await Support.waiting(storage, study, ["i": .int(i)]) }
            let claimed = Mutex<[Trial]>([])
            try await Support.inParallel(8) { _ in
                let request = ClaimRequest(started: Date(), target: queued)
                while case .claimed(let trial) = try await storage.claimTrial(study: study.id, request: request, draw: { _, _ in ([:], [:]) }) {
                    claimed.withLock { $0.append(trial) }
                }
            }
            let all = claimed.withLock { $0 }
            #expect(all.count == queued, "every waiting trial is claimed")
            #expect(Set(all.map(\.number)) == Set(0..<queued), "and none twice")
            #expect(all.allSatisfy { $0.params["i"] == .int($0.number) })
            #expect(try await storage.trials(study: study.id, states: [.running]).count == queued)
        },
    ]
}
