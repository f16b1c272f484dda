import Foundation
import SweepCore
import Testing

@testable import SweepInterop

/// Field-by-field comparison of a Sweep trial or study with what Optuna read.
enum Comparison {
    static let states: [String: TrialState] = [
        "COMPLETE": .complete, "PRUNED": .pruned, "FAIL": .failed, "RUNNING": .running, "WAITING": .waiting,
    ]

    /// Times agree to a millisecond (Optuna keeps microseconds; Sweep a Double of seconds).
    static let timeTolerance = 1e-3

    static func expectSame(_ sweep: StudyRecord, _ optuna: OptunaPython.DumpedStudy, ignoringSweepKeys: Bool = false) throws {
        #expect(sweep.config.direction.rawValue.uppercased() == optuna.directions.first, "direction of \(optuna.name)")
        var user = try optuna.user_attrs.mapValues(OptunaPython.json)
        var system = try optuna.system_attrs.mapValues(OptunaPython.json)
        if ignoringSweepKeys {
            user[SweepKeys.notes] = nil
            system[SweepKeys.study] = nil
        }
        #expect(sweep.userAttributes == user, "study user attributes of \(optuna.name)")
        #expect(sweep.systemAttributes == system, "study system attributes of \(optuna.name)")
    }

    static func expectSame(
        _ trial: Trial, _ optuna: OptunaPython.DumpedTrial, objective: String = "value", otherCurvesAsAttributes: Bool = false
    ) throws {
        let what = "trial \(optuna.number)"
        #expect(trial.number == optuna.number, "\(what): number")
        #expect(trial.state == states[optuna.state], "\(what): state \(trial.state) against \(optuna.state)")
        let value = try optuna.values?.first.map(OptunaPython.double)
        #expect(trial.value == value || (trial.value?.isNaN == true && value?.isNaN == true), "\(what): value \(String(describing: trial.value)) against \(String(describing: value))")
        #expect(Set(trial.params.keys) == Set(optuna.params.keys), "\(what): parameter names")
        for (name, param) in optuna.params {
            #expect(trial.params[name] == (try OptunaPython.param(param)), "\(what): parameter \(name)")
            let distribution = try OptunaDistribution.parse(optuna.distributions[name] ?? "")
            #expect(trial.distributions[name] == distribution, "\(what): distribution of \(name)")
        }
        let curve = trial.curve(objective).sortedPairs
        #expect(curve.map(\.step) == optuna.intermediate.compactMap { if case .int(let s) = $0.first { s } else { nil } }, "\(what): steps")
        let values = try optuna.intermediate.map { pair -> Double in
            guard pair.count == 2, case .hex(let hex) = pair[1] else { throw OptunaPython.Failure(description: "bad pair") }
            return try OptunaPython.double(hex)
        }
        #expect(curve.count == values.count && zip(curve.map(\.value), values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(what): intermediate values")
        var user = try optuna.user_attrs.mapValues(OptunaPython.json)
        if otherCurvesAsAttributes {
            for (metric, c) in trial.metrics where metric != objective {
                #expect(user[SweepKeys.curvePrefix + metric] == SweepKeys.json(c).jsonValue, "\(what): curve \(metric)")
                user[SweepKeys.curvePrefix + metric] = nil
            }
            if !trial.notes.isEmpty {
                #expect(user[SweepKeys.notes] == SweepKeys.json(trial.notes).jsonValue, "\(what): notes")
                user[SweepKeys.notes] = nil
            }
        }
        #expect(trial.userAttributes == user, "\(what): user attributes")
        #expect(trial.systemAttributes == (try optuna.system_attrs.mapValues(OptunaPython.json)), "\(what): system attributes")
        expectTime(trial.started, optuna.start, "\(what): start")
        expectTime(trial.finished, optuna.complete, "\(what): end")
    }

    static func expectTime(_ date: Date?, _ seconds: Double?, _ what: String) {
        switch (date, seconds) {
        case (nil, nil): break
        case (let d?, let s?): #expect(abs(d.timeIntervalSince1970 - s) < timeTolerance, "\(what): \(d.timeIntervalSince1970) against \(s)")
        default: Issue.record("\(what): \(String(describing: date)) against \(String(describing: seconds))")
        }
    }
}
