import PostgresNIO
import SweepCore

// The change feed studies keep their index up to date from.
extension PostgresStorage {
    public func changes(study: Int64, after cursor: Int64) async throws -> StudyChanges {
        try await changes(study: study, after: cursor, curves: .all)
    }

    /// The feed with only the chosen curves on its finished trials, filtered in the query.
    public func changes(study: Int64, after cursor: Int64, curves: CurveSelection) async throws -> StudyChanges {
        try await read("read the changes of study \(study)") { sql in
            // One indexed query; when nothing changed (the usual case between two reports) that is all.
            let feed = try await FeedRow.fetchAll(sql, study: study, after: cursor)
            return try await changes(sql, study: study, after: cursor, feed: feed, curves: curves)
        }
    }

    /// The changes that the study's feed rows after `cursor` describe, with their finished trials
    /// read (all at once: a new study handle catches up on thousands), unless `known` holds them
    /// already (read with the feed).
    func changes(
        _ sql: SQL, study: Int64, after cursor: Int64, feed rows: [FeedRow], curves: CurveSelection,
        finished known: [Int64: Trial]? = nil
    ) async throws -> StudyChanges {
        guard let last = rows.last else {
            try await requireStudy(sql, study)
            return StudyChanges(cursor: cursor)
        }
        var changes = StudyChanges(cursor: last.seq)
        // A finished trial is frozen, so reading it after its feed row sees it as it finished.
        var finished = known ?? [:]
        let finishedIDs = known == nil ? rows.filter { $0.kind == .finished }.compactMap(\.trialID) : []
        if !finishedIDs.isEmpty {
            for trial in try await loadTrials(sql, .ids(finishedIDs), curves: curves) { finished[trial.id] = trial }
        }
        for row in rows {
            try changes.add(
                feedRow: row.seq, kind: row.kind.rawValue, trialID: row.trialID, trialNumber: row.trialNumber,
                key: row.key, value: row.value, finished: finished, study: study)
        }
        return changes
    }
}
