import GRDB
import SweepCore

// Bringing finished trials in whole: a bulk load in one transaction.
extension SQLiteStorage {
    /// Every draft in one transaction, with cached statements: the trials numbered after the
    /// study's last, their reports (many rows a statement, `ReportBatch`), their end and their
    /// feed rows; all or none.
    public func importTrials(study: Int64, _ drafts: [FinishedTrialDraft]) async throws {
        try FinishedTrialDraft.checkStates(drafts)
        guard !drafts.isEmpty else { return }
        // Encoded outside the transaction, which holds the write lock.
        let rows = try drafts.map { draft in
            (params: try JSONColumn.encode(params: draft.params),
             distributions: try JSONColumn.encode(distributions: draft.distributions),
             user: try JSONColumn.encode(attributes: draft.userAttributes))
        }
        try await write { [self] db in
            try requireStudy(db, study)
            // A page cache large enough that the load's pages are written to the log once, at the
            // commit, rather than spilled and written again (64 MiB here, SQLite's 2 MiB after).
            let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cache)") }
            var number = try TrialRow.nextNumber(db, study: study)
            var reports = ReportBatch()
            let end = try db.cachedStatement(sql: "UPDATE trial SET state = ?, value = ?, finished = ? WHERE id = ?")
            for (draft, row) in zip(drafts, rows) {
                let id = try TrialRow.insert(
                    db, study: study, number: number, state: .running, params: row.params, distributions: row.distributions,
                    userAttributes: row.user, systemAttributes: JSONColumn.emptyObject, started: draft.started)
                for (name, curve) in draft.metrics.sorted(by: { $0.key < $1.key }) {
                    for (step, value) in zip(curve.steps, curve.values) {
                        try reports.add(db, trial: id, metric: name, step: step, value: value)
                    }
                }
                try end.execute(arguments: [
                    draft.state.rawValue, Columns.trialValue(draft.value), Columns.time(draft.finished), id,
                ])
                try FeedRow.append(db, study: study, kind: .finished, trial: id, number: number)
                number += 1
            }
            try reports.flush(db)
        }
    }
}
