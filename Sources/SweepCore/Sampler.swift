/// Proposes parameter values for a new trial.
///
/// Samplers are pure: given the space, the trial's number and seed and the study's index (which
/// holds the finished trials), they return values. The same inputs give the same values.
public protocol Sampler: Sendable {
    /// Draws a value for every parameter of `space`. Throws `SweepError.samplerExhausted` when
    /// nothing is left to propose (a grid that is done).
    func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) throws -> [String: ParamValue]
    /// Whether `sample` reads the study's index. A sampler that does not (random, grid) lets `ask`
    /// skip bringing the index up to date, so a new process asks in the same time at any study size.
    var readsStudy: Bool { get }
    /// Whether `sample` is slow (it runs a program): the study then claims the trial first and
    /// samples after, outside the storage's transaction, so that the study's lock (SQLite's write
    /// lock) is not held while the program runs.
    var samplesOutsideClaim: Bool { get }
}

extension Sampler {
    public var readsStudy: Bool { true }
    public var samplesOutsideClaim: Bool { false }
}
