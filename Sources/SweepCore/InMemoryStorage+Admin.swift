extension InMemoryStorage {
    /// Deletes the study: its name is free again and it, its trials and its feed can no longer be
    /// read (ids are never reused, so the study stays behind as a tombstone).
    public func deleteStudy(_ id: Int64) throws {
        try state.withLock { s throws(SweepError) in
            let i = try Self.studyIndex(s, id)
            s.studyByName[s.studies[i].record.name] = nil
            s.studies[i].deleted = true
            s.studies[i].feed = []
            s.studies[i].snapshot = nil
            s.studies[i].waiting = []
        }
    }

    public func renameStudy(_ id: Int64, to newName: String) throws {
        try state.withLock { s throws(SweepError) in
            let i = try Self.studyIndex(s, id)
            let old = s.studies[i].record.name
            guard old != newName else { return }
            guard s.studyByName[newName] == nil else { throw .duplicateStudy(newName) }
            s.studyByName[old] = nil
            s.studyByName[newName] = i
            s.studies[i].record.config.name = newName
        }
    }
}
