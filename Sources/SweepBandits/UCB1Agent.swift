import Foundation
import SweepML

/// UCB1 (Auer, Cesa-Bianchi & Fischer 2002): pulls every arm once, then the arm maximising
/// x̄_a + c · √(ln t / n_a), with t the number of pulls so far and n_a the pulls of a.
/// c = √2 is Auer et al.'s UCB1 (for rewards in [0, 1]). Ties go to the lowest index.
public struct UCB1Agent: BanditAgent {
    /// The exploration constant c ≥ 0.
    public let c: Double
    var sums: [Double] = []
    var counts: [Double] = []
    var means: [Double] = []
    var inverseCounts: [Double] = []
    var pulls = 0

    /// A UCB1 agent.
    public init(c: Double = 2.0.squareRoot()) {
        precondition(c >= 0, "c must be non-negative")
        self.c = c
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        sums = [Double](repeating: 0, count: arms)
        counts = [Double](repeating: 0, count: arms)
        means = [Double](repeating: 0, count: arms)
        inverseCounts = [Double](repeating: 0, count: arms)
        pulls = 0
    }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        let arms = counts.count
        if pulls < arms { return pulls }
        let c2 = c * c * log(Double(pulls))
        return inverseCounts.withUnsafeBufferPointer { n in
            means.withUnsafeBufferPointer { m in
                var best = 0
                var bestIndex = -Double.infinity
                for a in 0..<arms {
                    let index = m[a] + (c2 * n[a]).squareRoot()
                    if index > bestIndex {
                        bestIndex = index
                        best = a
                    }
                }
                return best
            }
        }
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        sums[arm] += reward
        counts[arm] += 1
        inverseCounts[arm] = 1 / counts[arm]
        means[arm] = sums[arm] * inverseCounts[arm]
        pulls &+= 1
    }
}
