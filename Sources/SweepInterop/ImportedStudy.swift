import Foundation
import SweepCore

/// An Optuna study turned into Sweep's terms, ready to store (`OptunaImport.store`).
///
/// States: `COMPLETE`, `PRUNED`, `FAIL`, `RUNNING`, `WAITING` become `complete`, `pruned`,
/// `failed`, `running` (with no heartbeat timeout: nobody reaps it; `sweep tell` ends it) and
/// `waiting` (enqueued, with its fixed parameters). Intermediate values become the objective
/// metric's curve (`value` unless the study came from Sweep); attributes stay attributes, so
/// Optuna's `fail_reason` and `completed_rung_N` keep their meaning.
public struct ImportedStudy: Sendable, Hashable {
    public var config: StudyConfig
    public var userAttributes: [String: JSONValue]
    public var systemAttributes: [String: JSONValue]
    public var notes: [Note]
    /// In number order; `id` is unused (0).
    public var trials: [Trial]
    /// What did not come over as it was (a `None` choice, renumbered trials), for the user.
    public var warnings: [String]

    /// Converts a study read from Optuna; `name` renames it. Throws `invalidArgument` for a
    /// multi-objective study and `corrupt` for a value the schema does not allow.
    public init(_ study: OptunaStudy, name: String? = nil) throws(SweepError) {
        var warnings: [String] = []
        let direction = try Self.direction(study, warnings: &warnings)
        var config = StudyConfig(name: name ?? study.name, direction: direction)
        var system = study.systemAttributes
        if let sweep = system[SweepKeys.study], SweepKeys.read(sweep, into: &config) { system[SweepKeys.study] = nil }
        var user = study.userAttributes
        notes = user[SweepKeys.notes].flatMap(SweepKeys.notes) ?? []
        if !notes.isEmpty { user[SweepKeys.notes] = nil }
        var trials: [Trial] = []
        var noneChoices: Set<String> = []
        for (index, optuna) in study.trials.enumerated() {
            let context = "study '\(study.name)', trial \(optuna.number)"
            if optuna.number != index, warnings.count < 20 {
                warnings.append("\(context) becomes trial \(index): Sweep numbers trials 0, 1, 2, ... without gaps")
            }
            trials.append(try Self.trial(optuna, number: index, objective: config.objective, context: context, warnings: &warnings, noneChoices: &noneChoices))
        }
        if config.space.isEmpty {
            for trial in trials {
                for name in trial.distributions.keys.sorted() { if let d = trial.distributions[name] { config.space.set(name, d) } }
            }
        }
        self.config = config
        self.userAttributes = user.mapValues(\.jsonValue)
        self.systemAttributes = system.mapValues(\.jsonValue)
        self.trials = trials
        self.warnings = warnings
    }

    private static func direction(_ study: OptunaStudy, warnings: inout [String]) throws(SweepError) -> Direction {
        guard study.directions.count <= 1 else {
            throw .invalidArgument(
                "study '\(study.name)' has \(study.directions.count) objectives (\(study.directions.joined(separator: ", "))); "
                    + "Sweep studies have one objective, so it cannot be imported")
        }
        switch study.directions.first {
        case "MINIMIZE": return .minimize
        case "MAXIMIZE": return .maximize
        case "NOT_SET":
            warnings.append("study '\(study.name)' has no direction set (NOT_SET); imported as minimize, Optuna's default")
            return .minimize
        case nil: throw .corrupt("study '\(study.name)' has no row in study_directions")
        case let other?: throw .corrupt("column study_directions.direction holds '\(other)', expected MINIMIZE or MAXIMIZE")
        }
    }
}
