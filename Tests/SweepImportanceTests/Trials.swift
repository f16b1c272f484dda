import SweepCore

@testable import SweepImportance

/// Studies made in Swift for the unit tests: seeded random parameters and an objective of known
/// structure.
enum Trials {
    /// `count` complete trials of y = 10·x1 + 0.1·x2 (+ noise), x1, x2 uniform in [−1, 1].
    static func linear(_ count: Int, seed: UInt64 = 1, noise: Double = 0.01) throws -> [Trial] {
        let uniform = Distribution.float(try FloatDistribution(low: -1, high: 1))
        var g = SplitMix64(seed: seed)
        return (0..<count).map { n in
            let a = g.nextUnit() * 2 - 1
            let b = g.nextUnit() * 2 - 1
            return Trial(
                id: Int64(n), number: n, state: .complete, params: ["x1": .double(a), "x2": .double(b)],
                distributions: ["x1": uniform, "x2": uniform], value: 10 * a + 0.1 * b + noise * g.nextGaussian())
        }
    }
}
