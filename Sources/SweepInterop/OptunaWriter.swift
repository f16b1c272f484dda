import Foundation
import GRDB
import SweepCore

/// Writes studies into an Optuna SQLite database that Optuna 5.0's `optuna.load_study` reads,
/// all or nothing.
///
/// A new file gets Optuna 5.0's schema (`OptunaSchema.ddl`, `version_info` 12 / 5.0.0,
/// `alembic_version` v3.2.0.a); it is written beside the target under a temporary name and moved
/// into place when complete, so a failure leaves no file. An existing Optuna 3.x-5.x file gets
/// the studies in one transaction; a study name it already holds is refused before writing.
/// Times are written as naive UTC, as Optuna 5 writes and reads them.
public enum OptunaWriter {
    public static func write(_ studies: [OptunaStudy], to path: String) throws(SweepError) {
        if FileManager.default.fileExists(atPath: path) {
            try OptunaReader.guarded(path) {
                let queue = try DatabaseQueue(path: path)
                defer { try? queue.close() }
                try queue.write { db in
                    _ = try OptunaReader.check(db, path: path)
                    for study in studies where try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM studies WHERE study_name = ?)", arguments: [study.name]) == true
                    {
                        throw SweepError.duplicateStudy(study.name)
                    }
                    for study in studies { try insert(study, db) }
                }
            }
            return
        }
        let temporary = temporaryPath(beside: path)
        do throws(SweepError) {
            try create(temporary, with: studies, for: path)
            guard !FileManager.default.fileExists(atPath: path) else {
                throw SweepError.invalidArgument("\(path) appeared while the export was written; nothing was changed in it")
            }
            do {
                try FileManager.default.moveItem(atPath: temporary, toPath: path)
            } catch {
                throw SweepError.invalidArgument("cannot write \(path): \(error.localizedDescription)")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// A new file with Optuna 5.0's schema, its version rows and the studies.
    private static func create(_ temporary: String, with studies: [OptunaStudy], for path: String) throws(SweepError) {
        try OptunaReader.guarded(path) {
            let queue = try DatabaseQueue(path: temporary)
            try queue.write { db in
                for statement in OptunaSchema.ddl { try db.execute(sql: statement) }
                try db.execute(
                    sql: "INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, ?, ?)",
                    arguments: [OptunaSchema.schemaVersion, OptunaSchema.libraryVersion])
                try db.execute(sql: "INSERT INTO alembic_version (version_num) VALUES (?)", arguments: [OptunaSchema.head])
                for study in studies { try insert(study, db) }
            }
            try queue.close()
        }
    }

    /// A hidden temporary name beside `path`, in the same directory so the move is a rename.
    private static func temporaryPath(beside path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).sweep-\(UUID().uuidString)"
    }

    private static func insert(_ study: OptunaStudy, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO studies (study_name) VALUES (?)", arguments: [study.name])
        let id = db.lastInsertedRowID
        for (objective, direction) in study.directions.enumerated() {
            try db.execute(
                sql: "INSERT INTO study_directions (direction, study_id, objective) VALUES (?, ?, ?)",
                arguments: [direction, id, objective])
        }
        try attributes(study.userAttributes, table: "study_user_attributes", owner: "study_id", id: id, db)
        try attributes(study.systemAttributes, table: "study_system_attributes", owner: "study_id", id: id, db)
        let trialStatement = try db.cachedStatement(
            sql: "INSERT INTO trials (number, study_id, state, datetime_start, datetime_complete) VALUES (?, ?, ?, ?, ?)")
        for trial in study.trials {
            try trialStatement.execute(arguments: [
                trial.number, id, trial.state, trial.started.map(OptunaTime.text), trial.completed.map(OptunaTime.text),
            ])
            try insert(trial, id: db.lastInsertedRowID, db)
        }
    }

    private static func insert(_ trial: OptunaTrial, id: Int64, _ db: Database) throws {
        let param = try db.cachedStatement(
            sql: "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (?, ?, ?, ?)")
        for (name, p) in trial.params.sorted(by: { $0.key < $1.key }) {
            try param.execute(arguments: [id, name, p.internalValue, p.distributionJSON])
        }
        let value = try db.cachedStatement(sql: "INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (?, ?, ?, ?)")
        for (objective, v) in trial.values.sorted(by: { $0.key < $1.key }) {
            let (stored, type) = stored(v)
            try value.execute(arguments: [id, objective, stored, type])
        }
        let step = try db.cachedStatement(
            sql: "INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type) VALUES (?, ?, ?, ?)")
        for (s, v) in trial.intermediate.sorted(by: { $0.key < $1.key }) {
            let (stored, type) = stored(v)
            try step.execute(arguments: [id, s, stored, type])
        }
        try attributes(trial.userAttributes, table: "trial_user_attributes", owner: "trial_id", id: id, db)
        try attributes(trial.systemAttributes, table: "trial_system_attributes", owner: "trial_id", id: id, db)
    }

    /// Optuna's `value_to_stored_repr`: infinities and NaN as NULL and a type.
    private static func stored(_ v: Double) -> (Double?, String) {
        if v.isNaN { return (nil, "NAN") }
        if v == .infinity { return (nil, "INF_POS") }
        if v == -.infinity { return (nil, "INF_NEG") }
        return (v, "FINITE")
    }

    private static func attributes(_ values: [String: PythonJSON], table: String, owner: String, id: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO \(table) (\(owner), key, value_json) VALUES (?, ?, ?)")
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            try statement.execute(arguments: [id, key, value.text])
        }
    }
}
