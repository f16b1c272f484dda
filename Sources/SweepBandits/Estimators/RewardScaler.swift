/// Running mean and standard deviation of rewards (Welford), so that learned estimators see
/// targets of unit scale whatever the reward's units (a routing reward is a small accuracy change).
public struct RewardScaler: Sendable, Equatable, Codable {
    /// Rewards seen.
    public private(set) var count = 0
    /// Their mean.
    public private(set) var mean = 0.0
    private var m2 = 0.0

    /// An empty scaler (identity until it has seen rewards).
    public init() {}

    /// Adds a reward.
    public mutating func observe(_ reward: Double) {
        count += 1
        let delta = reward - mean
        mean += delta / Double(count)
        m2 += delta * (reward - mean)
    }

    /// The standard deviation (1 until two rewards are seen; never below 1e-8).
    public var scale: Double {
        guard count >= 2 else { return 1 }
        return max((m2 / Double(count - 1)).squareRoot(), 1e-8)
    }

    /// `(reward - mean) / scale`.
    public func normalize(_ reward: Double) -> Double { (reward - mean) / scale }

    /// The reward whose normalised value is `value`.
    public func denormalize(_ value: Double) -> Double { mean + scale * value }
}
