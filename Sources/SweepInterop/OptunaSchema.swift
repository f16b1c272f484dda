/// Optuna's RDB schema: the versions Sweep reads and the DDL Optuna 5.0 creates in SQLite
/// (`metadata.create_all` of `optuna/storages/_rdb/models.py`, then alembic stamped at head).
public enum OptunaSchema {
    /// `version_info.schema_version` since Optuna 1.x (schema changes moved to alembic).
    public static let schemaVersion = 12
    /// The library version written into a new file.
    public static let libraryVersion = "5.0.0"
    /// Alembic's head in Optuna 3.2 through 5.0.
    public static let head = "v3.2.0.a"
    /// Revisions of Optuna 3.x-5.x (3.0 and 3.1 stop at `v3.0.0.d`), the ones Sweep reads.
    public static let readable: Set<String> = ["v3.0.0.d", "v3.2.0.a"]
    /// Revisions of Optuna before 3.0 (and 3.0's pre-releases): upgrade them first.
    public static let older: Set<String> = [
        "v0.9.0.a", "v1.2.0.a", "v1.3.0.a", "v2.4.0.a", "v2.6.0.a", "v3.0.0.a", "v3.0.0.b", "v3.0.0.c",
    ]

    /// The tables an Optuna 3.x-5.x database has.
    public static let tables = [
        "studies", "version_info", "study_directions", "study_user_attributes", "study_system_attributes", "trials",
        "trial_user_attributes", "trial_system_attributes", "trial_params", "trial_values",
        "trial_intermediate_values", "trial_heartbeats", "alembic_version",
    ]

    /// Optuna 5.0's tables, indexes and constraints in SQLite, as `sqlite3 .schema` shows them.
    public static let ddl: [String] = [
        """
        CREATE TABLE studies (
        \tstudy_id INTEGER NOT NULL,
        \tstudy_name VARCHAR(512) NOT NULL,
        \tPRIMARY KEY (study_id)
        )
        """,
        "CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name)",
        """
        CREATE TABLE version_info (
        \tversion_info_id INTEGER NOT NULL,
        \tschema_version INTEGER,
        \tlibrary_version VARCHAR(256),
        \tPRIMARY KEY (version_info_id),
        \tCHECK (version_info_id=1)
        )
        """,
        """
        CREATE TABLE study_directions (
        \tstudy_direction_id INTEGER NOT NULL,
        \tdirection VARCHAR(8) NOT NULL,
        \tstudy_id INTEGER NOT NULL,
        \tobjective INTEGER NOT NULL,
        \tPRIMARY KEY (study_direction_id),
        \tUNIQUE (study_id, objective),
        \tFOREIGN KEY(study_id) REFERENCES studies (study_id)
        )
        """,
        attributes("study_user_attributes", id: "study_user_attribute_id", owner: "study_id", references: "studies"),
        attributes("study_system_attributes", id: "study_system_attribute_id", owner: "study_id", references: "studies"),
        """
        CREATE TABLE trials (
        \ttrial_id INTEGER NOT NULL,
        \tnumber INTEGER,
        \tstudy_id INTEGER,
        \tstate VARCHAR(8) NOT NULL,
        \tdatetime_start DATETIME,
        \tdatetime_complete DATETIME,
        \tPRIMARY KEY (trial_id),
        \tFOREIGN KEY(study_id) REFERENCES studies (study_id)
        )
        """,
        "CREATE INDEX ix_trials_study_id ON trials (study_id)",
        attributes("trial_user_attributes", id: "trial_user_attribute_id", owner: "trial_id", references: "trials"),
        attributes("trial_system_attributes", id: "trial_system_attribute_id", owner: "trial_id", references: "trials"),
        """
        CREATE TABLE trial_params (
        \tparam_id INTEGER NOT NULL,
        \ttrial_id INTEGER,
        \tparam_name VARCHAR(512),
        \tparam_value FLOAT,
        \tdistribution_json TEXT,
        \tPRIMARY KEY (param_id),
        \tUNIQUE (trial_id, param_name),
        \tFOREIGN KEY(trial_id) REFERENCES trials (trial_id)
        )
        """,
        """
        CREATE TABLE trial_values (
        \ttrial_value_id INTEGER NOT NULL,
        \ttrial_id INTEGER NOT NULL,
        \tobjective INTEGER NOT NULL,
        \tvalue FLOAT,
        \tvalue_type VARCHAR(7) NOT NULL,
        \tPRIMARY KEY (trial_value_id),
        \tUNIQUE (trial_id, objective),
        \tFOREIGN KEY(trial_id) REFERENCES trials (trial_id)
        )
        """,
        """
        CREATE TABLE trial_intermediate_values (
        \ttrial_intermediate_value_id INTEGER NOT NULL,
        \ttrial_id INTEGER NOT NULL,
        \tstep INTEGER NOT NULL,
        \tintermediate_value FLOAT,
        \tintermediate_value_type VARCHAR(7) NOT NULL,
        \tPRIMARY KEY (trial_intermediate_value_id),
        \tUNIQUE (trial_id, step),
        \tFOREIGN KEY(trial_id) REFERENCES trials (trial_id)
        )
        """,
        """
        CREATE TABLE trial_heartbeats (
        \ttrial_heartbeat_id INTEGER NOT NULL,
        \ttrial_id INTEGER NOT NULL,
        \theartbeat DATETIME NOT NULL,
        \tPRIMARY KEY (trial_heartbeat_id),
        \tUNIQUE (trial_id),
        \tFOREIGN KEY(trial_id) REFERENCES trials (trial_id)
        )
        """,
        """
        CREATE TABLE alembic_version (
        \tversion_num VARCHAR(32) NOT NULL,
        \tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
        )
        """,
    ]

    private static func attributes(_ table: String, id: String, owner: String, references: String) -> String {
        """
        CREATE TABLE \(table) (
        \t\(id) INTEGER NOT NULL,
        \t\(owner) INTEGER,
        \t"key" VARCHAR(512),
        \tvalue_json TEXT,
        \tPRIMARY KEY (\(id)),
        \tUNIQUE (\(owner), "key"),
        \tFOREIGN KEY(\(owner)) REFERENCES \(references) (\(owner))
        )
        """
    }
}
