import Foundation

/// A slow or outside decider — a person, a program, a model — that may take seconds or minutes
/// to answer. It is a `Pruner` (its synchronous `decide` serves replays and wrappers); a `Study`
/// asks it through `judge`, which waits without holding one of the threads tasks share and may
/// put its question in the storage (`CheckpointDesk`) for any process to answer. A judge that gets
/// no answer in time continues the trial.
public protocol Judge: Pruner {
    /// Decides at a report; `desk` stores questions about this trial and waits for their answers.
    func judge(_ trial: TrialProgress, in study: StudyIndex, desk: CheckpointDesk) async throws -> PruneDecision
}

/// Where a judge puts a question about one running trial and waits for its answer: the study's
/// storage, where `sweep serve`'s judging page, `sweep answer` or any program can answer it.
public struct CheckpointDesk: Sendable {
    let storage: any Storage
    /// The trial's storage id.
    public let trial: Int64
    /// Seconds between two reads of a waiting question.
    public var pollInterval: Double

    public init(storage: any Storage, trial: Int64, pollInterval: Double = 0.25) {
        self.storage = storage
        self.trial = trial
        self.pollInterval = pollInterval
    }

    /// Stores the question and waits for its answer; at `timeout` seconds it answers it itself as
    /// `CheckpointAnswer.timeoutName` (continue) unless a person got there first. Returns the
    /// answered question. Cancelling the task stops the wait and answers it as the timeout does.
    public func ask(step: Int, brief: String, timeout: Double) async throws -> Checkpoint {
        let question = try await storage.openCheckpoint(trial: trial, step: step, brief: brief, timeout: timeout)
        let start = ContinuousClock.now
        let limit = Duration.milliseconds(Int64((timeout * 1000).rounded()))
        while ContinuousClock.now - start < limit, !Task.isCancelled {
            let left = limit - (ContinuousClock.now - start)
            try? await Task.sleep(for: min(left, .milliseconds(Int64(pollInterval * 1000))))
            let read = try await storage.checkpoint(id: question.id)
            if read.answer != nil { return read }
        }
        let closed = try await storage.answerCheckpoint(
            id: question.id, answer: CheckpointAnswer(prune: false, by: CheckpointAnswer.timeoutName))
        if Task.isCancelled { throw CancellationError() }
        return closed
    }
}
