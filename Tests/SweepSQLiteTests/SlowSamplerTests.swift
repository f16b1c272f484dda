import Foundation
import SweepCore
import SweepSQLite
import Synchronization
import Testing

/// A slow sampler (a program, a language model) used to run inside the claim's transaction, so
/// every other worker's report waited for SQLite's write lock until it had answered.
@Suite(.timeLimit(.minutes(15))) struct SlowSamplerTests {
    /// Proposes x = 0.25 once `released` is set (at once when it starts set), as a slow program
    /// would, and says while it runs. It waits at most `seconds`.
    struct Slow: Sampler {
        let seconds: Double
        var running: Flag = Flag()
        var released: Flag = Flag()
        var readsStudy: Bool { false }
        var samplesOutsideClaim: Bool { true }
        func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) throws -> [String: ParamValue] {
            running.value.withLock { $0 = true }
            defer { running.value.withLock { $0 = false } }
            let deadline = Date().addingTimeInterval(seconds)
            while !released.value.withLock({ $0 }) && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            return Dictionary(uniqueKeysWithValues: space.parameters.map { ($0.name, ParamValue.double(0.25)) })
        }
    }

    final class Flag: Sendable {
        let value = Mutex(false)
    }

    struct Never: Pruner {
        func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision { .keepGoing }
    }

    static func space() throws -> SearchSpace {
        SearchSpace([
            .init(name: "x", distribution: .float(try FloatDistribution(low: 0, high: 1))),
            .init(name: "y", distribution: .float(try FloatDistribution(low: 0, high: 1))),
        ])
    }

    @Test func reportsGoOnWhileASlowSamplerRuns() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("sweep.db")
        let config = StudyConfig(name: "slow", space: try Self.space())
        let fast = try await Study.create(config, storage: try SQLiteStorage(path: path), sampler: Slow(seconds: 0), pruner: Never())
        let running = try await fast.ask()
        // Another process's handle asks with a sampler that answers only once the report is in (or
        // after 10 minutes: a report that waits for the sampler's claim comes only then).
        let sampler = Slow(seconds: 600)
        let slow = try await Study.load(named: "slow", storage: try SQLiteStorage(path: path), sampler: sampler, pruner: Never())
        let asked = Task { try await slow.ask() }
        while !sampler.running.value.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
        try await fast.report(trial: running.number, step: 0, value: 1)
        #expect(sampler.running.value.withLock { $0 }, "the report went through while the sampler ran")
        sampler.released.value.withLock { $0 = true }
        let trial = try await asked.value
        #expect(trial.params == ["x": .double(0.25), "y": .double(0.25)])
        let stored = try await slow.storage.trial(id: trial.id)
        #expect(stored.params == trial.params, "the sampled parameters are stored")
        #expect(Set(stored.distributions.keys) == ["x", "y"])
    }

    @Test func anEnqueuedTrialKeepsItsFixedParameters() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = StudyConfig(name: "slow", space: try Self.space())
        let study = try await Study.create(
            config, storage: try SQLiteStorage(path: dir.path("sweep.db")), sampler: Slow(seconds: 0.1), pruner: Never())
        try await study.enqueue(params: ["x": .double(0.75)])
        let trial = try await study.ask()
        #expect(trial.params == ["x": .double(0.75), "y": .double(0.25)])
        #expect(try await study.storage.trial(id: trial.id).params == trial.params)
    }

    /// A sampler that throws fails the trial it had claimed, and the error reaches the caller.
    @Test func aSamplerThatThrowsFailsItsTrial() async throws {
        struct Exhausted: Sampler {
            var samplesOutsideClaim: Bool { true }
            func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) throws -> [String: ParamValue] {
                throw SweepError.samplerExhausted("nothing left")
            }
        }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let study = try await Study.create(
            StudyConfig(name: "slow", space: try Self.space()), storage: try SQLiteStorage(path: dir.path("sweep.db")),
            sampler: Exhausted(), pruner: Never())
        await #expect(throws: SweepError.samplerExhausted("nothing left")) { try await study.ask() }
        let trials = try await study.trials()
        #expect(trials.map(\.state) == [.failed])
        #expect(trials.first?.systemAttributes[Replacement.failReasonKey]?.stringValue?.contains("nothing left") == true)
    }
}
