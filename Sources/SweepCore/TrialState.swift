/// The life cycle of a trial: `waiting` (enqueued) → `running` → `complete` | `pruned` | `failed`.
public enum TrialState: String, Sendable, Codable, CaseIterable, Hashable {
    case waiting
    case running
    case complete
    case pruned
    case failed

    /// A finished trial can no longer receive reports.
    public var isFinished: Bool {
        switch self {
        case .complete, .pruned, .failed: return true
        case .waiting, .running: return false
        }
    }

    /// Parses a state name as written by users (`complete`, `pruned`, `failed`, also `fail`).
    public init(parsing text: String) throws(SweepError) {
        switch text.lowercased() {
        case "complete", "completed": self = .complete
        case "pruned", "prune": self = .pruned
        case "failed", "fail": self = .failed
        case "running": self = .running
        case "waiting": self = .waiting
        default:
            throw SweepError.invalidArgument(
                "state must be one of complete, pruned, failed, got '\(text)'"
            )
        }
    }
}
