import PostgresNIO
import SweepCore

// Metric reports: one row per (trial, metric, step), the first value kept.
extension PostgresStorage {
    @discardableResult
    public func report(trial: Int64, step: Int, metrics: [String: Double]) async throws -> Bool {
        try await report(trial: trial, steps: [StepReport(step: step, metrics: metrics)]) > 0
    }

    /// One statement for the whole batch, however many steps and metrics (`reportAndFeed`).
    @discardableResult
    public func report(trial: Int64, steps: [StepReport]) async throws -> Int {
        guard !steps.isEmpty else { return 0 }
        return try await read("report to trial \(trial)") { sql in
            try await reportAndFeed(sql, trial: trial, steps: steps, feedOf: nil, after: 0).added
        }
    }

    /// The report and the study's feed after `cursor` in one round trip; finished trials in the
    /// feed are read with a second.
    public func report(
        trial: Int64, steps: [StepReport], thenChangesOf study: Int64, after cursor: Int64, curves: CurveSelection
    ) async throws -> (added: Int, changes: StudyChanges) {
        try await read("report to trial \(trial)") { sql in
            let (added, feed) = try await reportAndFeed(sql, trial: trial, steps: steps, feedOf: study, after: cursor)
            return (added, try await changes(sql, study: study, after: cursor, feed: feed, curves: curves))
        }
    }

    /// One prepared statement (`ReportStatement`, or `RepeatTolerantReportStatement` when a step
    /// was already stored): it locks the trial's row (so the trial cannot finish halfway), counts as a
    /// heartbeat (written at most once a second, or a quarter of the timeout), inserts the values
    /// that are new, the first of a repeated step kept, and returns how many steps were new and,
    /// with `study`, that study's feed after `cursor`. Running it twice stores the same, so a
    /// broken connection retries it.
    ///
    /// The answer is feed-shaped rows: first the report's own (position -1, the trial's state in
    /// place of the kind, the count of new steps in place of the trial id; no row when there is no
    /// such trial), then the feed's in order.
    private func reportAndFeed(
        _ sql: SQL, trial: Int64, steps: [StepReport], feedOf study: Int64?, after cursor: Int64
    ) async throws -> (added: Int, feed: [FeedRow]) {
        var stepColumn: [Int] = []
        var names: [String] = []
        var values: [Double] = []
        for report in steps {
            for (name, value) in report.metrics.sorted(by: { $0.key < $1.key }) {
                stepColumn.append(report.step)
                names.append(name)
                values.append(value)
            }
        }
        let arguments = ReportArguments(
            trial: trial, steps: stepColumn, names: names, values: values, study: study, cursor: cursor)
        let rows: [PostgresRow]
        do {
            rows = try await sql.rows(ReportStatement(arguments: arguments))
        } catch where PostgresFailure.isUniqueViolation(error) {
            rows = try await sql.rows(RepeatTolerantReportStatement(arguments: arguments))
        }
        guard let head = rows.first,
            case let (seq, stateText, added, _, _, _) = try Columns.decode(
                head, (Int64, String, Int64?, Int?, String?, String?).self, table: "trial"),
            seq == -1
        else { throw Self.noTrial(trial) }
        if try Columns.state(stateText).isFinished { throw try await finishedError(sql, trial: trial) }
        return (Int(added ?? 0), try rows.dropFirst().map(FeedRow.init))
    }
}
