import Foundation

// Claims and liveness: one lock holds each step, which makes it atomic within the process.
extension InMemoryStorage {
    public func claimTrial(study: Int64, request: ClaimRequest, draw: TrialDraw) throws -> TrialClaim {
        try state.withLock { s throws -> TrialClaim in
            let i = try Self.studyIndex(s, study)
            if let target = request.target {
                let tally = Self.tally(s, study: i)
                if tally.counted >= target { return .full(tally) }
            }
            let now = clock()
            while s.studies[i].nextWaiting < s.studies[i].waiting.count {
                let t = Int(s.studies[i].waiting[s.studies[i].nextWaiting] - 1)
                guard s.trials[t].state == .waiting else {
                    s.studies[i].nextWaiting += 1
                    continue
                }
                let drawn = try draw(s.trials[t].number, s.trials[t].params)
                s.studies[i].nextWaiting += 1
                s.trials[t].params.merge(drawn.params) { fixed, _ in fixed }
                s.trials[t].distributions.merge(drawn.distributions) { _, new in new }
                s.trials[t].state = .running
                s.trials[t].started = request.started
                s.trials[t].heartbeat = now
                s.trials[t].heartbeatTimeout = request.heartbeatTimeout
                return .claimed(s.trials[t])
            }
            let number = s.studies[i].trialIDs.count
            let drawn = try draw(number, [:])
            let trial = Trial(
                id: Int64(s.trials.count + 1), number: number, state: .running, params: drawn.params,
                distributions: drawn.distributions, started: request.started, heartbeat: now,
                heartbeatTimeout: request.heartbeatTimeout)
            s.trials.append(trial)
            s.trialStudy.append(i)
            s.studies[i].trialIDs.append(trial.id)
            return .claimed(trial)
        }
    }

    public func beat(trials: [Int64]) throws {
        let now = clock()
        try state.withLock { s throws(SweepError) in
            for id in trials {
                let t = try Self.trialIndex(s, id)
                if s.trials[t].state == .running { s.trials[t].heartbeat = now }
            }
        }
    }

    public func reapStaleTrials(study: Int64, replacement: Replacement, sparing: [Int64]) throws -> [FailedTrial] {
        let now = clock()
        return try state.withLock { s throws(SweepError) -> [FailedTrial] in
            let i = try Self.studyIndex(s, study)
            for id in sparing {
                let t = Int(id - 1)
                guard s.trials.indices.contains(t), s.trialStudy[t] == i, s.trials[t].state == .running else { continue }
                s.trials[t].heartbeat = now
            }
            var reaped: [FailedTrial] = []
            for id in s.studies[i].trialIDs {
                let t = Int(id - 1)
                guard s.trials[t].state == .running, let timeout = s.trials[t].heartbeatTimeout,
                    let last = s.trials[t].heartbeat ?? s.trials[t].started
                else { continue }
                let silence = now.timeIntervalSince(last)
                guard silence > timeout else { continue }
                let reason = Replacement.staleReason(silence: silence)
                reaped.append(Self.fail(&s, trial: t, reason: reason, replacement: replacement, finished: now))
            }
            return reaped
        }
    }

    public func failTrial(trial: Int64, reason: String, replacement: Replacement, finished: Date) throws -> FailedTrial? {
        try state.withLock { s throws(SweepError) -> FailedTrial? in
            let t = try Self.trialIndex(s, trial)
            guard !s.trials[t].state.isFinished else { return nil }
            return Self.fail(&s, trial: t, reason: reason, replacement: replacement, finished: finished)
        }
    }

    /// Fails trial index `t` (running or waiting) and queues its retry. Call with the lock held.
    private static func fail(
        _ s: inout State, trial t: Int, reason: String, replacement: Replacement, finished: Date
    ) -> FailedTrial {
        let i = s.trialStudy[t]
        var retry: Trial?
        if let draft = replacement.retry(of: s.trials[t]) {
            let queued = Trial(
                id: Int64(s.trials.count + 1), number: s.studies[i].trialIDs.count, state: .waiting,
                params: draft.params, distributions: draft.distributions, userAttributes: draft.userAttributes)
            s.trials.append(queued)
            s.trialStudy.append(i)
            s.studies[i].trialIDs.append(queued.id)
            s.studies[i].waiting.append(queued.id)
            retry = queued
        }
        let number = s.trials[t].number
        for (key, value) in replacement.attributes(reason: reason, retried: retry != nil).sorted(by: { $0.key < $1.key }) {
            s.trials[t].systemAttributes[key] = value
            s.studies[i].feed.append(.trialAttribute(TrialAttributeChange(trialNumber: number, key: key, value: value)))
        }
        s.trials[t].state = .failed
        s.trials[t].value = nil
        s.trials[t].finished = finished
        s.studies[i].feed.append(.finished(s.trials[t].id))
        return FailedTrial(trial: s.trials[t], retry: retry)
    }

    /// The trials of study index `i` that count towards its target. Call with the lock held.
    private static func tally(_ s: borrowing State, study i: Int) -> TrialTally {
        var tally = TrialTally(finished: 0, running: 0)
        for id in s.studies[i].trialIDs {
            let trial = s.trials[Int(id - 1)]
            guard trial.countsTowardTarget else { continue }
            if trial.state == .running { tally.running += 1 } else { tally.finished += 1 }
        }
        return tally
    }
}
