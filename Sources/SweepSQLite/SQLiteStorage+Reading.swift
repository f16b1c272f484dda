import GRDB
import SweepCore

// Reading trials back with their curves and notes.
extension SQLiteStorage {
    public func trial(id: Int64) async throws -> Trial {
        try await read { [self] db in try loadTrial(db, id: id) }
    }

    public func trial(study: Int64, number: Int) async throws -> Trial {
        try await read { [self] db in
            guard let row = try TrialRow.fetch(db, study: study, number: number) else {
                throw SweepError.unknownTrial(study: try studyName(db, study), number: number)
            }
            return try row.trial(
                metrics: try ReportRow.curves(db, trial: row.id), notes: try NoteRow.trialNotes(db, trial: row.id))
        }
    }

    public func trials(study: Int64, states: Set<TrialState>?) async throws -> [Trial] {
        try await trials(study: study, states: states, curves: .all)
    }

    public func trials(study: Int64, states: Set<TrialState>?, curves: CurveSelection) async throws -> [Trial] {
        if states?.isEmpty == true {
            try await requireStudy(study)
            return []
        }
        return try await read { [self] db in
            try requireStudy(db, study)
            return try loadTrials(
                db, "SELECT id FROM trial WHERE study_id = ?\(TrialRow.filter(states))", arguments: [study], curves: curves)
        }
    }

    public func trials(ids: [Int64], curves: CurveSelection) async throws -> [Trial] {
        guard !ids.isEmpty else { return [] }
        return try await read { [self] db in
            // The ids as one JSON array: one statement however many.
            try loadTrials(
                db, "SELECT value FROM json_each(?)", arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"],
                curves: curves)
        }
    }

    public func trialCount(study: Int64) async throws -> Int {
        try await read { [self] db in
            try requireStudy(db, study)
            return try TrialRow.nextNumber(db, study: study)
        }
    }

    /// Several trials with their curves and notes, in number order: three queries however many
    /// there are. `trials` is SQL selecting trial ids, with `arguments` bound to it.
    /// One query on the study's complete trials (NaN values are stored as the text 'NaN' and left out).
    public func bestTrial(study: Int64, direction: Direction) async throws -> Trial? {
        let sql = Self.bestTrialSQL(direction)
        return try await read { [self] db in
            try requireStudy(db, study)
            guard let id = try Int64.fetchOne(db.cachedStatement(sql: sql), arguments: [study]) else { return nil }
            return try loadTrial(db, id: id)
        }
    }

    /// The query of `bestTrial`: it walks the partial index `trial_by_value` from one end.
    static func bestTrialSQL(_ direction: Direction) -> String {
        """
        SELECT id FROM trial WHERE study_id = ? AND state = 'complete' AND typeof(value) IN ('real', 'integer')
        ORDER BY value \(direction == .maximize ? "DESC" : "ASC"), finished, number LIMIT 1
        """
    }

    func loadTrials(
        _ db: Database, _ trials: String, arguments: StatementArguments, curves selection: CurveSelection = .all
    ) throws -> [Trial] {
        let rows = try TrialRow.fetchAll(db, trials: trials, arguments: arguments)
        guard !rows.isEmpty else { return [] }
        let curves = try ReportRow.curves(db, trials: trials, arguments: arguments, selection: selection)
        let notes = try NoteRow.trialNotes(db, trials: trials, arguments: arguments)
        return try rows.map { try $0.trial(metrics: curves[$0.id] ?? [:], notes: notes[$0.id] ?? []) }
    }

    /// One trial with its curves and notes.
    func loadTrial(_ db: Database, id: Int64) throws -> Trial {
        guard let row = try TrialRow.fetch(db, id: id) else { throw Self.noTrial(id) }
        return try row.trial(metrics: try ReportRow.curves(db, trial: id), notes: try NoteRow.trialNotes(db, trial: id))
    }
}
