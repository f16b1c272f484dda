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

    /// The report and the study's feed after `cursor` in one round trip, with the finished trials
    /// in the feed read in the same statement when `curves` chooses metrics by name (as a study's
    /// index does); with every curve or only the last reports, they are read with a second.
    public func report(
        trial: Int64, steps: [StepReport], thenChangesOf study: Int64, after cursor: Int64, curves: CurveSelection
    ) async throws -> (added: Int, changes: StudyChanges) {
        var inStatement: [String]?
        if case .only(let names) = curves { inStatement = names.sorted() }
        return try await read("report to trial \(trial)") { [inStatement] sql in
            let answer = try await reportAndFeed(
                sql, trial: trial, steps: steps, feedOf: study, after: cursor, finishedCurves: inStatement)
            let changes = try await changes(
                sql, study: study, after: cursor, feed: answer.feed, curves: curves,
                finished: inStatement == nil ? nil : answer.finished)
            return (answer.added, changes)
        }
    }

    /// One prepared statement (`ReportStatement`, or `RepeatTolerantReportStatement` when a step
    /// was already stored): it locks the trial's row (so the trial cannot finish halfway), counts as a
    /// heartbeat (written at most once a second, or a quarter of the timeout), inserts the values
    /// that are new, the first of a repeated step kept, and returns how many steps were new and,
    /// with `study`, that study's feed after `cursor`, with `finishedCurves` of its finished
    /// trials when given. Running it twice stores the same, so a broken connection retries it.
    ///
    /// Each row of the answer is a trial's columns and curve arrays (`TrialRead`; NULL but for a
    /// finished trial's feed row) then feed-shaped columns: first the report's own row (position
    /// -1, the trial's state in place of the kind, the count of new steps in place of the trial id;
    /// no row when there is no such trial), then the feed's in order.
    private func reportAndFeed(
        _ sql: SQL, trial: Int64, steps: [StepReport], feedOf study: Int64?, after cursor: Int64,
        finishedCurves: [String]? = nil
    ) async throws -> (added: Int, feed: [FeedRow], finished: [Int64: Trial]) {
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
            trial: trial, steps: stepColumn, names: names, values: values, study: study, cursor: cursor,
            finishedCurves: study == nil ? nil : finishedCurves)
        let rows: [PostgresRow]
        do {
            rows = try await sql.rows(ReportStatement(arguments: arguments))
        } catch where PostgresFailure.isUniqueViolation(error) {
            rows = try await sql.rows(RepeatTolerantReportStatement(arguments: arguments))
        }
        // The feed-shaped columns come after the trial's.
        let cells = rows.map { $0.makeRandomAccess() }
        let at = TrialRead.columnCount
        guard let head = cells.first, try Columns.decode(head, at, Int64.self, "feed.seq") == -1 else {
            throw Self.noTrial(trial)
        }
        if try Columns.state(try Columns.decode(head, at + 1, String.self, "trial.state")).isFinished {
            throw try await finishedError(sql, trial: trial)
        }
        let added = try Columns.decode(head, at + 2, Int64.self, "report.step")
        let feed = try cells.dropFirst().map { try FeedRow($0, from: at) }
        var finished: [Int64: Trial] = [:]
        if arguments.finishedCurves != nil {
            for (row, feedRow) in zip(rows.dropFirst(), feed) where feedRow.kind == .finished {
                let read = try TrialRead.trial(row)
                finished[read.id] = read
            }
        }
        return (Int(added), feed, finished)
    }
}
