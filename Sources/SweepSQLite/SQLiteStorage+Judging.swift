import Foundation
import GRDB
import SweepCore

extension SQLiteStorage {
    public func openCheckpoint(trial: Int64, step: Int, brief: String, timeout: Double) async throws -> Checkpoint {
        try await write { [self] db in
            guard let header = try TrialHeader.fetch(db, id: trial) else { throw Self.noTrial(trial) }
            guard !header.state.isFinished else { throw try self.finished(db, header) }
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO checkpoint (study_id, trial_id, step, brief, asked, deadline)
                    VALUES (?, ?, ?, ?, \(Schema.now), \(Schema.now) + ?)
                    RETURNING id, asked, deadline
                    """, arguments: [header.studyID, trial, step, brief, timeout])!
            return Checkpoint(
                id: row[0], study: header.studyID, trialNumber: header.number, step: step, brief: brief,
                asked: Columns.date(row[1]), deadline: Columns.date(row[2]))
        }
    }

    public func checkpoint(id: Int64) async throws -> Checkpoint {
        try await read { db in
            guard let question = try Self.checkpoints(db, where: "c.id = ?", [id]).first else {
                throw SweepError.invalidArgument("no checkpoint with id \(id)")
            }
            return question
        }
    }

    public func checkpoints(study: Int64, openOnly: Bool) async throws -> [Checkpoint] {
        try await read { [self] db in
            try requireStudy(db, study)
            let filter = openOnly ? "c.study_id = ? AND c.answered_by IS NULL AND t.state = 'running'" : "c.study_id = ?"
            return try Self.checkpoints(db, where: filter, [study])
        }
    }

    public func answerCheckpoint(id: Int64, answer: CheckpointAnswer) async throws -> Checkpoint {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE checkpoint SET prune = ?, reason = ?, answered_by = ?, answered = \(Schema.now)
                    WHERE id = ? AND answered_by IS NULL
                    """, arguments: [answer.prune, answer.reason, answer.by, id])
            guard let question = try Self.checkpoints(db, where: "c.id = ?", [id]).first else {
                throw SweepError.invalidArgument("no checkpoint with id \(id)")
            }
            return question
        }
    }

    public func addLabel(study: Int64, label: PairLabel) async throws -> PairLabel {
        try await write { [self] db in
            let name = try studyName(db, study)
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM trial WHERE study_id = ?", arguments: [study]) ?? 0
            try label.check(trialCount: count, study: name)
            let row = try Row.fetchOne(
                db,
                sql: """
                    INSERT INTO label (study_id, first, second, choice, by, time) VALUES (?, ?, ?, ?, ?, \(Schema.now))
                    RETURNING id, time
                    """, arguments: [study, label.first, label.second, label.choice.rawValue, label.by])!
            var stored = label
            stored.id = row[0]
            stored.time = Columns.date(row[1])
            return stored
        }
    }

    public func labels(study: Int64) async throws -> [PairLabel] {
        try await read { [self] db in
            try requireStudy(db, study)
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, first, second, choice, by, time FROM label WHERE study_id = ? ORDER BY id", arguments: [study])
            return try rows.map { row in
                let text: String = row[3]
                guard let choice = PairChoice(rawValue: text) else { throw SweepError.corrupt("label.choice holds '\(text)'") }
                return PairLabel(id: row[0], first: row[1], second: row[2], choice: choice, by: row[4], time: Columns.date(row[5]))
            }
        }
    }

    private static func checkpoints(_ db: Database, where filter: String, _ arguments: StatementArguments) throws -> [Checkpoint] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT c.id, c.study_id, t.number, c.step, c.brief, c.asked, c.deadline, c.prune, c.reason, c.answered_by, c.answered
                FROM checkpoint c JOIN trial t ON t.id = c.trial_id WHERE \(filter) ORDER BY c.id
                """, arguments: arguments)
        return rows.map { row in
            var question = Checkpoint(
                id: row[0], study: row[1], trialNumber: row[2], step: row[3], brief: row[4], asked: Columns.date(row[5]),
                deadline: Columns.date(row[6]))
            if let by: String = row[9] {
                question.answer = CheckpointAnswer(prune: row[7] ?? false, reason: row[8], by: by, time: Columns.date(row[10] ?? 0))
            }
            return question
        }
    }
}
