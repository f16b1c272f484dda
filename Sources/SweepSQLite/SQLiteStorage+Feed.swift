import GRDB
import SweepCore

// The change feed studies keep their index up to date from.
extension SQLiteStorage {
    public func changes(study: Int64, after cursor: Int64) throws -> StudyChanges {
        // One indexed query; when nothing changed (the usual case between two reports) that is all.
        let changes = try peek { db -> StudyChanges? in
            let rows = try FeedRow.fetchAll(db, study: study, after: cursor)
            guard let last = rows.last else { return nil }
            var changes = StudyChanges(cursor: last.seq)
            for row in rows {
                switch row.kind {
                case .finished:
                    // A finished trial is frozen, so reading it after the feed row sees it as it finished.
                    guard let id = row.trialID else { throw SweepError.storage("feed row \(row.seq) names no trial") }
                    changes.finished.append(try loadTrial(db, id: id))
                case .trialAttribute:
                    guard let number = row.trialNumber, let key = row.key, let value = row.value else {
                        throw SweepError.storage("feed row \(row.seq) lacks a trial number, key or value")
                    }
                    changes.trialAttributes.append(
                        TrialAttributeChange(
                            trialNumber: number, key: key, value: try JSONColumn.value(value, column: "feed.value")))
                case .studyAttribute:
                    guard let key = row.key, let value = row.value else {
                        throw SweepError.storage("feed row \(row.seq) lacks a key or value")
                    }
                    changes.studyAttributes[key] = try JSONColumn.value(value, column: "feed.value")
                }
            }
            return changes
        }
        if let changes { return changes }
        try requireStudy(study)
        return StudyChanges(cursor: cursor)
    }
}
