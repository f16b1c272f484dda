import SweepCore

/// What `sweep run --json` prints at the end: counts, the best trial, compute saved, and why the
/// first trials failed.
public struct WireRunSummary: Encodable, Sendable {
    public var study: String
    public var trials: [String: Int]
    /// Failed trials that were replaced (another trial ran in their place), among `trials["failed"]`.
    public var replaced: Int
    public var best: Double?
    public var bestTrial: Int?
    public var bestParams: [String: ParamValue]?
    public var stepsRun: Int
    public var stepsSaved: Int
    public var elapsedSeconds: Double
    public var failures: [Failure]

    /// A failed trial and its reason.
    public struct Failure: Encodable, Sendable {
        public var trial: Int
        public var reason: String

        public init(trial: Int, reason: String) {
            self.trial = trial
            self.reason = reason
        }
    }

    enum CodingKeys: String, CodingKey {
        case study, trials, replaced, best, failures
        case bestTrial = "best_trial"
        case bestParams = "best_params"
        case stepsRun = "steps_run"
        case stepsSaved = "steps_saved"
        case elapsedSeconds = "elapsed_seconds"
    }

    public init(
        study: String, counts: [TrialState: Int], replaced: Int = 0, best: Trial?, stepsRun: Int, stepsSaved: Int,
        elapsedSeconds: Double, failures: [Failure]
    ) {
        self.study = study
        trials = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
        self.replaced = replaced
        self.best = best?.value
        bestTrial = best?.number
        bestParams = best?.params
        self.stepsRun = stepsRun
        self.stepsSaved = stepsSaved
        self.elapsedSeconds = elapsedSeconds
        self.failures = failures
    }
}
