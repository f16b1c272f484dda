/// Errors raised by the study engine and its storages. Each message names what was wrong and what
/// was expected, so the CLI and the HTTP API can show it as it is.
public enum SweepError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A value given by the user is out of range or malformed.
    case invalidArgument(String)
    /// A spec string (`median:n_startup_trials=5`) could not be understood.
    case invalidSpec(spec: String, reason: String)
    /// No study has this name in the storage.
    case unknownStudy(String)
    /// A study with this name already exists.
    case duplicateStudy(String)
    /// No trial with this number in the study.
    case unknownTrial(study: String, number: Int)
    /// The trial is finished and cannot change any more.
    case trialFinished(study: String, number: Int, state: TrialState)
    /// A storage URL or backend problem.
    case storage(String)
    /// The storage is busy (locked by another connection) or out of reach: the same call may
    /// succeed later, and callers that can wait retry it (`sweep run` does, with backoff).
    case storageUnavailable(String)
    /// The sampler cannot propose anything more (for example, the grid is exhausted).
    case samplerExhausted(String)
    /// The storage holds a value this Sweep cannot read: the message names the table, the column
    /// and what it holds (a damaged file, or one another program wrote to).
    case corrupt(String)
    /// The storage's schema is newer than this Sweep's: it was written by a later version.
    case schemaTooNew(String)

    public var description: String {
        switch self {
        case .invalidArgument(let message):
            return message
        case .invalidSpec(let spec, let reason):
            return "invalid spec '\(spec)': \(reason)"
        case .unknownStudy(let name):
            return "no study named '\(name)' in this storage"
        case .duplicateStudy(let name):
            return "a study named '\(name)' already exists"
        case .unknownTrial(let study, let number):
            return "study '\(study)' has no trial number \(number)"
        case .trialFinished(let study, let number, let state):
            return "trial \(number) of study '\(study)' is already \(state.rawValue); it cannot be changed"
        case .storage(let message):
            return "storage error: \(message)"
        case .storageUnavailable(let message):
            return "storage unavailable: \(message)"
        case .samplerExhausted(let message):
            return message
        case .corrupt(let message):
            return "damaged database: \(message)"
        case .schemaTooNew(let message):
            return message
        }
    }
}
