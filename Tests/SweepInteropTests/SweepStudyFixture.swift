import Foundation
import SweepCore

/// A Sweep study with every kind of trial, parameter and curve, made through the `Storage` API.
enum SweepStudyFixture {
    static let start = Date(timeIntervalSince1970: 1_790_000_000.123456)

    static func space() throws -> SearchSpace {
        SearchSpace([
            .init(name: "x", distribution: .float(try FloatDistribution(low: -2, high: 3))),
            .init(name: "lr", distribution: .float(try FloatDistribution(low: 1e-5, high: 0.1, log: true))),
            .init(name: "q", distribution: .float(try FloatDistribution(low: 0, high: 1, step: 0.25))),
            .init(name: "n", distribution: .int(try IntDistribution(low: -3, high: 7))),
            .init(name: "m", distribution: .int(try IntDistribution(low: 1, high: 1024, log: true))),
            .init(name: "k", distribution: .int(try IntDistribution(low: 0, high: 18, step: 3))),
            .init(name: "c", distribution: .categorical(try CategoricalDistribution([.int(2), .double(2.5), .string("s é"), .bool(true)]))),
        ])
    }

    static let params: [String: ParamValue] = [
        "x": .double(0.1), "lr": .double(0.00123), "q": .double(0.75), "n": .int(-2), "m": .int(64), "k": .int(9),
        "c": .double(2.5),
    ]

    /// Creates the study `name` in `storage` and returns it as stored.
    static func make(_ name: String, in storage: any Storage) async throws -> StudyRecord {
        let space = try space()
        let config = StudyConfig(
            name: name, direction: .maximize, objective: "reward", sampler: "random", pruner: "nop",
            seed: 12_345_678_901_234_567_890, space: space)
        let record = try await storage.createStudy(config)
        try await storage.setStudyAttribute(study: record.id, key: "goal", value: .object(["speed": .number(2.5)]), system: false)
        try await storage.setStudyAttribute(study: record.id, key: "min_resource", value: .number(1), system: true)
        try await storage.addStudyNote(study: record.id, note: Note(time: start, text: "why this study"))
        let distributions = space.distributions
        // 0: complete, NaN and infinity in its curve, a second metric, attributes, a note.
        try await trial(
            storage, record, n: 0, state: .complete, value: 0.75, params: params, distributions: distributions,
            reward: [(0, 0.1), (1, .nan), (2, .infinity), (4, 0.75)], loss: [(0, 2), (3, 1.5)],
            user: ["tag": .string("first"), "list": .array([.number(1), .string("a"), .null])],
            system: ["completed_rung_0": .number(0.1)], note: "looks good")
        // 1: pruned with a value; 2: failed with a reason; 3: running; 4: waiting; 5: -infinity.
        try await trial(
            storage, record, n: 1, state: .pruned, value: 0.2, params: ["x": .double(-1.5), "c": .bool(true)],
            distributions: distributions, reward: [(0, 0.3), (1, 0.2)], system: ["completed_rung_0": .number(0.3)])
        try await trial(
            storage, record, n: 2, state: .failed, params: ["c": .string("s é")], distributions: distributions,
            system: ["fail_reason": .string("exit status 1")])
        try await trial(storage, record, n: 3, state: .running, params: ["n": .int(7)], distributions: distributions, reward: [(0, 5)])
        // Optuna keeps a distribution with its parameter's value only: a waiting trial's are its own.
        let waiting: [String: ParamValue] = ["x": .double(0.5), "k": .int(3)]
        _ = try await storage.createTrial(
            study: record.id,
            draft: TrialDraft(state: .waiting, params: waiting, distributions: distributions.filter { waiting[$0.key] != nil }))
        try await trial(storage, record, n: 5, state: .complete, value: -.infinity, params: ["c": .int(2)], distributions: distributions)
        return try await storage.study(named: name)
    }

    private static func trial(
        _ storage: any Storage, _ record: StudyRecord, n: Int, state: TrialState, value: Double? = nil,
        params: [String: ParamValue], distributions: [String: Distribution], reward: [(Int, Double)] = [],
        loss: [(Int, Double)] = [], user: [String: JSONValue] = [:], system: [String: JSONValue] = [:], note: String? = nil
    ) async throws {
        let started = start.addingTimeInterval(Double(n) * 10)
        let trial = try await storage.createTrial(
            study: record.id,
            draft: TrialDraft(
                params: params, distributions: distributions.filter { params[$0.key] != nil }, userAttributes: user, started: started))
        for (step, v) in reward { try await storage.report(trial: trial.id, step: step, metrics: ["reward": v]) }
        for (step, v) in loss { try await storage.report(trial: trial.id, step: step, metrics: ["loss": v]) }
        if let note { try await storage.addTrialNote(trial: trial.id, note: Note(time: started.addingTimeInterval(1), text: note)) }
        if state.isFinished {
            try await storage.endTrial(
                trial: trial.id, state: state, value: value, finished: started.addingTimeInterval(5.5),
                attributes: TrialEndAttributes(system: system))
        } else {
            for (key, v) in system { try await storage.setTrialAttribute(trial: trial.id, key: key, value: v, system: true) }
        }
    }
}
