import Foundation
import SweepCore

/// A Sweep study in Optuna's terms, for `OptunaWriter`.
///
/// States map one to one (`complete` → `COMPLETE`, `pruned` → `PRUNED`, `failed` → `FAIL`,
/// `running` → `RUNNING`, `waiting` → `WAITING`); a complete trial without a number (which Optuna
/// cannot hold) becomes `FAIL` with a `fail_reason`. The objective metric's curve becomes the
/// intermediate values; other curves, notes and the study's settings go into attributes
/// (`SweepKeys`), which an import reads back.
public enum OptunaExport {
    /// The study and what did not come over as it was.
    public static func study(_ record: StudyRecord, trials: [Trial]) -> (study: OptunaStudy, warnings: [String]) {
        var warnings: [String] = []
        var study = OptunaStudy(
            name: record.name, directions: [record.config.direction == .maximize ? "MAXIMIZE" : "MINIMIZE"],
            userAttributes: record.userAttributes.mapValues(PythonJSON.init),
            systemAttributes: record.systemAttributes.mapValues(PythonJSON.init))
        study.systemAttributes[SweepKeys.study] = SweepKeys.json(record.config)
        if !record.notes.isEmpty { study.userAttributes[SweepKeys.notes] = SweepKeys.json(record.notes) }
        for trial in trials.sorted(by: { $0.number < $1.number }) {
            study.trials.append(Self.trial(trial, config: record.config, warnings: &warnings))
        }
        return (study, warnings)
    }

    static let states: [TrialState: String] = [
        .complete: "COMPLETE", .pruned: "PRUNED", .failed: "FAIL", .running: "RUNNING", .waiting: "WAITING",
    ]

    private static func trial(_ trial: Trial, config: StudyConfig, warnings: inout [String]) -> OptunaTrial {
        let context = "study '\(config.name)', trial \(trial.number)"
        var optuna = OptunaTrial(
            number: trial.number, state: states[trial.state] ?? "FAIL", started: trial.started, completed: trial.finished,
            userAttributes: trial.userAttributes.mapValues(PythonJSON.init),
            systemAttributes: trial.systemAttributes.mapValues(PythonJSON.init))
        for (name, value) in trial.params {
            guard let distribution = trial.distributions[name] ?? config.space[name] ?? single(value) else {
                warnings.append("\(context), parameter '\(name)' = \(value) cannot be exported; left out")
                continue
            }
            if trial.distributions[name] == nil {
                warnings.append("\(context), parameter '\(name)' has no distribution; exported with \(OptunaDistribution.json(distribution))")
            }
            if let internalValue = OptunaDistribution.internalValue(value, in: distribution) {
                optuna.params[name] = OptunaParam(internalValue: internalValue, distributionJSON: OptunaDistribution.json(distribution))
            } else {
                warnings.append("\(context), parameter '\(name)' = \(value) is not in its distribution; left out")
            }
        }
        if let value = trial.value, !value.isNaN, trial.state.isFinished { optuna.values[0] = value }
        if trial.state == .complete, optuna.values[0] == nil {
            warnings.append("\(context) is complete without a value, which Optuna cannot hold; exported as FAIL")
            optuna.state = "FAIL"
            optuna.systemAttributes["fail_reason"] = .string("complete in Sweep without a value")
        }
        for (metric, curve) in trial.metrics {
            if metric == config.objective {
                for (step, value) in zip(curve.steps, curve.values) { optuna.intermediate[step] = value }
            } else {
                optuna.userAttributes[SweepKeys.curvePrefix + metric] = SweepKeys.json(curve)
            }
        }
        if !trial.notes.isEmpty { optuna.userAttributes[SweepKeys.notes] = SweepKeys.json(trial.notes) }
        return optuna
    }

    /// The one-point distribution of a value with none recorded.
    private static func single(_ value: ParamValue) -> Distribution? {
        switch value {
        case .int(let i): return (try? IntDistribution(low: i, high: i)).map(Distribution.int)
        case .double(let v): return (try? FloatDistribution(low: v, high: v)).map(Distribution.float)
        case .string, .bool: return (try? CategoricalDistribution([value])).map(Distribution.categorical)
        }
    }
}
