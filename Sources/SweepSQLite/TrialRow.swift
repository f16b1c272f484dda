import Foundation
import GRDB
import SweepCore

/// A row of `trial`. Its reports and notes live in their own tables.
struct TrialRow: FetchableRecord {
    static let columns = """
        id, study_id, number, state, params, distributions, value, user_attributes, system_attributes, \
        started, finished, heartbeat, heartbeat_timeout
        """

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

    init(row: Row) throws {
        id = try row.decode(atIndex: 0)
        studyID = try row.decode(atIndex: 1)
        number = try row.decode(atIndex: 2)
        state = try Self.state(try row.decode(atIndex: 3))
        params = try row.decode(atIndex: 4)
        distributions = try row.decode(atIndex: 5)
        value = try Columns.trialValue(row[6] as DatabaseValue)
        userAttributes = try row.decode(atIndex: 7)
        systemAttributes = try row.decode(atIndex: 8)
        started = try row.decode(atIndex: 9)
        finished = try row.decode(atIndex: 10)
        heartbeat = try row.decode(atIndex: 11)
        heartbeatTimeout = try row.decode(atIndex: 12)
    }

    static func state(_ text: String) throws -> TrialState {
        guard let state = TrialState(rawValue: text) else {
            throw SweepError.corrupt("column trial.state holds '\(text)', expected one of waiting, running, complete, pruned, failed")
        }
        return state
    }

    /// The domain trial, with its curves and notes.
    func trial(metrics: [String: MetricCurve], notes: [Note]) throws -> Trial {
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

    static func fetch(_ db: Database, id: Int64) throws -> TrialRow? {
        try TrialRow.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM trial WHERE id = ?"), arguments: [id])
    }

    static func fetch(_ db: Database, study: Int64, number: Int) throws -> TrialRow? {
        try TrialRow.fetchOne(
            db.cachedStatement(sql: "SELECT \(columns) FROM trial WHERE study_id = ? AND number = ?"),
            arguments: [study, number])
    }

    /// Several trials in number order. `trials` is SQL selecting trial ids, with `arguments` bound to it.
    static func fetchAll(_ db: Database, trials: String, arguments: StatementArguments) throws -> [TrialRow] {
        try TrialRow.fetchAll(
            db.cachedStatement(sql: "SELECT \(columns) FROM trial WHERE id IN (\(trials)) ORDER BY number"),
            arguments: arguments)
    }

    /// ` AND state IN (...)` for a set of states (written as literals: they come from the enum),
    /// or nothing when every state is wanted.
    static func filter(_ states: Set<TrialState>?) -> String {
        guard let states, states.count < TrialState.allCases.count else { return "" }
        let names = TrialState.allCases.filter(states.contains).map { "'\($0.rawValue)'" }
        // One state as `=`: SQLite uses a partial index (trial_waiting) only then.
        if names.count == 1 { return " AND state = \(names[0])" }
        return " AND state IN (\(names.joined(separator: ", ")))"
    }

    /// The next trial number of a study. Call inside a write transaction, which makes it atomic.
    static func nextNumber(_ db: Database, study: Int64) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COALESCE(MAX(number) + 1, 0) FROM trial WHERE study_id = ?"),
            arguments: [study]) ?? 0
    }

    /// Inserts a new trial and returns its id.
    static func insert(
        _ db: Database, study: Int64, number: Int, state: TrialState, params: String, distributions: String,
        userAttributes: String, systemAttributes: String, started: Date?
    ) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO trial (study_id, number, state, params, distributions, user_attributes, system_attributes, started)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            study, number, state.rawValue, params, distributions, userAttributes, systemAttributes, Columns.time(started),
        ])
        return db.lastInsertedRowID
    }
}

/// The few columns writes check before changing a trial.
struct TrialHeader: FetchableRecord {
    var studyID: Int64
    var number: Int
    var state: TrialState

    init(row: Row) throws {
        studyID = try row.decode(atIndex: 0)
        number = try row.decode(atIndex: 1)
        state = try TrialRow.state(try row.decode(atIndex: 2))
    }

    static func fetch(_ db: Database, id: Int64) throws -> TrialHeader? {
        try TrialHeader.fetchOne(
            db.cachedStatement(sql: "SELECT study_id, number, state FROM trial WHERE id = ?"), arguments: [id])
    }
}
