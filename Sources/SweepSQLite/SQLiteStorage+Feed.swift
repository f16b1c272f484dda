import GRDB
import SweepCore

// The change feed studies keep their index up to date from.
extension SQLiteStorage {
    public func changes(study: Int64, after cursor: Int64) async throws -> StudyChanges {
        try await changes(study: study, after: cursor, curves: .all)
    }

    public func changes(study: Int64, after cursor: Int64, curves: CurveSelection) async throws -> StudyChanges {
        // One indexed query; when nothing changed (the usual case between two reports) that is all.
        let changes = try await peek { [self] db -> StudyChanges? in
            let rows = try FeedRow.fetchAll(db, study: study, after: cursor)
            guard let last = rows.last else { return nil }
            var changes = StudyChanges(cursor: last.seq)
            // A finished trial is frozen, so reading it after its feed row sees it as it finished.
            // All of them are read at once: a new study handle catches up on thousands.
            var finished: [Int64: Trial] = [:]
            if rows.contains(where: { $0.kind == .finished }) {
                let trials = try loadTrials(
                    db, "SELECT trial_id FROM feed WHERE study_id = ? AND seq > ? AND seq <= ? AND kind = 'finished'",
                    arguments: [study, cursor, last.seq], curves: curves)
                for trial in trials { finished[trial.id] = trial }
            }
            for row in rows {
                try changes.add(
                    feedRow: row.seq, kind: row.kind.rawValue, trialID: row.trialID, trialNumber: row.trialNumber,
                    key: row.key, value: row.value, finished: finished, study: study)
            }
            return changes
        }
        if let changes { return changes }
        try await requireStudy(study)
        return StudyChanges(cursor: cursor)
    }
}
