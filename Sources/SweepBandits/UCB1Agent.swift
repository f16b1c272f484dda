import Foundation
import SweepML

/// UCB1 (Auer, Cesa-Bianchi & Fischer 2002): pulls every arm once, then the arm maximising
/// x̄_a + c · √(ln t / n_a), with t the number of pulls so far and n_a the pulls of a.
/// c = √2 is Auer et al.'s UCB1 (for rewards in [0, 1]). Ties go to the lowest index.
/// (The index is computed as x̄_a + c√(ln t) · (1/√n_a); equal to the formula, with rounding
/// differences of an ulp.)
public struct UCB1Agent: BanditAgent {
    /// The exploration constant c ≥ 0.
    public let c: Double
    /// Per arm: the reward sum, the pulls n_a, the mean x̄_a and 1/√n_a — only the pulled
    /// arm's change per step, so an index is one multiply-add: x̄_a + (c·√(ln t)) · (1/√n_a).
    var arms: [Arm] = []
    var pulls = 0
    /// The process-wide table, held here so the step never touches the lazy global.
    let table = UCB1Table.shared

    struct Arm: Sendable {
        var sum = 0.0
        var count = 0
        var mean = 0.0
        var inverseRootCount = 0.0
    }

    /// A UCB1 agent.
    public init(c: Double = 2.0.squareRoot()) {
        precondition(c >= 0, "c must be non-negative")
        self.c = c
    }

    public mutating func reset(arms: Int, contextDimension: Int) {
        self.arms = [Arm](repeating: Arm(), count: arms)
        pulls = 0
    }

    /// The argmax in two interleaved chains (even and odd arms), merged with ties to the lower
    /// index: half the loop-carried latency of one chain.
    @inline(__always)
    public mutating func selectArm(step: Int, context: [Double], using rng: inout RandomGenerator) -> Int {
        let count = arms.count
        if pulls < count { return pulls }
        let bonus = c * (pulls < UCB1Table.size ? table.rootLog[pulls] : log(Double(pulls)).squareRoot())
        return arms.withUnsafeBufferPointer { arms in
            var even = 0
            var evenIndex = -Double.infinity
            var odd = 0
            var oddIndex = -Double.infinity
            var a = 0
            while a &+ 1 < count {
                let e = arms[a].mean + bonus * arms[a].inverseRootCount
                let o = arms[a &+ 1].mean + bonus * arms[a &+ 1].inverseRootCount
                let evenBetter = e > evenIndex
                even = evenBetter ? a : even
                evenIndex = evenBetter ? e : evenIndex
                let oddBetter = o > oddIndex
                odd = oddBetter ? a &+ 1 : odd
                oddIndex = oddBetter ? o : oddIndex
                a &+= 2
            }
            if a < count {
                let e = arms[a].mean + bonus * arms[a].inverseRootCount
                let evenBetter = e > evenIndex
                even = evenBetter ? a : even
                evenIndex = evenBetter ? e : evenIndex
            }
            // Ties go to the lower index, as with one scan.
            return oddIndex > evenIndex || (oddIndex == evenIndex && odd < even) ? odd : even
        }
    }

    /// Updates the pulled arm; 1/n and 1/√n come from a table (computed once per process, the
    /// same values as computing them here), which keeps two divisions and a square root off the
    /// step-to-step dependency chain (and √(ln t) for the bonus a logarithm out of the step).
    @inline(__always)
    public mutating func update(arm: Int, reward: Double, context: [Double]) {
        arms.withUnsafeMutableBufferPointer { arms in
            let sum = arms[arm].sum + reward
            let n = arms[arm].count &+ 1
            arms[arm].sum = sum
            arms[arm].count = n
            if n < UCB1Table.size {
                let inverses = table.inverses[n]
                arms[arm].mean = sum * inverses.inverse
                arms[arm].inverseRootCount = inverses.inverseRoot
            } else {
                arms[arm].mean = sum / Double(n)
                arms[arm].inverseRootCount = 1 / Double(n).squareRoot()
            }
        }
        pulls &+= 1
    }
}

/// 1/n and 1/√n (side by side) and √(ln n) for n < 2^14 (384 KB, allocated once per process
/// and never freed); larger n are computed.
struct UCB1Table: @unchecked Sendable {
    static let size = 1 << 14
    static let shared = UCB1Table()
    struct Inverses {
        var inverse: Double
        var inverseRoot: Double
    }
    let inverses: UnsafePointer<Inverses>
    let rootLog: UnsafePointer<Double>

    init() {
        let inverses = UnsafeMutablePointer<Inverses>.allocate(capacity: Self.size)
        let rootLog = UnsafeMutablePointer<Double>.allocate(capacity: Self.size)
        inverses[0] = Inverses(inverse: 0, inverseRoot: 0)
        rootLog[0] = 0
        for n in 1..<Self.size {
            inverses[n] = Inverses(inverse: 1 / Double(n), inverseRoot: 1 / Double(n).squareRoot())
            rootLog[n] = log(Double(n)).squareRoot()
        }
        self.inverses = UnsafePointer(inverses)
        self.rootLog = UnsafePointer(rootLog)
    }
}
