import Foundation
import SweepCore

/// Optuna's journal replayed as Optuna 5.0 replays it (`JournalStorageReplayResult.apply_logs`)
/// for a process that issued none of the operations: an operation Optuna would reject (a study
/// name taken, a study or trial that does not exist, a change to a finished trial, a parameter
/// whose distribution contradicts an earlier trial's) is skipped, as Optuna skips it.
///
/// Study ids count every study created; trial ids count every trial created in the file; a
/// trial's number counts its study's trials. `DISCARD_TRIALS` (op 10, Rustuna's) is skipped.
struct OptunaJournalReplay {
    /// Optuna's `JournalOperation` codes.
    enum Op: Int, CaseIterable {
        case createStudy = 0, deleteStudy, setStudyUserAttr, setStudySystemAttr, createTrial, setTrialParam
        case setTrialStateValues, setTrialIntermediateValue, setTrialUserAttr, setTrialSystemAttr, discardTrials
    }

    /// Optuna's `TrialState` values and `StudyDirection` values, by their integer.
    static let states = ["RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"]
    static let directions = ["NOT_SET", "MINIMIZE", "MAXIMIZE"]
    /// The states a trial cannot leave.
    static let finished: Set<String> = ["COMPLETE", "PRUNED", "FAIL"]

    private(set) var studies: [Int: OptunaStudy] = [:]
    private var nextStudy = 0
    /// Every trial created, by trial id, with its study's id.
    private var trials: [(study: Int, trial: OptunaTrial)] = []
    private var trialsOfStudy: [Int: [Int]] = [:]

    /// The studies that exist at the end, in creation order, with their trials.
    var result: [OptunaStudy] {
        studies.keys.sorted().compactMap { id in
            guard var study = studies[id] else { return nil }
            study.trials = (trialsOfStudy[id] ?? []).map { trials[$0].trial }
            return study
        }
    }

    /// Applies one operation; throws `InteropError` naming the field that is missing or wrong.
    mutating func apply(_ log: JournalFields) throws(InteropError) {
        let code = try log.int("op_code")
        guard let op = Op(rawValue: code) else {
            throw .message("unknown op_code \(code); Optuna 5.0 writes 0-\(Op.allCases.count - 1)")
        }
        switch op {
        case .createStudy:
            let name = try log.string("study_name")
            let directions = try log.array("directions").map { value throws(InteropError) in
                guard case .int(let d) = value, Self.directions.indices.contains(d) else {
                    throw InteropError.message("field 'directions' holds \(value.text), expected 0 (NOT_SET), 1 (MINIMIZE) or 2 (MAXIMIZE)")
                }
                return Self.directions[d]
            }
            guard !studies.values.contains(where: { $0.name == name }) else { return }
            studies[nextStudy] = OptunaStudy(name: name, directions: directions)
            trialsOfStudy[nextStudy] = []
            nextStudy += 1
        case .deleteStudy:
            studies[try log.int("study_id")] = nil
        case .setStudyUserAttr, .setStudySystemAttr:
            let id = try log.int("study_id")
            let (key, value) = try log.attribute(op == .setStudyUserAttr ? "user_attr" : "system_attr")
            guard studies[id] != nil else { return }
            if op == .setStudyUserAttr { studies[id]?.userAttributes[key] = value } else { studies[id]?.systemAttributes[key] = value }
        case .createTrial:
            try createTrial(log)
        case .setTrialParam:
            try setParam(log)
        case .setTrialStateValues:
            try setState(log)
        case .setTrialIntermediateValue:
            let id = try log.int("trial_id")
            let step = try log.int("step")
            let value = try log.number("intermediate_value")
            try update(id) { $0.intermediate[step] = value }
        case .setTrialUserAttr, .setTrialSystemAttr:
            let id = try log.int("trial_id")
            let (key, value) = try log.attribute(op == .setTrialUserAttr ? "user_attr" : "system_attr")
            try update(id) { trial in
                if op == .setTrialUserAttr { trial.userAttributes[key] = value } else { trial.systemAttributes[key] = value }
            }
        case .discardTrials:
            return
        }
    }

    private mutating func createTrial(_ log: JournalFields) throws(InteropError) {
        let study = try log.int("study_id")
        let stateCode = try log.optionalInt("state") ?? 0
        guard Self.states.indices.contains(stateCode) else { throw .message("field 'state' holds \(stateCode), expected 0-4") }
        var trial = OptunaTrial(number: 0, state: Self.states[stateCode])
        trial.started = try log.optionalTime("datetime_start")
        trial.completed = try log.optionalTime("datetime_complete")
        let distributions = try log.optionalObject("distributions") ?? [:]
        for (name, internalValue) in try log.optionalObject("params") ?? [:] {
            guard let value = internalValue.number else { throw .message("params['\(name)'] holds \(internalValue.text), expected a number") }
            guard case .string(let json)? = distributions[name] else { throw .message("params['\(name)'] has no distribution in 'distributions'") }
            trial.params[name] = OptunaParam(internalValue: value, distributionJSON: json)
        }
        if let values = try log.optionalArray("values") {
            for (i, v) in values.enumerated() {
                guard let n = v.number else { throw .message("values[\(i)] holds \(v.text), expected a number") }
                trial.values[i] = n
            }
        } else if let value = try log.optionalNumber("value") {
            trial.values[0] = value
        }
        for (step, value) in try log.optionalObject("intermediate_values") ?? [:] {
            guard let s = Int(step), let v = value.number ?? (value == .null ? Double.nan : nil) else {
                throw .message("intermediate_values holds \(step): \(value.text), expected an integer step and a number")
            }
            trial.intermediate[s] = v
        }
        trial.userAttributes = try log.optionalObject("user_attrs") ?? [:]
        trial.systemAttributes = try log.optionalObject("system_attrs") ?? [:]
        guard studies[study] != nil else { return }
        trial.number = trialsOfStudy[study]?.count ?? 0
        trialsOfStudy[study, default: []].append(trials.count)
        trials.append((study, trial))
    }

    private mutating func setParam(_ log: JournalFields) throws(InteropError) {
        let id = try log.int("trial_id")
        let name = try log.string("param_name")
        let value = try log.number("param_value_internal")
        let json = try log.string("distribution")
        guard let study = updatable(id) else { return }
        // Optuna's check_distribution_compatibility against the study's first trial with the name.
        for other in trialsOfStudy[study] ?? [] {
            guard let earlier = trials[other].trial.params[name] else { continue }
            if !Self.compatible(earlier.distributionJSON, json) { return }
            break
        }
        trials[id].trial.params[name] = OptunaParam(internalValue: value, distributionJSON: json)
    }

    private mutating func setState(_ log: JournalFields) throws(InteropError) {
        let id = try log.int("trial_id")
        let code = try log.int("state")
        guard Self.states.indices.contains(code) else { throw .message("field 'state' holds \(code), expected 0-4") }
        let values = try log.optionalArray("values")
        let started = try log.optionalTime("datetime_start")
        let completed = try log.optionalTime("datetime_complete")
        guard updatable(id) != nil else { return }
        let state = Self.states[code]
        if state == "RUNNING", trials[id].trial.state == "RUNNING" { return }
        if state == "RUNNING" { trials[id].trial.started = started }
        if Self.finished.contains(state) { trials[id].trial.completed = completed }
        trials[id].trial.state = state
        if let values {
            var numbers: [Int: Double] = [:]
            for (i, v) in values.enumerated() {
                guard let n = v.number else { throw .message("values[\(i)] holds \(v.text), expected a number") }
                numbers[i] = n
            }
            trials[id].trial.values = numbers
        }
    }

    /// The trial's study when the trial exists and is not finished; nil otherwise.
    private func updatable(_ id: Int) -> Int? {
        guard trials.indices.contains(id), !Self.finished.contains(trials[id].trial.state) else { return nil }
        return trials[id].study
    }

    private mutating func update(_ id: Int, _ change: (inout OptunaTrial) -> Void) throws(InteropError) {
        guard updatable(id) != nil else { return }
        change(&trials[id].trial)
    }

    /// Optuna's `check_distribution_compatibility`: the same kind, the same log scale, and for a
    /// categorical the same choices. A distribution that does not parse is left to the import.
    static func compatible(_ old: String, _ new: String) -> Bool {
        guard let a = try? OptunaDistribution.parse(old), let b = try? OptunaDistribution.parse(new) else { return true }
        switch (a, b) {
        case (.float(let x), .float(let y)): return x.log == y.log
        case (.int(let x), .int(let y)): return x.log == y.log
        case (.categorical(let x), .categorical(let y)): return x == y
        default: return false
        }
    }
}
