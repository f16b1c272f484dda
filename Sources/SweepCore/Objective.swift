/// Evaluates one trial: runs it, reporting progress through a `TrialReporter`, and says how it
/// ended. Implementations: built-in toy functions, recorded curves, external commands.
///
/// `evaluate` runs in a worker task. It must not block that task's thread for long: an objective
/// that waits on something outside (a process, a socket) waits asynchronously or on a thread of
/// its own, so that a runner's workers all run at once whatever the number of cores.
public protocol Objective: Sendable {
    func evaluate(_ request: TrialRequest, reporter: TrialReporter) async throws -> TrialOutcome
}

/// What an objective needs to know about the trial it runs.
public struct TrialRequest: Sendable, Hashable {
    public var study: String
    public var number: Int
    public var params: [String: ParamValue]
    /// The trial's seed (see `StudyConfig.trialSeed`); each repetition has its own.
    public var seed: UInt64
    /// Which of the trial's seed repetitions this run is (0, 1, ...), nil when the trial runs once.
    public var repetition: Int?

    public init(study: String, number: Int, params: [String: ParamValue], seed: UInt64, repetition: Int? = nil) {
        self.study = study
        self.number = number
        self.params = params
        self.seed = seed
        self.repetition = repetition
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

/// Records an objective's reports and answers whether the trial should stop. It belongs to the
/// worker task that evaluates the trial: use it from that task only.
public struct TrialReporter {
    private let body: ([StepReport]) async throws -> Bool
    private let attribute: (String, JSONValue) async -> Void
    private let cancelled: @Sendable () -> Bool

    /// `body` records the metrics of one or more steps and returns true when the trial should stop; `attribute`
    /// keeps a fact about the run on the trial (for example how many malformed lines it printed).
    public init(
        _ body: @escaping ([StepReport]) async throws -> Bool,
        attribute: @escaping (String, JSONValue) async -> Void = { _, _ in },
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) {
        self.body = body
        self.attribute = attribute
        self.cancelled = isCancelled
    }

    /// True when the run is stopping (Ctrl-C): end the trial now.
    public var isCancelled: Bool { cancelled() }

    /// The same check, for a thread of the objective's own.
    public var cancellationCheck: @Sendable () -> Bool { cancelled }

    /// Keeps a fact about the run on the trial.
    public func record(_ key: String, _ value: JSONValue) async {
        await attribute(key, value)
    }

    /// Records metrics at a step; returns true when the trial should stop now.
    public func report(step: Int, metrics: [String: Double]) async throws -> Bool {
        try await body([StepReport(step: step, metrics: metrics)])
    }

    /// Records several steps at once (stored together) and judges the trial once, after the last;
    /// returns true when the trial should stop now.
    public func report(_ steps: [StepReport]) async throws -> Bool {
        try await body(steps)
    }
}
