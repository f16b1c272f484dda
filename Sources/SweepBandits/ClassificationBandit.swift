import SweepML

/// A contextual bandit built on a classification dataset: each step shows a data point of a
/// synthetic class-labelled dataset, and the arm that names the point's class pays 1 (the others
/// pay 0). There is one arm per class.
///
/// Every reset draws the dataset: `classes` class centres c_k ~ N(0, separation² · I_d) and
/// `samples` points x = c_y + N(0, I_d) with labels y uniform over the classes. Each step shows a
/// point drawn uniformly from the dataset; its class is the context class for the arm × class
/// counts.
public struct ClassificationBandit: BanditEnvironment {
    /// Number of points in each run's dataset.
    public let samples: Int
    /// The spread of the class centres relative to the unit within-class noise.
    public let separation: Double
    public let armCount: Int
    public let contextDimension: Int
    public var contextClassCount: Int { armCount }
    public var optimalExpectedReward: Double { 1 }
    /// The points of the current run's dataset (samples × contextDimension) and their labels.
    public private(set) var points: [Double]
    public private(set) var labels: [Int]
    var label = 0

    /// A dataset of `classes` classes in `dimension` dimensions.
    public init(classes: Int, dimension: Int, samples: Int = 1_000, separation: Double = 2) {
        precondition(classes > 0 && dimension > 0 && samples > 0 && separation >= 0, "a classification bandit needs classes, dimension, samples > 0")
        self.samples = samples
        self.separation = separation
        armCount = classes
        contextDimension = dimension
        points = [Double](repeating: 0, count: samples * dimension)
        labels = [Int](repeating: 0, count: samples)
    }

    public mutating func reset(using rng: inout RandomGenerator) {
        let d = contextDimension
        var centres = [Double](repeating: 0, count: armCount * d)
        for i in 0..<centres.count { centres[i] = separation * rng.nextNormal() }
        for i in 0..<samples {
            let y = rng.nextInt(below: armCount)
            labels[i] = y
            for j in 0..<d { points[i * d + j] = centres[y * d + j] + rng.nextNormal() }
        }
    }

    public mutating func observe(step: Int, context: inout [Double], using rng: inout RandomGenerator) -> Int {
        let i = rng.nextInt(below: samples)
        let d = contextDimension
        for j in 0..<d { context[j] = points[i &* d &+ j] }
        label = labels[i]
        return label
    }

    public func expectedReward(arm: Int) -> Double { arm == label ? 1 : 0 }

    public mutating func pull(arm: Int, using rng: inout RandomGenerator) -> Double { arm == label ? 1 : 0 }
}
