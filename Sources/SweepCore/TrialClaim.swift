import Foundation

/// What a worker asks for when it wants a trial to run (`Storage.claimTrial`).
///
/// A claim is one step in the storage: it counts the trials that count towards `target`, takes
/// the oldest waiting (enqueued or retried) trial or else creates a new one, and draws its
/// parameters, so that many workers on many machines never run more trials than the target.
public struct ClaimRequest: Sendable, Hashable {
    /// When the trial starts.
    public var started: Date
    /// The study's number of trials: trials that count (complete, pruned, failed and not
    /// replaced, and running) must stay below it. Nil claims whatever the count (a plain ask).
    public var target: Int?
    /// Seconds without a heartbeat (or a report) after which any worker may fail the trial as
    /// dead. Nil: the trial is never failed for silence (a trial driven by hand).
    public var heartbeatTimeout: Double?

    public init(started: Date, target: Int? = nil, heartbeatTimeout: Double? = nil) {
        self.started = started
        self.target = target
        self.heartbeatTimeout = heartbeatTimeout
    }
}

/// What `Storage.claimTrial` did.
public enum TrialClaim: Sendable, Hashable {
    /// The trial, now running, with its parameters.
    case claimed(Trial)
    /// The study has its trials (counting those still running); nothing was claimed.
    case full(TrialTally)
}

/// The trials that count towards a study's target.
public struct TrialTally: Sendable, Hashable {
    /// Complete, pruned, and failed trials that were not replaced.
    public var finished: Int
    /// Running trials, anywhere.
    public var running: Int

    public init(finished: Int, running: Int) {
        self.finished = finished
        self.running = running
    }

    public var counted: Int { finished + running }
}

/// Parameters drawn for a claimed trial, knowing its number and the parameters it already has
/// (an enqueued trial's fixed ones): the new values and the distributions they came from. A
/// storage may call it on another thread, and more than once: when it retries its transaction,
/// or after a claim that drew for the number it expected next and found another (PostgreSQL's
/// claim in one statement). The values of the call whose claim committed are stored; a draw must
/// have no effect beyond its result.
public typealias TrialDraw = @Sendable (_ number: Int, _ fixed: [String: ParamValue]) throws -> (
    params: [String: ParamValue], distributions: [String: Distribution]
)

extension Trial {
    /// Whether the trial counts towards its study's target: it runs, or ended complete or pruned,
    /// or failed without being replaced.
    public var countsTowardTarget: Bool {
        switch state {
        case .waiting: return false
        case .running, .complete, .pruned: return true
        case .failed: return systemAttributes[Replacement.replacedKey] == nil
        }
    }
}
