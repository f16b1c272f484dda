import PostgresNIO
import SweepCore

extension PostgresStorage {
    public func openCheckpoint(trial: Int64, step: Int, brief: String, timeout: Double) async throws -> Checkpoint {
        try await write("ask about trial \(trial)") { sql in
            guard let row = try await TrialHeader.fetch(sql, id: trial) else { throw Self.noTrial(trial) }
            guard !row.state.isFinished else { throw try await finishedError(sql, trial: trial) }
            guard
                let inserted = try await sql.first(
                    """
                    INSERT INTO checkpoint (study_id, trial_id, step, brief, asked, deadline)
                    VALUES (\(row.studyID), \(trial), \(step), \(brief), \(unescaped: Schema.now), \(unescaped: Schema.now) + \(timeout))
                    RETURNING id, asked, deadline
                    """)
            else { throw SweepError.storage("the new checkpoint was not returned") }
            let (id, asked, deadline) = try Columns.decode(inserted, (Int64, Double, Double).self, table: "checkpoint")
            return Checkpoint(
                id: id, study: row.studyID, trialNumber: row.number, step: step, brief: brief, asked: Columns.date(asked),
                deadline: Columns.date(deadline))
        }
    }

    public func checkpoint(id: Int64) async throws -> Checkpoint {
        try await read("read checkpoint \(id)") { sql in
            guard let question = try await Self.checkpoints(sql, .id(id)).first else {
                throw SweepError.invalidArgument("no checkpoint with id \(id)")
            }
            return question
        }
    }

    public func checkpoints(study: Int64, openOnly: Bool) async throws -> [Checkpoint] {
        try await read("read the checkpoints of study \(study)") { sql in
            try await requireStudy(sql, study)
            return try await Self.checkpoints(sql, openOnly ? .open(study: study) : .study(study))
        }
    }

    public func answerCheckpoint(id: Int64, answer: CheckpointAnswer) async throws -> Checkpoint {
        try await write("answer checkpoint \(id)") { sql in
            try await sql.run(
                """
                UPDATE checkpoint SET prune = \(answer.prune), reason = \(answer.reason), answered_by = \(answer.by),
                answered = \(unescaped: Schema.now) WHERE id = \(id) AND answered_by IS NULL
                """)
            guard let question = try await Self.checkpoints(sql, .id(id)).first else {
                throw SweepError.invalidArgument("no checkpoint with id \(id)")
            }
            return question
        }
    }

    public func addLabel(study: Int64, label: PairLabel) async throws -> PairLabel {
        try await write("label two trials of study \(study)") { sql in
            let name = try await studyName(sql, study)
            let count = try await sql.first("SELECT count(*) FROM trial WHERE study_id = \(study)").map {
                try Columns.decode($0, Int64.self, "trial.count")
            }
            try label.check(trialCount: Int(count ?? 0), study: name)
            guard
                let row = try await sql.first(
                    """
                    INSERT INTO label (study_id, first, second, choice, by, time)
                    VALUES (\(study), \(label.first), \(label.second), \(label.choice.rawValue), \(label.by), \(unescaped: Schema.now))
                    RETURNING id, time
                    """)
            else { throw SweepError.storage("the new label was not returned") }
            let (id, time) = try Columns.decode(row, (Int64, Double).self, table: "label")
            var stored = label
            stored.id = id
            stored.time = Columns.date(time)
            return stored
        }
    }

    public func labels(study: Int64) async throws -> [PairLabel] {
        try await read("read the labels of study \(study)") { sql in
            try await requireStudy(sql, study)
            return try await sql.rows("SELECT id, first, second, choice, by, time FROM label WHERE study_id = \(study) ORDER BY id")
                .map { row in
                    let (id, first, second, choice, by, time) = try Columns.decode(
                        row, (Int64, Int, Int, String, String, Double).self, table: "label")
                    guard let parsed = PairChoice(rawValue: choice) else { throw SweepError.corrupt("label.choice holds '\(choice)'") }
                    return PairLabel(id: id, first: first, second: second, choice: parsed, by: by, time: Columns.date(time))
                }
        }
    }

    /// Which checkpoints to read.
    private enum CheckpointFilter {
        case id(Int64)
        case study(Int64)
        /// A study's unanswered questions on running trials.
        case open(study: Int64)
    }

    private static func checkpoints(_ sql: SQL, _ filter: CheckpointFilter) async throws -> [Checkpoint] {
        let columns = """
            SELECT c.id, c.study_id, t.number, c.step, c.brief, c.asked, c.deadline, c.prune, c.reason, c.answered_by, c.answered
            FROM checkpoint c JOIN trial t ON t.id = c.trial_id
            """
        let query: PostgresQuery =
            switch filter {
            case .id(let id): "\(unescaped: columns) WHERE c.id = \(id)"
            case .study(let study): "\(unescaped: columns) WHERE c.study_id = \(study) ORDER BY c.id"
            case .open(let study):
                "\(unescaped: columns) WHERE c.study_id = \(study) AND c.answered_by IS NULL AND t.state = 'running' ORDER BY c.id"
            }
        return try await sql.rows(query).map { row in
            let (id, study, number, step, brief, asked, deadline, prune, reason, by, answered) = try Columns.decode(
                row, (Int64, Int64, Int, Int, String, Double, Double, Bool?, String?, String?, Double?).self, table: "checkpoint")
            var question = Checkpoint(
                id: id, study: study, trialNumber: number, step: step, brief: brief, asked: Columns.date(asked),
                deadline: Columns.date(deadline))
            if let by {
                question.answer = CheckpointAnswer(prune: prune ?? false, reason: reason, by: by, time: Columns.date(answered ?? 0))
            }
            return question
        }
    }
}
