import PostgresNIO
import SweepCore

// Reading trials back with their curves and notes.
extension PostgresStorage {
    public func trial(id: Int64) async throws -> Trial {
        try await read("read trial \(id)") { sql in try await loadTrial(sql, id: id) }
    }

    public func trial(study: Int64, number: Int) async throws -> Trial {
        try await read("read trial \(number) of study \(study)") { sql in
            guard let trial = try await TrialRead.load(sql, .numbered(study: study, number: number)).first else {
                throw SweepError.unknownTrial(study: try await studyName(sql, study), number: number)
            }
            return trial
        }
    }

    public func trials(study: Int64, states: Set<TrialState>?) async throws -> [Trial] {
        try await trials(study: study, states: states, curves: .all)
    }

    public func trials(study: Int64, states: Set<TrialState>?, curves: CurveSelection) async throws -> [Trial] {
        try await read("read the trials of study \(study)") { sql in
            try await requireStudy(sql, study)
            if states?.isEmpty == true { return [] }
            return try await loadTrials(sql, .study(study, states: states), curves: curves)
        }
    }

    public func trials(ids: [Int64], curves: CurveSelection) async throws -> [Trial] {
        guard !ids.isEmpty else { return [] }
        return try await read("read \(ids.count) trials") { sql in try await loadTrials(sql, .ids(ids), curves: curves) }
    }

    public func trialCount(study: Int64) async throws -> Int {
        try await read("count the trials of study \(study)") { sql in
            guard let row = try await sql.first("SELECT trial_count FROM study WHERE id = \(study)") else {
                throw Self.noStudy(study)
            }
            return try Columns.decode(row, Int.self, "study.trial_count")
        }
    }

    /// One query for the best trial's id (the first finished among equal values, as
    /// `Storage.bestTrial`'s default chooses; NaN, which PostgreSQL sorts above every number, is
    /// never best), then that trial alone with its curves, not every complete trial's.
    public func bestTrial(study: Int64, direction: Direction) async throws -> Trial? {
        try await read("read the best trial of study \(study)") { sql in
            try await requireStudy(sql, study)
            let order = direction == .maximize ? "DESC" : "ASC"
            guard
                let row = try await sql.first(
                    """
                    SELECT id FROM trial
                    WHERE study_id = \(study) AND state = 'complete' AND value IS NOT NULL AND value <> 'NaN'::float8
                    ORDER BY value \(unescaped: order), finished, number LIMIT 1
                    """)
            else { return nil }
            return try await loadTrial(sql, id: try Columns.decode(row, Int64.self, "trial.id"))
        }
    }

    /// The trials of `set` with their curves (those `selection` chooses) and notes, in number
    /// order, in one statement.
    func loadTrials(_ sql: SQL, _ set: TrialSet, curves selection: CurveSelection = .all) async throws -> [Trial] {
        try await TrialRead.load(sql, set, curves: selection)
    }

    /// One trial with its curves and notes.
    func loadTrial(_ sql: SQL, id: Int64) async throws -> Trial {
        guard let trial = try await TrialRead.load(sql, .ids([id])).first else { throw Self.noTrial(id) }
        return trial
    }
}
