import Foundation
import SweepML

/// Sliding-window UCB (Garivier & Moulines 2011): only the last `window` pulls count. Arm a's
/// index is x̄_a(τ) + c · √(ln min(t, τ) / N_a(τ)), with N_a(τ) and x̄_a(τ) its pulls and mean
/// reward within the window; an arm absent from the window is pulled first. The default
/// c = √0.6 is the paper's B·√ξ with B = 1, ξ = 0.6. O(K) per step (a ring buffer of the window).
public struct SlidingWindowUCBAgent: BanditAgent {
    /// The window length τ ≥ 1.
    public let window: Int
    /// The exploration constant c ≥ 0.
    public let c: Double
    var armsInWindow: [Int] = []
    var rewardsInWindow: [Double] = []
    var sums: [Double] = []
    var counts: [Int] = []
    var pulls = 0

    /// A sliding-window UCB agent.
    public init(window: Int = 1_000, c: Double = 0.6.squareRoot()) {
        precondition(window >= 1 && c >= 0, "window must be ≥ 1 and c ≥ 0")
        self.window = window
        self.c = c
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        armsInWindow = [Int](repeating: 0, count: window)
        rewardsInWindow = [Double](repeating: 0, count: window)
        sums = [Double](repeating: 0, count: arms)
        counts = [Int](repeating: 0, count: arms)
        pulls = 0
    }

    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        let c2 = c * c * log(Double(max(1, min(pulls, window))))
        var best = 0
        var bestIndex = -Double.infinity
        for a in 0..<counts.count {
            let n = counts[a]
            if n == 0 { return a }
            let inverse = 1 / Double(n)
            let index = sums[a] * inverse + (c2 * inverse).squareRoot()
            if index > bestIndex {
                bestIndex = index
                best = a
            }
        }
        return best
    }

    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        let slot = pulls % window
        if pulls >= window {
            let old = armsInWindow[slot]
            counts[old] &-= 1
            sums[old] = counts[old] == 0 ? 0 : sums[old] - rewardsInWindow[slot]
        }
        armsInWindow[slot] = arm
        rewardsInWindow[slot] = reward
        counts[arm] &+= 1
        sums[arm] += reward
        pulls &+= 1
    }
}
