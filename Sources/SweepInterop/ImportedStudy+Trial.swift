import Foundation
import SweepCore

extension ImportedStudy {
    /// Optuna's trial states by name.
    static let states: [String: TrialState] = [
        "COMPLETE": .complete, "PRUNED": .pruned, "FAIL": .failed, "RUNNING": .running, "WAITING": .waiting,
    ]

    static func trial(
        _ optuna: OptunaTrial, number: Int, objective: String, context: String, warnings: inout [String],
        noneChoices: inout Set<String>
    ) throws(SweepError) -> Trial {
        guard let state = states[optuna.state] else {
            throw .corrupt("\(context): column trials.state holds '\(optuna.state)', expected one of \(states.keys.sorted().joined(separator: ", "))")
        }
        var trial = Trial(id: 0, number: number, state: state, started: optuna.started)
        for (name, param) in optuna.params {
            do {
                let distribution = try OptunaDistribution.parse(param.distributionJSON)
                trial.distributions[name] = distribution
                trial.params[name] = try OptunaDistribution.external(param.internalValue, in: distribution)
                if !noneChoices.contains(name), case .categorical(let d) = distribution,
                    d.choices.contains(OptunaDistribution.noneChoice), OptunaDistribution.hasNoneChoice(param.distributionJSON)
                {
                    noneChoices.insert(name)
                    warnings.append("parameter '\(name)': the choice None becomes the string \"None\" (Sweep has no None)")
                }
            } catch {
                throw .corrupt("\(context), parameter '\(name)' (trial_params): \(error)")
            }
        }
        if let other = optuna.values.keys.first(where: { $0 != 0 }) {
            throw .corrupt("\(context) has a value for objective \(other), but its study has one objective")
        }
        trial.value = optuna.values[0]
        if !optuna.intermediate.isEmpty {
            let steps = optuna.intermediate.keys.sorted()
            trial.metrics[objective] = MetricCurve(steps: steps, values: steps.map { optuna.intermediate[$0] ?? .nan })
        }
        var user = optuna.userAttributes
        for (key, value) in user where key.hasPrefix(SweepKeys.curvePrefix) {
            if let curve = SweepKeys.curve(value) {
                trial.metrics[String(key.dropFirst(SweepKeys.curvePrefix.count))] = curve
                user[key] = nil
            }
        }
        if let notes = user[SweepKeys.notes].flatMap(SweepKeys.notes) {
            trial.notes = notes
            user[SweepKeys.notes] = nil
        }
        trial.userAttributes = user.mapValues(\.jsonValue)
        trial.systemAttributes = optuna.systemAttributes.mapValues(\.jsonValue)
        if state.isFinished {
            trial.finished = optuna.completed ?? optuna.started
            if trial.finished == nil { warnings.append("\(context) is finished without a time; it gets the time of the import") }
        } else {
            if trial.value != nil { warnings.append("\(context) is \(optuna.state) with a value; the value is left out") }
            trial.value = nil
            if state == .waiting, !trial.metrics.isEmpty {
                warnings.append("\(context) is WAITING with intermediate values; they are left out")
                trial.metrics = [:]
            }
        }
        return trial
    }
}
