/// Evaluates one trial: runs it, reporting progress through a `TrialReporter`, and says how it
/// ended. Implementations: built-in toy functions, recorded curves, external commands.
///
/// `evaluate` runs on a worker thread of its own and may block (it may wait for a process).
public protocol Objective: Sendable {
    func evaluate(_ request: TrialRequest, reporter: TrialReporter) throws -> TrialOutcome
}

/// What an objective needs to know about the trial it runs.
public struct TrialRequest: Sendable, Hashable {
    public var study: String
    public var number: Int
    public var params: [String: ParamValue]
    /// The trial's seed (see `StudyConfig.trialSeed`).
    public var seed: UInt64

    public init(study: String, number: Int, params: [String: ParamValue], seed: UInt64) {
        self.study = study
        self.number = number
        self.params = params
        self.seed = seed
    }
}

/// How an evaluation ended.
public enum TrialOutcome: Sendable, Hashable {
    /// Finished; the final value (nil: the last reported objective value).
    case complete(Double?)
    /// Stopped because the reporter said so.
    case pruned
    /// Failed, with the reason kept on the trial.
    case failed(String)
}

/// Records an objective's reports and answers whether the trial should stop.
public struct TrialReporter {
    private let body: (Int, [String: Double]) throws -> Bool
    private let attribute: (String, JSONValue) -> Void
    private let cancelled: () -> Bool

    /// `body` records metrics at a step and returns true when the trial should stop; `attribute`
    /// keeps a fact about the run on the trial (for example how many malformed lines it printed).
    public init(
        _ body: @escaping (Int, [String: Double]) throws -> Bool, attribute: @escaping (String, JSONValue) -> Void = { _, _ in },
        isCancelled: @escaping () -> Bool = { false }
    ) {
        self.body = body
        self.attribute = attribute
        self.cancelled = isCancelled
    }

    /// True when the run is stopping (Ctrl-C): end the trial now.
    public var isCancelled: Bool { cancelled() }

    /// Keeps a fact about the run on the trial.
    public func record(_ key: String, _ value: JSONValue) {
        attribute(key, value)
    }

    /// Records metrics at a step; returns true when the trial should stop now.
    public func report(step: Int, metrics: [String: Double]) throws -> Bool {
        try body(step, metrics)
    }
}
