import Foundation
import SweepCore
import Synchronization
import Testing

@testable import SweepRunner

/// The worker pool: as many trials at once as workers asked for, exact targets with several
/// runners on one study, and a busy storage that does not fail trials.
@Suite struct LocalRunnerTests {
    static func file(
        trials: Int, workers: Int, name: String = "pool", retries: Int = 0, heartbeatTimeout: Double = 60
    ) throws -> StudyFile {
        try StudyFile.parse(
            """
            name = "\(name)"
            trials = \(trials)
            workers = \(workers)
            heartbeat_timeout = \(heartbeatTimeout)
            sampler = "random"
            pruner = "nop"
            [objective]
            builtin = "toy"
            retries = \(retries)
            [params]
            x = "float:0:1"
            """, source: "test.toml")
    }

    @Test func sixteenWorkersRunSixteenTrialsAtOnceOnTwoCores() async throws {
        let objective = Gathering(until: 16)
        let runner = LocalRunner(file: try Self.file(trials: 16, workers: 16), storage: InMemoryStorage(), objective: objective)
        let summary = try await runner.run()
        #expect(summary.counts[.complete] == 16)
        // Each trial waits (up to 120 s) until 16 run at once: with workers capped by cores, at most
        // 2 would ever meet.
        #expect(objective.mostAtOnce == 16, "\(objective.mostAtOnce) trials ran at once, not 16")
    }

    /// The same with real processes: each trial's command waits until 16 have started. Reading a
    /// command's output blocks, so it happens on a thread of the trial's own, never on one of the
    /// few threads the worker tasks share.
    @Test func sixteenCommandsRunAtOnceOnTwoCores() async throws {
        let dir = try ScratchDirectory()
        let gather = try dir.script(
            "gather.sh",
            """
            #!/usr/bin/env bash
            touch "\(dir.path)/started-$SWEEP_TRIAL"
            for i in $(seq 2400); do
              [ "$(ls "\(dir.path)" | grep -c '^started-')" -ge 16 ] && { echo '{"step": 0, "value": 1}'; exit 0; }
              sleep 0.05
            done
            echo "only $(ls "\(dir.path)" | grep -c '^started-') trials started" >&2
            exit 1
            """)
        let objective = CommandObjective(command: [gather], workdir: dir.path, metric: "value")
        let runner = LocalRunner(file: try Self.file(trials: 16, workers: 16), storage: InMemoryStorage(), objective: objective)
        let summary = try await runner.run()
        #expect(summary.counts[.complete] == 16, "\(summary.counts): every command saw 16 running")
    }

    @Test func runnersSharingAStudyRunExactlyItsTrials() async throws {
        let storage = InMemoryStorage()
        let file = try Self.file(trials: 30, workers: 4, retries: 1)
        let objective = Flaky()
        let failures = await withTaskGroup(of: (any Error)?.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    do { _ = try await LocalRunner(file: file, storage: storage, objective: objective).run() } catch {
                        return error
                    }
                    return nil
                }
            }
            var failures: [any Error] = []
            for await case let error? in group { failures.append(error) }
            return failures
        }
        #expect(failures.isEmpty, "every runner ends cleanly: \(failures)")
        let record = try storage.study(named: "pool")
        let trials = try storage.trials(study: record.id, states: nil)
        #expect(trials.filter(\.countsTowardTarget).count == 30, "3 runners × 4 workers: exactly the target")
        #expect(trials.allSatisfy { $0.state.isFinished }, "nothing left running or waiting")
        let retried = trials.filter { $0.userAttributes["retry_of"] != nil }
        #expect(retried.count == Set(retried.compactMap { $0.userAttributes["retry_of"]?.doubleValue }).count,
                "each failed trial retried once")
    }

    @Test func aBusyStorageIsRetriedNotFailed() async throws {
        let storage = Busy(base: InMemoryStorage(), failures: 6)
        var runner = LocalRunner(file: try Self.file(trials: 4, workers: 2), storage: storage, objective: Quick())
        runner.storagePatience = 600  // wall time: a loaded machine spent 30 s between six refusals
        let summary = try await runner.run()
        #expect(summary.counts[.complete] == 4, "every trial completes: \(summary.counts)")
        #expect(summary.counts[.failed] == nil)
        #expect(storage.refused.withLock { $0 } == 6, "the storage was busy 6 times")
    }

    /// A reap that waits for a lock longer than the heartbeat timeout (a host cut off in the middle
    /// of a transaction holds the study's lock until the server notices) used to find this
    /// process's own trials silent, since beats waited behind it, and fail them while they ran.
    @Test func aReapThatWaitsForALockSparesThisProcesssTrials() async throws {
        let storage = SlowReaper(base: InMemoryStorage(), wait: .seconds(3))
        let runner = LocalRunner(
            file: try Self.file(trials: 2, workers: 2, heartbeatTimeout: 1), storage: storage, objective: Silent(for: .seconds(4)))
        let summary = try await runner.run()
        #expect(summary.counts[.complete] == 2, "both trials complete: \(summary.counts)")
        #expect(summary.counts[.failed] == nil)
        #expect(storage.reaps.withLock { $0 } > 0, "the reaper ran meanwhile")
    }

    @Test func aStorageThatStaysAwayFailsTheTrialAsReplaced() async throws {
        let storage = Busy(base: InMemoryStorage(), failures: .max)
        var runner = LocalRunner(file: try Self.file(trials: 1, workers: 1), storage: storage, objective: Quick())
        runner.storagePatience = 0.3
        _ = try? await runner.run()
        let record = try await storage.study(named: "pool")
        let trials = try await storage.trials(study: record.id, states: nil)
        let first = try #require(trials.first)
        #expect(first.state == .failed)
        #expect(first.systemAttributes[Replacement.replacedKey] == .bool(true), "running the study again runs another")
    }
}

/// Waits in each trial until `until` trials run at once (or 20 s pass), and records the most.
private final class Gathering: Objective, @unchecked Sendable {
    private let lock = NSLock()
    private var now = 0
    private var most = 0
    let until: Int
    init(until: Int) { self.until = until }
    var mostAtOnce: Int { lock.withLock { most } }

    func evaluate(_ request: TrialRequest, reporter: TrialReporter) async throws -> TrialOutcome {
        lock.withLock {
            now += 1
            most = max(most, now)
        }
        // Generous: in CI the whole suite shares two cores (and blocking tests hold pool threads);
        // it returns as soon as all have met.
        let deadline = Date().addingTimeInterval(120)
        while lock.withLock({ most < until }) && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        lock.withLock { now -= 1 }
        _ = try await reporter.report(step: 0, metrics: ["value": 1])
        return .complete(1)
    }
}

/// Reports three steps and completes.
private struct Quick: Objective {
    func evaluate(_ request: TrialRequest, reporter: TrialReporter) async throws -> TrialOutcome {
        for step in 0..<3 { _ = try await reporter.report(step: step, metrics: ["value": Double(step)]) }
        return .complete(nil)
    }
}

/// Fails every trial whose number is a multiple of 4 on its first attempt.
private struct Flaky: Objective {
    func evaluate(_ request: TrialRequest, reporter: TrialReporter) async throws -> TrialOutcome {
        _ = try await reporter.report(step: 0, metrics: ["value": 1])
        return request.number % 4 == 0 ? .failed("flaky") : .complete(1)
    }
}

/// Reports once, after being silent for `duration`.
private struct Silent: Objective {
    let duration: Duration
    init(for duration: Duration) { self.duration = duration }
    func evaluate(_ request: TrialRequest, reporter: TrialReporter) async throws -> TrialOutcome {
        try await Task.sleep(for: duration)
        _ = try await reporter.report(step: 0, metrics: ["value": 1])
        return .complete(1)
    }
}

/// Waits `wait` before each reap, as a reap that waits for the study's lock.
private final class SlowReaper: ForwardingStorage, @unchecked Sendable {
    let base: any Storage
    let wait: Duration
    let reaps = Mutex(0)

    init(base: any Storage, wait: Duration) {
        self.base = base
        self.wait = wait
    }

    func reapStaleTrials(study: Int64, replacement: Replacement, sparing: [Int64]) async throws -> [FailedTrial] {
        try await Task.sleep(for: wait)
        reaps.withLock { $0 += 1 }
        return try await base.reapStaleTrials(study: study, replacement: replacement, sparing: sparing)
    }
}

/// Refuses the first `failures` reports as busy.
private final class Busy: ForwardingStorage, @unchecked Sendable {
    let base: any Storage
    let refused = Mutex(0)
    private let failures: Int

    init(base: any Storage, failures: Int) {
        self.base = base
        self.failures = failures
    }

    func report(trial: Int64, steps: [StepReport]) async throws -> Int {
        let refuse = refused.withLock { n in
            guard n < failures else { return false }
            n += 1
            return true
        }
        if refuse { throw SweepError.storageUnavailable("the database is locked (test)") }
        return try await base.report(trial: trial, steps: steps)
    }
}
