import Foundation
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
                """
                SELECT \(columns), \(curvesAndNotes) FROM trial
                \(joins(names: names.isEmpty ? nil : names, lastOnly: lastOnly))
                WHERE trial.id IN (\(ids)) ORDER BY trial.number
                """
            })
        return try rows.map(trial)
    }

    /// `trial`'s columns (`Schema.trialColumns`), qualified so that other tables can be joined.
    static let columns = Schema.trialColumns.split(separator: ",").map {
        "trial." + $0.trimmingCharacters(in: .whitespaces)
    }.joined(separator: ", ")

    /// The columns `joins` adds after `columns`: the arrays `trial(_:)` reads.
    static let curvesAndNotes = "r.metrics, r.steps, r.vals, n.times, n.texts"

    /// How many columns `columns` and `curvesAndNotes` are: where a statement's own columns start.
    static let columnCount = reportColumn + 5

    /// The lateral joins that gather the reports and notes of the row of `trial` into arrays:
    /// all reports (`names` nil) or per metric of the text array `names` (SQL) those of that
    /// metric, or only its last. Reports come in key order so that the arrays need no sort
    /// (PostgreSQL 15 sorts for an aggregate's own ORDER BY, however its input comes): the primary
    /// key's order, or per chosen metric its steps (one seek to the end of the index for the last).
    /// When the row has no trial (an outer join found none), the arrays are NULL.
    static func joins(names: String?, lastOnly: Bool = false) -> String {
        let reports =
            names.map { names in
                """
                SELECT chosen_report.* FROM unnest(\(names)::text[]) AS chosen(name), LATERAL (
                    SELECT metric, step, value FROM report WHERE trial_id = trial.id AND metric = chosen.name
                    ORDER BY step \(lastOnly ? "DESC LIMIT 1" : "")) AS chosen_report
                """
            } ?? "SELECT metric, step, value FROM report WHERE trial_id = trial.id ORDER BY metric, step"
        return """
            LEFT JOIN LATERAL (
                SELECT array_agg(metric) AS metrics, array_agg(step) AS steps, array_agg(value) AS vals
                FROM (\(reports)) AS ordered
            ) r ON trial.id IS NOT NULL
            LEFT JOIN LATERAL (
                SELECT array_agg(time ORDER BY id) AS times, array_agg(text ORDER BY id) AS texts
                FROM note WHERE trial_id = trial.id
            ) n ON trial.id IS NOT NULL
            """
    }

    private static let reportColumn = 13

    /// The trial in a row that starts with `columns` then `curvesAndNotes`.
    static func trial(_ row: PostgresRow) throws -> Trial {
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
