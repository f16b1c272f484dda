import Foundation

extension InMemoryStorage {
    public func openCheckpoint(trial: Int64, step: Int, brief: String, timeout: Double) throws -> Checkpoint {
        let now = clock()
        return try state.withLock { s throws(SweepError) -> Checkpoint in
            let t = try Self.trialIndex(s, trial)
            try Self.checkUnfinished(s, t)
            let question = Checkpoint(
                id: Int64(s.checkpoints.count + 1), study: Int64(s.trialStudy[t] + 1), trialNumber: s.trials[t].number,
                step: step, brief: brief, asked: now, deadline: now.addingTimeInterval(timeout))
            s.checkpoints.append(question)
            return question
        }
    }

    public func checkpoint(id: Int64) throws -> Checkpoint {
        try state.withLock { s throws(SweepError) -> Checkpoint in try Self.checkpointIndex(s, id).question }
    }

    public func checkpoints(study: Int64, openOnly: Bool) throws -> [Checkpoint] {
        try state.withLock { s throws(SweepError) -> [Checkpoint] in
            let i = try Self.studyIndex(s, study)
            return s.checkpoints.filter { question in
                guard question.study == study else { return false }
                guard openOnly else { return true }
                let trialID = s.studies[i].trialIDs[question.trialNumber]
                return question.isOpen && s.trials[Int(trialID - 1)].state == .running
            }
        }
    }

    public func answerCheckpoint(id: Int64, answer: CheckpointAnswer) throws -> Checkpoint {
        let now = clock()
        return try state.withLock { s throws(SweepError) -> Checkpoint in
            let (position, question) = try Self.checkpointIndex(s, id)
            guard question.isOpen else { return question }
            var stored = answer
            stored.time = now
            s.checkpoints[position].answer = stored
            return s.checkpoints[position]
        }
    }

    public func addLabel(study: Int64, label: PairLabel) throws -> PairLabel {
        let now = clock()
        return try state.withLock { s throws(SweepError) -> PairLabel in
            let i = try Self.studyIndex(s, study)
            try label.check(trialCount: s.studies[i].trialIDs.count, study: s.studies[i].record.name)
            s.labelCount += 1
            var stored = label
            stored.id = s.labelCount
            stored.time = now
            s.labels[i, default: []].append(stored)
            return stored
        }
    }

    public func labels(study: Int64) throws -> [PairLabel] {
        try state.withLock { s throws(SweepError) -> [PairLabel] in s.labels[try Self.studyIndex(s, study)] ?? [] }
    }

    private static func checkpointIndex(_ s: State, _ id: Int64) throws(SweepError) -> (position: Int, question: Checkpoint) {
        guard id >= 1, id <= s.checkpoints.count else { throw .invalidArgument("no checkpoint with id \(id)") }
        let question = s.checkpoints[Int(id - 1)]
        _ = try studyIndex(s, question.study)
        return (Int(id - 1), question)
    }
}
