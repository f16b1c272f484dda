import Foundation
import SweepCore
import Testing

extension StorageConformance {
    /// Index snapshots: stored per study, never replaced by an older one, gone with the study; and
    /// a `Study` handle that starts from one decides exactly as one that read the whole feed.
    static let snapshotChecks: [Check] = [
        Check("snapshot.store") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            #expect(try await storage.indexSnapshot(study: study.id) == nil, "a new study has no snapshot")
            #expect(try await storage.indexSnapshotCursor(study: study.id) == nil)
            // Every byte value, and a few megabytes.
            var bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
            bytes[0] = 0
            try await storage.storeIndexSnapshot(study: study.id, IndexSnapshot(cursor: 5, bytes: bytes))
            #expect(try await storage.indexSnapshot(study: study.id) == IndexSnapshot(cursor: 5, bytes: bytes))
            #expect(try await storage.indexSnapshotCursor(study: study.id) == 5)
            // An older or equal cursor never replaces a newer snapshot; a newer one does.
            try await storage.storeIndexSnapshot(study: study.id, IndexSnapshot(cursor: 3, bytes: [1]))
            try await storage.storeIndexSnapshot(study: study.id, IndexSnapshot(cursor: 5, bytes: [2]))
            #expect(try await storage.indexSnapshot(study: study.id)?.bytes == bytes, "kept the snapshot at cursor 5")
            try await storage.storeIndexSnapshot(study: study.id, IndexSnapshot(cursor: 9, bytes: []))
            #expect(try await storage.indexSnapshot(study: study.id) == IndexSnapshot(cursor: 9, bytes: []))
        },
        Check("snapshot.perStudy") { make in
            let storage = try await make()
            let a = try await Support.study(storage, "a")
            let b = try await Support.study(storage, "b")
            try await storage.storeIndexSnapshot(study: a.id, IndexSnapshot(cursor: 1, bytes: [1]))
            #expect(try await storage.indexSnapshot(study: b.id) == nil, "one study's snapshot is not another's")
            try await storage.deleteStudy(a.id)
            let again = try await Support.study(storage, "a")
            #expect(try await storage.indexSnapshot(study: again.id) == nil, "a deleted study's snapshot is gone")
            let missing = again.id + b.id + 1000
            await #expect(throws: SweepError.self) { try await storage.indexSnapshot(study: missing) }
            await #expect(throws: SweepError.self) { try await storage.indexSnapshotCursor(study: missing) }
            await #expect(throws: SweepError.self) {
                try await storage.storeIndexSnapshot(study: missing, IndexSnapshot(cursor: 1, bytes: []))
            }
        },
        Check("snapshot.study") { make in
            let storage = try await make()
            let record = try await Support.study(storage)
            let interval = Study.snapshotInterval(completed: 0)
            // Complete, pruned and failed trials, NaN and infinite values, rungs, a study attribute.
            for i in 0..<(interval + 40) {
                let state: TrialState = i % 5 == 3 ? .pruned : i % 11 == 7 ? .failed : .complete
                let curve = (0..<(i % 4 + 1)).map { s in i % 13 == 0 && s == 1 ? .nan : Double((i * 37 + s * 11) % 97) / 7 }
                let trial = try await Support.finished(storage, record, state, i == 9 ? .infinity : curve.last, curve: curve)
                if i % 3 == 0 {
                    try await storage.setTrialAttribute(trial: trial.id, key: "completed_rung_0", value: .number(Double(i % 7)), system: true)
                }
                if i == interval / 2 {
                    try await storage.setStudyAttribute(study: record.id, key: "max_resource", value: .number(4), system: true)
                }
            }
            let running = try await Support.running(storage, record)
            let first = Study(record: record, storage: storage, sampler: NoSampler(), pruner: KeepGoing())
            _ = try await first.shouldPrune(trial: running.number)
            if storage.keepsIndexSnapshots {
                #expect(try await storage.indexSnapshotCursor(study: record.id) != nil, "a handle stored a snapshot")
            }
            // More changes after the snapshot: the next handle reads them from the feed.
            for i in 0..<25 { try await Support.finished(storage, record, .complete, Double(i), curve: [Double(i), 1, 2]) }
            try await storage.setTrialAttribute(trial: running.id, key: "completed_rung_0", value: .number(3), system: true)
            let restored = Study(record: record, storage: storage, sampler: NoSampler(), pruner: KeepGoing())
            _ = try await restored.shouldPrune(trial: running.number)
            let whole = Study(record: record, storage: storage, sampler: NoSampler(), pruner: KeepGoing())
            try await whole.sync()
            #expect(whole.index.holdsFinishedTrials)
            #expect(restored.index.holdsFinishedTrials == !storage.keepsIndexSnapshots)
            Support.expectSameIndex(restored.index, whole.index)
            // A handle that needs every finished trial rebuilds a restored index from the feed.
            try await restored.sync()
            #expect(restored.index.holdsFinishedTrials)
            #expect(restored.index.finished.map(\.number) == whole.index.finished.map(\.number))
        },
    ]
}

extension Support {
    /// Two indexes answer every pruner's and judge's question alike.
    static func expectSameIndex(_ a: StudyIndex, _ b: StudyIndex, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.completedCount == b.completedCount, "complete count", sourceLocation: sourceLocation)
        #expect(a.steps == b.steps, "per-step statistics", sourceLocation: sourceLocation)
        #expect(a.maxCompletedLastStep == b.maxCompletedLastStep, "last step", sourceLocation: sourceLocation)
        #expect(a.attributes == b.attributes, "attributes", sourceLocation: sourceLocation)
        #expect(a.studyAttributes == b.studyAttributes, "study attributes", sourceLocation: sourceLocation)
        #expect(a.bestTrial?.number == b.bestTrial?.number, "best trial", sourceLocation: sourceLocation)
        #expect(a.winners.map(\.number) == b.winners.map(\.number), "winners", sourceLocation: sourceLocation)
        for (x, y) in zip(a.winners, b.winners) {
            #expect(same(x.value, y.value) && x.params == y.params, "winner \(x.number)", sourceLocation: sourceLocation)
            #expect(sameCurves(x.metrics, y.metrics), "winner \(x.number)'s curve", sourceLocation: sourceLocation)
            #expect(x.systemAttributes == y.systemAttributes, "winner \(x.number)'s attributes", sourceLocation: sourceLocation)
        }
    }
}

/// A pruner that never prunes: the checks need a handle's decisions to sync, not to prune.
struct KeepGoing: Pruner {
    func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision { .keepGoing }
}

/// A sampler the checks never call.
struct NoSampler: Sampler {
    var readsStudy: Bool { false }
    func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) throws -> [String: ParamValue] { [:] }
}
