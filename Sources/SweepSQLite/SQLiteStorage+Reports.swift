import GRDB
import SweepCore

// Metric reports: one row per (trial, metric, step), the first value kept.
extension SQLiteStorage {
    @discardableResult
    public func report(trial: Int64, step: Int, metrics: [String: Double]) async throws -> Bool {
        try await report(trial: trial, steps: [StepReport(step: step, metrics: metrics)]) > 0
    }

    /// One transaction for the whole batch: one check of the trial, one heartbeat, one commit.
    @discardableResult
    public func report(trial: Int64, steps: [StepReport]) async throws -> Int {
        guard !steps.isEmpty else { return 0 }
        return try await write { [self] db in
            guard let header = try TrialHeader.fetch(db, id: trial) else { throw Self.noTrial(trial) }
            guard !header.state.isFinished else { throw try finished(db, header) }
            // A report is a heartbeat (written at most once a second, or a quarter of the timeout).
            try db.cachedStatement(
                sql: """
                    UPDATE trial SET heartbeat = \(Schema.now) WHERE id = ? AND heartbeat_timeout IS NOT NULL
                      AND (heartbeat IS NULL OR heartbeat < \(Schema.now) - MIN(1.0, heartbeat_timeout / 4))
                    """
            ).execute(arguments: [trial])
            var recorded = 0
            for report in steps {
                var new = false
                for (metric, value) in report.metrics {
                    if try ReportRow.insert(db, trial: trial, metric: metric, step: report.step, value: value) { new = true }
                }
                if new { recorded += 1 }
            }
            return recorded
        }
    }
}
