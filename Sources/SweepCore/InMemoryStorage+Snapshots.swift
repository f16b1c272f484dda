// Index snapshots in memory: one per study, the newest cursor kept.
extension InMemoryStorage {
    /// False: every handle in the process shares this memory, and no other process reads it, so a
    /// snapshot would never save a read. The snapshot calls still work (the conformance suite).
    public var keepsIndexSnapshots: Bool { false }

    public func indexSnapshot(study: Int64) throws -> IndexSnapshot? {
        try state.withLock { s throws(SweepError) -> IndexSnapshot? in s.studies[try Self.studyIndex(s, study)].snapshot }
    }

    public func storeIndexSnapshot(study: Int64, _ snapshot: IndexSnapshot) throws {
        try state.withLock { s throws(SweepError) in
            let i = try Self.studyIndex(s, study)
            if let stored = s.studies[i].snapshot, stored.cursor >= snapshot.cursor { return }
            s.studies[i].snapshot = snapshot
        }
    }

    public func indexSnapshotCursor(study: Int64) throws -> Int64? {
        try indexSnapshot(study: study)?.cursor
    }
}
