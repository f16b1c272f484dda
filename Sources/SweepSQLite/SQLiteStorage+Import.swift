import GRDB
import SweepCore

// Bringing finished trials in whole: a bulk load in one transaction.
extension SQLiteStorage {
    /// Every draft in one transaction, with cached statements: the trials numbered after the
    /// study's last, their reports, their end and their feed rows; all or none.
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
            var number = try TrialRow.nextNumber(db, study: study)
            let report = try db.cachedStatement(sql: "INSERT OR IGNORE INTO report (trial_id, metric, step, value) VALUES (?, ?, ?, ?)")
            let end = try db.cachedStatement(sql: "UPDATE trial SET state = ?, value = ?, finished = ? WHERE id = ?")
            for (draft, row) in zip(drafts, rows) {
                let id = try TrialRow.insert(
                    db, study: study, number: number, state: .running, params: row.params, distributions: row.distributions,
                    userAttributes: row.user, systemAttributes: JSONColumn.emptyObject, started: draft.started)
                for (name, curve) in draft.metrics.sorted(by: { $0.key < $1.key }) {
                    for (step, value) in zip(curve.steps, curve.values) {
                        try report.execute(arguments: [id, name, step, Columns.reportValue(value)])
                    }
                }
                try end.execute(arguments: [
                    draft.state.rawValue, Columns.trialValue(draft.value), Columns.time(draft.finished), id,
                ])
                try FeedRow.append(db, study: study, kind: .finished, trial: id, number: number)
                number += 1
            }
        }
    }
}
