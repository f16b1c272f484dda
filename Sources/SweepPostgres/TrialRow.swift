import Foundation
import PostgresNIO
import SweepCore

/// A row of `trial` (the columns `Schema.trialColumns`, in order). Its reports and notes live in
/// their own tables.
struct TrialRow: Sendable {
    var id: Int64
    var studyID: Int64
    var number: Int
    var state: TrialState
    var params: String
    var distributions: String
    var value: Double?
    var userAttributes: String
    var systemAttributes: String
    var started: Double?
    var finished: Double?
    var heartbeat: Double?
    var heartbeatTimeout: Double?

    init(_ row: PostgresRow) throws {
        let columns = try Columns.decode(
            row,
            (Int64, Int64, Int, String, String, String, Double?, String, String, Double?, Double?, Double?, Double?).self,
            table: "trial")
        id = columns.0
        studyID = columns.1
        number = columns.2
        state = try Columns.state(columns.3)
        params = columns.4
        distributions = columns.5
        value = columns.6
        userAttributes = columns.7
        systemAttributes = columns.8
        started = columns.9
        finished = columns.10
        heartbeat = columns.11
        heartbeatTimeout = columns.12
    }

    /// The domain trial, with its curves and notes.
    func trial(metrics: [String: MetricCurve] = [:], notes: [Note] = []) throws -> Trial {
        Trial(
            id: id, number: number, state: state,
            params: try JSONColumn.params(params, column: "trial.params"),
            distributions: try JSONColumn.distributions(distributions, column: "trial.distributions"),
            value: value, metrics: metrics,
            userAttributes: try JSONColumn.attributes(userAttributes, column: "trial.user_attributes"),
            systemAttributes: try JSONColumn.attributes(systemAttributes, column: "trial.system_attributes"),
            notes: notes, started: started.map(Columns.date), finished: finished.map(Columns.date),
            heartbeat: heartbeat.map(Columns.date), heartbeatTimeout: heartbeatTimeout)
    }

    // MARK: - Queries

    static func fetch(_ sql: SQL, id: Int64, lock: Bool = false) async throws -> TrialRow? {
        let lockClause = lock ? " FOR UPDATE" : ""
        return try await sql.first(
            "SELECT \(unescaped: Schema.trialColumns) FROM trial WHERE id = \(id)\(unescaped: lockClause)"
        ).map(TrialRow.init)
    }

    /// Inserts a new trial and returns it as stored. `beating` starts its heartbeat on the
    /// database's clock. With `countAfter`, the same statement sets the study's `trial_count`
    /// (its row locked by the caller) to it, so the caller need not save the `LockedStudy`.
    static func insert(
        _ sql: SQL, study: Int64, number: Int, state: TrialState, params: String, distributions: String,
        userAttributes: String, systemAttributes: String, replaced: Bool, started: Date?, beating: Bool = false,
        heartbeatTimeout: Double? = nil, countAfter: Int? = nil
    ) async throws -> TrialRow {
        let heartbeat = beating ? Schema.now : "NULL"
        let count = countAfter.map { "WITH counted AS (UPDATE study SET trial_count = \($0) WHERE id = \(study)) " } ?? ""
        let row = try await sql.first(
            """
            \(unescaped: count)INSERT INTO trial (
                study_id, number, state, params, distributions, user_attributes, system_attributes, replaced,
                started, heartbeat, heartbeat_timeout)
            VALUES (
                \(study), \(number), \(state.rawValue), \(params), \(distributions), \(userAttributes),
                \(systemAttributes), \(replaced), \(started.map(Columns.time)), \(unescaped: heartbeat), \(heartbeatTimeout))
            RETURNING \(unescaped: Schema.trialColumns)
            """)
        guard let row else { throw SweepError.storage("inserting trial \(number) of study \(study) returned no row") }
        return try TrialRow(row)
    }
}

/// The few columns writes check before changing a trial.
struct TrialHeader: Sendable {
    var studyID: Int64
    var number: Int
    var state: TrialState

    static func fetch(_ sql: SQL, id: Int64) async throws -> TrialHeader? {
        guard let row = try await sql.first("SELECT study_id, number, state FROM trial WHERE id = \(id)") else { return nil }
        let (study, number, state) = try Columns.decode(row, (Int64, Int, String).self, table: "trial")
        return TrialHeader(studyID: study, number: number, state: try Columns.state(state))
    }
}
