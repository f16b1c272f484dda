import Foundation
import SweepML

/// Discounted UCB (Kocsis & Szepesvári 2006; Garivier & Moulines 2011): past pulls fade by γ
/// per step. With N_a = Σ γ^(t−s) 1{a_s = a}, S_a the same sum of rewards and n = Σ_a N_a, arm a's
/// index is S_a/N_a + c · √(ln n / N_a); a never-pulled arm goes first. The default
/// c = 2√0.6 is the paper's 2B√ξ with B = 1, ξ = 0.6. O(K) per step.
public struct DiscountedUCBAgent: BanditAgent {
    /// The discount γ in (0, 1].
    public let gamma: Double
    /// The exploration constant c ≥ 0.
    public let c: Double
    var sums: [Double] = []
    var counts: [Double] = []
    var total = 0.0

    /// A discounted UCB agent.
    public init(gamma: Double = 0.99, c: Double = 2 * 0.6.squareRoot()) {
        precondition(gamma > 0 && gamma <= 1 && c >= 0, "gamma must lie in (0, 1] and c ≥ 0")
        self.gamma = gamma
        self.c = c
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        sums = [Double](repeating: 0, count: arms)
        counts = [Double](repeating: 0, count: arms)
        total = 0
    }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        let c2 = c * c * log(max(total, 1))
        var best = 0
        var bestIndex = -Double.infinity
        for a in 0..<counts.count {
            let n = counts[a]
            if n == 0 { return a }
            let inverse = 1 / n
            let index = sums[a] * inverse + (c2 * inverse).squareRoot()
            if index > bestIndex {
                bestIndex = index
                best = a
            }
        }
        return best
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        for a in 0..<counts.count {
            counts[a] *= gamma
            sums[a] *= gamma
        }
        counts[arm] += 1
        sums[arm] += reward
        total = total * gamma + 1
    }
}
