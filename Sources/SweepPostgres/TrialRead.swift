import PostgresNIO
import SweepCore

/// Reading trials with their curves and notes in one statement, however many: each trial's row
/// with its reports (in key order: by metric, then step) and notes (in the order they were
/// stored) gathered into arrays.
///
/// A report row is one metric's value at one step of one trial; `(trial_id, metric, step)` is
/// unique, so a second report of a step is ignored and the first value kept. Values are
/// `DOUBLE PRECISION`, NaN and ±infinity included.
enum TrialRead {
    /// The trials of `set` in number order, with the curves `selection` chooses.
    static func load(_ sql: SQL, _ set: TrialSet, curves selection: CurveSelection = .all) async throws -> [Trial] {
        var metrics: [String]?
        var lastOnly = false
        switch selection {
        case .all: break
        case .only(let names): metrics = names.sorted()
        case .lastOnly(let names):
            metrics = names.sorted()
            lastOnly = true
        }
        let rows = try await sql.rows(
            set.query(binding: metrics) { ids, names in
                // The reports read, in key order so that the arrays need no sort (PostgreSQL 15
                // sorts for an aggregate's own ORDER BY, however its input comes): all of them
                // (the primary key's order), or per chosen metric those of that metric, or only
                // the one at its largest step (one seek to the end of the index).
                let reports =
                    names.isEmpty
                    ? "SELECT metric, step, value FROM report WHERE trial_id = trial.id ORDER BY metric, step"
                    : """
                    SELECT chosen_report.* FROM unnest(\(names)::text[]) AS chosen(name), LATERAL (
                        SELECT metric, step, value FROM report WHERE trial_id = trial.id AND metric = chosen.name
                        ORDER BY step \(lastOnly ? "DESC LIMIT 1" : "")) AS chosen_report
                    """
                return """
                    SELECT \(Schema.trialColumns), r.metrics, r.steps, r.vals, n.times, n.texts FROM trial
                    LEFT JOIN LATERAL (
                        SELECT array_agg(metric) AS metrics, array_agg(step) AS steps, array_agg(value) AS vals
                        FROM (\(reports)) AS ordered
                    ) r ON true
                    LEFT JOIN LATERAL (
                        SELECT array_agg(time ORDER BY id) AS times, array_agg(text ORDER BY id) AS texts
                        FROM note WHERE trial_id = trial.id
                    ) n ON true
                    WHERE trial.id IN (\(ids)) ORDER BY trial.number
                    """
            })
        return try rows.map(trial)
    }

    private static let reportColumn = 13

    private static func trial(_ row: PostgresRow) throws -> Trial {
        let header = try TrialRow(row)
        let cells = row.makeRandomAccess()
        func column<T: PostgresDecodable>(_ offset: Int, _ type: T.Type, _ name: String) throws -> T {
            try Columns.decode(cells, reportColumn + offset, type, name)
        }
        let names = try column(0, [String]?.self, "report.metric") ?? []
        let steps = try column(1, [Int]?.self, "report.step") ?? []
        let values = try column(2, [Double]?.self, "report.value") ?? []
        let times = try column(3, [Double]?.self, "note.time") ?? []
        let texts = try column(4, [String]?.self, "note.text") ?? []
        guard names.count == steps.count, steps.count == values.count, times.count == texts.count else {
            throw SweepError.corrupt("the reports or notes of trial \(header.id) came back with arrays of unequal length")
        }
        var curves: [String: MetricCurve] = [:]
        for i in names.indices { curves[names[i], default: MetricCurve()].record(step: steps[i], value: values[i]) }
        let notes = zip(times, texts).map { Note(time: Columns.date($0), text: $1) }
        return try header.trial(metrics: curves, notes: notes)
    }
}
