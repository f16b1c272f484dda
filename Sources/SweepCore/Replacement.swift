import Foundation

/// How a failed trial is replaced (`Storage.failTrial`, `Storage.reapStaleTrials`).
///
/// A retry is a waiting trial with the failed one's parameters and distributions and the user
/// attributes `attempt` (the failed trial's plus one) and `retry_of` (its number). A replaced
/// trial carries the system attribute `replaced` and stops counting towards the study's target.
public struct Replacement: Sendable, Hashable {
    /// Queue a retry while the failed trial's `attempt` (0 for a first try) is below this.
    public var retries: Int
    /// Mark the trial replaced even when no retry is queued: for failures from outside the trial
    /// (its worker died, the run was interrupted, the storage was unavailable), so that running
    /// the study again runs another trial in its place.
    public var always: Bool

    public init(retries: Int, always: Bool = false) {
        self.retries = max(0, retries)
        self.always = always
    }

    /// No retry; the trial counts as failed.
    public static let none = Replacement(retries: 0)

    /// The system attribute that marks a replaced trial.
    public static let replacedKey = "replaced"
    /// The system attribute holding why a trial failed.
    public static let failReasonKey = "fail_reason"

    /// The waiting trial that retries `trial`, or nil when its attempts are used up.
    public func retry(of trial: Trial) -> TrialDraft? {
        let attempt = Int(trial.userAttributes["attempt"]?.doubleValue ?? 0)
        guard attempt < retries else { return nil }
        return TrialDraft(
            state: .waiting, params: trial.params, distributions: trial.distributions,
            userAttributes: ["attempt": .number(Double(attempt + 1)), "retry_of": .number(Double(trial.number))])
    }

    /// The system attributes a failing trial gets: its reason, and `replaced` when it is.
    public func attributes(reason: String, retried: Bool) -> [String: JSONValue] {
        var attributes: [String: JSONValue] = [Self.failReasonKey: .string(reason)]
        if retried || always { attributes[Self.replacedKey] = .bool(true) }
        return attributes
    }
}

extension Replacement {
    /// The fail reason of a trial whose heartbeat stopped `silence` seconds ago.
    public static func staleReason(silence: Double) -> String {
        "no heartbeat for \(Int(silence.rounded())) s: its worker stopped without finishing it"
    }
}

/// A trial that `failTrial` or `reapStaleTrials` failed, and the retry queued in its place.
public struct FailedTrial: Sendable, Hashable {
    /// The trial as stored after it failed.
    public var trial: Trial
    /// The waiting trial queued to retry it, if any.
    public var retry: Trial?

    public init(trial: Trial, retry: Trial?) {
        self.trial = trial
        self.retry = retry
    }
}
