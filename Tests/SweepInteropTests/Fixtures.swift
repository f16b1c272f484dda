import Foundation
import GRDB
import SweepCore

@testable import SweepInterop

/// Optuna files made without Python (through `OptunaWriter`), for the tests of damaged input.
enum Fixtures {
    /// A study of `trials` trials, each with a float and a categorical parameter, three
    /// intermediate values and attributes.
    static func study(_ name: String, trials: Int = 5) -> OptunaStudy {
        var study = OptunaStudy(name: name, directions: ["MINIMIZE"], userAttributes: ["owner": .string("me")])
        let float = #"{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0, "high": 1.0, "log": false}}"#
        let choices = #"{"name": "CategoricalDistribution", "attributes": {"choices": ["a", 1, 2.5, true]}}"#
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        for n in 0..<trials {
            study.trials.append(
                OptunaTrial(
                    number: n, state: n == trials - 1 ? "PRUNED" : "COMPLETE", started: start.addingTimeInterval(Double(n)),
                    completed: start.addingTimeInterval(Double(n) + 0.5),
                    params: [
                        "x": OptunaParam(internalValue: Double(n) / 10, distributionJSON: float),
                        "c": OptunaParam(internalValue: Double(n % 4), distributionJSON: choices),
                    ],
                    values: n == trials - 1 ? [:] : [0: Double(n)], intermediate: [0: 1, 1: 0.5, 2: Double(n)],
                    userAttributes: ["tag": .string("t\(n)")], systemAttributes: ["completed_rung_0": .float(0.5)]))
        }
        return study
    }

    /// A new Optuna file at `path` holding `studies`.
    static func file(_ path: String, _ studies: [OptunaStudy] = [study("a"), study("b", trials: 3)]) throws {
        try OptunaWriter.write(studies, to: path)
    }

    /// Runs SQL on a file (to damage it on purpose).
    static func execute(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: sql) }
        try queue.close()
    }
}

/// A storage whose `endTrial` fails after `failAfter` calls: an import that breaks half way.
final class FailingStorage: ForwardingStorage, @unchecked Sendable {
    let base: any Storage
    private let lock = NSLock()
    private var ends = 0
    private let failAfter: Int

    init(base: any Storage, failAfter: Int) {
        self.base = base
        self.failAfter = failAfter
    }

    func endTrial(trial: Int64, state: TrialState, value: Double?, finished: Date, attributes: TrialEndAttributes) async throws {
        let count = lock.withLock {
            ends += 1
            return ends
        }
        if count > failAfter { throw SweepError.storageUnavailable("the disk is full") }
        try await base.endTrial(trial: trial, state: state, value: value, finished: finished, attributes: attributes)
    }
}
