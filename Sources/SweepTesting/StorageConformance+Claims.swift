import Foundation
import SweepCore
import Synchronization
import Testing

// Claims against a target, heartbeats and reaping on the storage's clock, failing with retries.
extension StorageConformance {
    /// Draws `x` = the trial number.
    static func numberDraw() -> TrialDraw {
        { number, _ in (["x": .int(number)], ["x": .int(try IntDistribution(low: 0, high: 1_000_000))]) }
    }

    static func claimed(_ claim: TrialClaim, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Trial {
        guard case .claimed(let trial) = claim else {
            Issue.record("expected a claimed trial, got \(claim)", sourceLocation: sourceLocation)
            throw SweepError.storage("no trial claimed")
        }
        return trial
    }

    static let claimChecks: [Check] = [
        Check("claims.target") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let request = ClaimRequest(started: Date(), target: 3)
            var trials: [Trial] = []
            for _ in 0..<3 { await trials.append(try claimed(storage.claimTrial(study: study.id, request: request, draw: numberDraw()))) }
            #expect(trials.map(\.number) == [0, 1, 2])
            #expect(trials.allSatisfy { $0.state == .running && $0.params["x"] == .int($0.number) }, "draw sees the number")
            #expect(try await storage.claimTrial(study: study.id, request: request, draw: numberDraw()) == .full(TrialTally(finished: 0, running: 3)))
            try await storage.finishTrial(trial: trials[0].id, state: .complete, value: 1, finished: Date())
            _ = try await storage.failTrial(trial: trials[1].id, reason: "exit 3", replacement: .none, finished: Date())
            #expect(
                try await storage.claimTrial(study: study.id, request: request, draw: numberDraw()) == .full(TrialTally(finished: 2, running: 1)),
                "a failed trial that is not replaced counts")
            let failed = try #require(
                try await storage.failTrial(
                    trial: trials[2].id, reason: "worker died", replacement: Replacement(retries: 0, always: true),
                    finished: Date()))
            #expect(failed.trial.systemAttributes[Replacement.replacedKey] == .bool(true))
            #expect(failed.retry == nil)
            let next = try await claimed(storage.claimTrial(study: study.id, request: request, draw: numberDraw()))
            #expect(next.number == 3, "a replaced trial frees its place")
            await #expect(try claimed(storage.claimTrial(study: study.id, request: ClaimRequest(started: Date()), draw: numberDraw())).number == 4,
                    "no target: always claims")
        },
        Check("claims.waitingFirst") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let waiting = try await Support.waiting(storage, study, ["opt": .string("adam")])
            let seen = Mutex<[[String: ParamValue]]>([])
            let request = ClaimRequest(started: Date(), heartbeatTimeout: 30)
            let first = try await claimed(
                storage.claimTrial(study: study.id, request: request) { number, fixed in
                    seen.withLock { $0.append(fixed) }
                    return try numberDraw()(number, fixed)
                })
            #expect(first.id == waiting.id, "the waiting trial is claimed before a new one")
            #expect(seen.withLock { $0 } == [["opt": .string("adam")]], "draw gets the waiting trial's parameters")
            #expect(first.params == ["opt": .string("adam"), "x": .int(0)], "its own parameters are kept, drawn ones added")
            #expect(first.heartbeatTimeout == 30)
            #expect(first.heartbeat != nil, "a claimed trial's heartbeat starts")
            Support.expectSame(first, try await storage.trial(id: first.id), "claimed trial as stored")
            await #expect(try claimed(storage.claimTrial(study: study.id, request: ClaimRequest(started: Date()), draw: numberDraw())).number == 1)
        },
        Check("claims.drawThrows") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let failing: TrialDraw = { _, _ in throw SweepError.samplerExhausted("no point left") }
            await #expect(throws: SweepError.samplerExhausted("no point left")) {
                try await storage.claimTrial(study: study.id, request: ClaimRequest(started: Date()), draw: failing)
            }
            #expect(try await storage.trialCount(study: study.id) == 0, "a draw that throws creates no trial")
            let waiting = try await Support.waiting(storage, study)
            await #expect(throws: SweepError.self) {
                try await storage.claimTrial(study: study.id, request: ClaimRequest(started: Date()), draw: failing)
            }
            #expect(try await storage.trial(id: waiting.id).state == .waiting, "nor claims the waiting one")
        },
        Check("claims.concurrent") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let numbers = Mutex<[Int]>([])
            try await Support.inParallel(8) { _ in
                while case .claimed(let trial) = try await storage.claimTrial(
                    study: study.id, request: ClaimRequest(started: Date(), target: 40), draw: numberDraw())
                {
                    numbers.withLock { $0.append(trial.number) }
                    if trial.number % 5 == 0 {
                        _ = try await storage.failTrial(trial: trial.id, reason: "flaky", replacement: Replacement(retries: 1), finished: Date())
                    } else {
                        try await storage.finishTrial(trial: trial.id, state: .complete, value: 1, finished: Date())
                    }
                }
            }
            let trials = try await storage.trials(study: study.id, states: nil)
            #expect(trials.filter(\.countsTowardTarget).count == 40, "exactly the target, with 8 claimers")
            #expect(Set(numbers.withLock { $0 }).count == numbers.withLock { $0.count }, "no trial claimed twice")
            #expect(trials.filter { $0.state == .waiting }.isEmpty, "every queued retry was claimed before the study filled")
        },
        Check("liveness.reap") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            // Timings leave room for a loaded machine: a beat or report followed by a reap must
            // happen within the timeout, the silent trial must stay silent longer than it.
            let request = ClaimRequest(started: Date(), heartbeatTimeout: 3)
            let silent = try await claimed(storage.claimTrial(study: study.id, request: request, draw: numberDraw()))
            let beating = try await claimed(storage.claimTrial(study: study.id, request: request, draw: numberDraw()))
            let reporting = try await claimed(storage.claimTrial(study: study.id, request: request, draw: numberDraw()))
            let byHand = try await claimed(storage.claimTrial(study: study.id, request: ClaimRequest(started: Date()), draw: numberDraw()))
            try await Task.sleep(for: .seconds(3.5))
            let beforeBeat = ContinuousClock.now
            try await storage.beat(trials: [beating.id])
            try await storage.report(trial: reporting.id, step: 0, metrics: ["value": 1])
            let reaped = try await storage.reapStaleTrials(study: study.id, replacement: Replacement(retries: 1, always: true))
            if ContinuousClock.now - beforeBeat < .seconds(3) {
                #expect(reaped.map(\.trial.id) == [silent.id], "only the silent trial with a timeout is reaped")
            } else {
                // A machine so loaded that the reap came more than the timeout after the beat: the
                // beating trials may be stale by then; the silent one must still be among them.
                #expect(reaped.first?.trial.id == silent.id && !reaped.contains { $0.trial.id == byHand.id })
            }
            let dead = try await storage.trial(id: silent.id)
            #expect(dead.state == .failed)
            #expect(dead.systemAttributes[Replacement.replacedKey] == .bool(true))
            #expect(dead.systemAttributes[Replacement.failReasonKey]?.stringValue?.contains("no heartbeat") == true)
            let retry = try #require(reaped.first?.retry)
            #expect(retry.state == .waiting && retry.params == silent.params)
            #expect(retry.userAttributes["attempt"] == .number(1) && retry.userAttributes["retry_of"] == .number(Double(silent.number)))
            #expect(try await storage.trial(id: byHand.id).state == .running, "a trial without a timeout is never reaped")
            // Reaping again does not fail the dead trial twice. (The beating trials may be reaped by
            // now on a loaded machine: more than the timeout may have passed since they beat.)
            let again = try await storage.reapStaleTrials(study: study.id, replacement: Replacement(retries: 1, always: true))
            #expect(!again.map(\.trial.id).contains(silent.id), "a dead trial is reaped once")
            let feed = try await storage.changes(study: study.id, after: 0)
            #expect(feed.finished.first?.id == silent.id && feed.finished.filter { $0.id == silent.id }.count == 1,
                    "the reaped trial is in the feed, once")
        },
        Check("liveness.spared") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let other = try await Support.study(storage, "other")
            let request = ClaimRequest(started: Date(), heartbeatTimeout: 2)
            let mine = try await claimed(storage.claimTrial(study: study.id, request: request, draw: numberDraw()))
            let theirs = try await claimed(storage.claimTrial(study: study.id, request: request, draw: numberDraw()))
            let elsewhere = try await claimed(storage.claimTrial(study: other.id, request: request, draw: numberDraw()))
            // Silent for longer than the timeout, as after a reap that waited for a lock.
            try await Task.sleep(for: .seconds(2.5))
            let beforeReap = Date()
            let reaped = try await storage.reapStaleTrials(
                study: study.id, replacement: Replacement(retries: 0, always: true), sparing: [mine.id, elsewhere.id])
            #expect(reaped.map(\.trial.id) == [theirs.id], "the reaper's own trial is spared, another's is reaped")
            #expect(try await storage.trial(id: mine.id).state == .running)
            // Sparing stamps the trial, so a reap by another process right after does not fail it.
            // (Checked on the stamp itself: a second reap could come later than the timeout on a
            // loaded machine, and rightly fail the trial then.)
            let stamped = try await storage.trial(id: mine.id).heartbeat ?? .distantPast
            #expect(stamped >= beforeReap.addingTimeInterval(-1), "the spared trial's heartbeat is the reap's time: \(stamped)")
            // Sparing reaches only the study being reaped.
            let there = try await storage.reapStaleTrials(study: other.id, replacement: Replacement(retries: 0, always: true))
            #expect(there.map(\.trial.id) == [elsewhere.id], "a trial of another study is not stamped by this study's reap")
        },
        Check("liveness.concurrentReapers") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            for _ in 0..<12 {
                _ = try await storage.claimTrial(
                    study: study.id, request: ClaimRequest(started: Date(), heartbeatTimeout: 0.2), draw: numberDraw())
            }
            try await Task.sleep(for: .seconds(0.5))
            let reaped = Mutex<[Int]>([])
            try await Support.inParallel(6) { _ in
                let mine = try await storage.reapStaleTrials(study: study.id, replacement: Replacement(retries: 2, always: true))
                reaped.withLock { $0 += mine.map(\.trial.number) }
            }
            #expect(reaped.withLock { $0.sorted() } == Array(0..<12), "each dead trial reaped by exactly one reaper")
            let trials = try await storage.trials(study: study.id, states: nil)
            #expect(trials.filter { $0.state == .waiting }.count == 12, "one retry each, no duplicates")
        },
        Check("liveness.failOnce") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let trial = try await claimed(storage.claimTrial(study: study.id, request: ClaimRequest(started: Date()), draw: numberDraw()))
            let first = try #require(try await storage.failTrial(trial: trial.id, reason: "exit 1", replacement: Replacement(retries: 1), finished: Date()))
            #expect(first.retry != nil)
            #expect(first.trial.systemAttributes[Replacement.failReasonKey] == .string("exit 1"))
            #expect(try await storage.failTrial(trial: trial.id, reason: "again", replacement: Replacement(retries: 1), finished: Date()) == nil,
                    "failing a finished trial changes nothing")
            #expect(try await storage.trials(study: study.id, states: [.waiting]).count == 1, "one retry only")
            let retry = try await claimed(storage.claimTrial(study: study.id, request: ClaimRequest(started: Date()), draw: numberDraw()))
            let second = try #require(try await storage.failTrial(trial: retry.id, reason: "exit 1", replacement: Replacement(retries: 1), finished: Date()))
            #expect(second.retry == nil, "attempts are used up")
            #expect(second.trial.systemAttributes[Replacement.replacedKey] == nil, "the last attempt counts as failed")
        },
    ]
}
