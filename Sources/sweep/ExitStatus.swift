import SweepCore

/// The exit status of each kind of failure, from sysexits.h where one fits, so that a script can
/// tell a storage to try again later from bad input, a missing study or a damaged database. The
/// README lists them.
enum ExitStatus {
    /// Bad input: an argument, a spec, a study or space file (ArgumentParser's own usage errors
    /// exit with it too). EX_USAGE.
    static let badInput: Int32 = 64
    /// The storage holds a value this Sweep cannot read. EX_DATAERR.
    static let damaged: Int32 = 65
    /// No such study or trial. EX_NOINPUT.
    static let notFound: Int32 = 66
    /// A study of that name exists already. EX_CANTCREAT.
    static let exists: Int32 = 73
    /// The storage is busy or out of reach: the same command may work later. EX_TEMPFAIL.
    static let tryAgain: Int32 = 75
    /// The storage was written by a later Sweep. EX_PROTOCOL.
    static let newerSchema: Int32 = 76
    /// Anything else that failed (a run where every trial failed, a trial already finished).
    static let failed: Int32 = 1

    static func of(_ error: SweepError) -> Int32 {
        switch error {
        case .invalidArgument, .invalidSpec: return badInput
        case .corrupt: return damaged
        case .unknownStudy, .unknownTrial: return notFound
        case .duplicateStudy: return exists
        case .storageUnavailable: return tryAgain
        case .schemaTooNew: return newerSchema
        case .trialFinished, .storage, .samplerExhausted: return failed
        }
    }
}
