import Foundation
import SweepCore
import Synchronization
import Testing

/// Helpers the conformance checks share.
enum Support {
    /// Dates read back may be rounded by the storage (a `REAL` of seconds keeps about a microsecond).
    static let dateTolerance: TimeInterval = 0.001

    static func close(_ a: Date?, _ b: Date?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (a?, b?): return abs(a.timeIntervalSince(b)) <= dateTolerance
        default: return false
        }
    }

    /// A space with every kind of distribution, including categorical choices whose JSON forms
    /// look alike (`1.0` and `1`).
    static func space() async throws -> SearchSpace {
        SearchSpace([
            .init(name: "lr", distribution: .float(try FloatDistribution(low: 1e-5, high: 0.1, log: true))),
            .init(name: "x", distribution: .float(try FloatDistribution(low: -1, high: 1))),
            .init(name: "q", distribution: .float(try FloatDistribution(low: 0, high: 1, step: 0.25))),
            .init(name: "layers", distribution: .int(try IntDistribution(low: 1, high: 8))),
            .init(name: "batch", distribution: .int(try IntDistribution(low: 16, high: 256, log: true))),
            .init(name: "k", distribution: .int(try IntDistribution(low: 0, high: 10, step: 2))),
            .init(
                name: "opt",
                distribution: .categorical(
                    try CategoricalDistribution([.string("adam"), .double(1), .int(2), .bool(true)]))),
        ])
    }

    /// Parameters of every kind; `.double(1)` must not come back as `.int(1)`.
    static let params: [String: ParamValue] = [
        "lr": .double(0.001), "x": .double(1), "layers": .int(3), "opt": .string("adam"), "flag": .bool(false),
        "big": .int(Int.max), "least": .int(Int.min), "edge": .int(1 << 53), "tiny": .double(-2.5e-300),
    ]

    static func config(_ name: String, direction: Direction = .maximize) async throws -> StudyConfig {
        await StudyConfig(
            name: name, direction: direction, objective: "value", sampler: "random", pruner: "median:n_warmup_steps=2",
            seed: UInt64.max - 7, space: try space())
    }

    @discardableResult
    static func study(_ storage: any Storage, _ name: String = "s", direction: Direction = .maximize) async throws -> StudyRecord {
        try await storage.createStudy(try config(name, direction: direction))
    }

    static func running(_ storage: any Storage, _ study: StudyRecord) async throws -> Trial {
        try await storage.createTrial(study: study.id, draft: TrialDraft(state: .running, started: Date()))
    }

    static func waiting(_ storage: any Storage, _ study: StudyRecord, _ params: [String: ParamValue] = [:]) async throws -> Trial {
        try await storage.createTrial(study: study.id, draft: TrialDraft(state: .waiting, params: params))
    }

    /// The results of `body` called `count` times, one after another.
    static func times<T>(_ count: Int, _ body: () async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for _ in 0..<count { results.append(try await body()) }
        return results
    }

    /// Claims the oldest waiting trial without a target; nil (and nothing claimed) when none waits.
    static func claimWaiting(_ storage: any Storage, _ study: StudyRecord, started: Date = Date()) async throws -> Trial? {
        guard try await !storage.trials(study: study.id, states: [.waiting]).isEmpty else { return nil }
        let claim = try await storage.claimTrial(study: study.id, request: ClaimRequest(started: started)) { _, _ in ([:], [:]) }
        guard case .claimed(let trial) = claim else { return nil }
        return trial
    }

    /// A trial that reported `curve` at steps 0, 1, … and finished.
    @discardableResult
    static func finished(
        _ storage: any Storage, _ study: StudyRecord, _ state: TrialState, _ value: Double?, curve: [Double] = []
    ) async throws -> Trial {
        let trial = try await running(storage, study)
        for (step, v) in curve.enumerated() { try await storage.report(trial: trial.id, step: step, metrics: ["value": v]) }
        return try await storage.finishTrial(trial: trial.id, state: state, value: value, finished: Date())
    }

    /// Compares two trials field by field (dates within `dateTolerance`).
    static func expectSame(_ a: Trial, _ b: Trial, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.id == b.id, "\(what): id", sourceLocation: sourceLocation)
        #expect(a.number == b.number, "\(what): number", sourceLocation: sourceLocation)
        #expect(a.state == b.state, "\(what): state", sourceLocation: sourceLocation)
        #expect(a.params == b.params, "\(what): params", sourceLocation: sourceLocation)
        #expect(a.distributions == b.distributions, "\(what): distributions", sourceLocation: sourceLocation)
        #expect(same(a.value, b.value), "\(what): value \(String(describing: a.value)) vs \(String(describing: b.value))",
                sourceLocation: sourceLocation)
        #expect(sameCurves(a.metrics, b.metrics), "\(what): metrics", sourceLocation: sourceLocation)
        #expect(a.userAttributes == b.userAttributes, "\(what): user attributes", sourceLocation: sourceLocation)
        #expect(a.systemAttributes == b.systemAttributes, "\(what): system attributes", sourceLocation: sourceLocation)
        #expect(a.notes.map(\.text) == b.notes.map(\.text), "\(what): notes", sourceLocation: sourceLocation)
        #expect(close(a.started, b.started), "\(what): started", sourceLocation: sourceLocation)
        #expect(close(a.finished, b.finished), "\(what): finished", sourceLocation: sourceLocation)
    }

    /// Equal, with NaN equal to NaN.
    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (a?, b?): return a == b || (a.isNaN && b.isNaN)
        default: return false
        }
    }

    static func sameCurves(_ a: [String: MetricCurve], _ b: [String: MetricCurve]) -> Bool {
        guard a.keys.sorted() == b.keys.sorted() else { return false }
        for (name, curve) in a {
            guard let other = b[name], curve.steps == other.steps, curve.values.count == other.values.count else {
                return false
            }
            for (x, y) in zip(curve.values, other.values) where !same(x, y) { return false }
        }
        return true
    }

    /// Runs `body(0..<count)` as `count` concurrent tasks and waits for all of them.
    static func inParallel(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await Concurrently.run(count, body)
    }
}
