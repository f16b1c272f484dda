import SweepML

/// Explore-then-commit (Lattimore & Szepesvári, ch. 6): pulls every arm `m` times round-robin,
/// then commits for good to the arm with the best sample mean (ties to the lowest index).
public struct ExploreThenCommitAgent: BanditAgent {
    /// Pulls per arm before committing (≥ 1).
    public let m: Int
    var estimates = ArmValues()
    var pulls = 0
    var committed: Int?

    /// An explore-then-commit agent.
    public init(m: Int = 10) {
        precondition(m >= 1, "m must be at least 1")
        self.m = m
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        estimates.reset(arms: arms)
        pulls = 0
        committed = nil
    }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        let arms = estimates.values.count
        if pulls < m * arms { return pulls % arms }
        if let committed { return committed }
        var best = 0
        for a in 1..<arms where estimates.values[a] > estimates.values[best] { best = a }
        committed = best
        return best
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        pulls += 1
        if committed == nil { estimates.update(arm: arm, reward: reward) }
    }
}
