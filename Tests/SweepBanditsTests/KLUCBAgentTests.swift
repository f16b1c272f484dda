import Foundation
import Testing
@testable import SweepBandits

@Suite struct KLUCBAgentTests {
    /// The KL-UCB index by plain bisection to 1e-12: slow but obviously right.
    func slowIndex(_ p: Double, _ bound: Double) -> Double {
        var lo = p
        var hi = 1.0
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if KLUCBAgent.bernoulliKL(p, mid) <= bound { lo = mid } else { hi = mid }
        }
        return lo
    }

    @Test(arguments: [(0.5, 0.1), (0.1, 0.05), (0.9, 0.01), (0.3, 2.0), (0.01, 0.5), (0.99, 0.3), (0.5, 1e-6), (0.01, 5.0), (0.5, 10.0), (0.9, 3.0), (0.2, 0.7)])
    func indexMatchesABisection(_ p: Double, _ bound: Double) {
        // Tolerance 1e-6, as documented.
        #expect(abs(KLUCBAgent.index(mean: p, bound: bound) - slowIndex(p, bound)) < 1e-6)
    }

    @Test func indexMatchesHandDerivedValues() {
        // p = 0: kl(0, q) = −ln(1 − q), so the index is 1 − e^(−bound).
        #expect(abs(KLUCBAgent.index(mean: 0, bound: 1) - (1 - exp(-1))) < 1e-12)
        // p = 1/2, q = 3/4: kl = ½ln(2/3) + ½ln(2) = ½ln(4/3); so that bound gives 3/4.
        #expect(abs(KLUCBAgent.index(mean: 0.5, bound: 0.5 * log(4.0 / 3)) - 0.75) < 1e-6)
        // p = 0.2, q = 0.5: kl = 0.2 ln 0.4 + 0.8 ln 1.6.
        #expect(abs(KLUCBAgent.index(mean: 0.2, bound: 0.2 * log(0.4) + 0.8 * log(1.6)) - 0.5) < 1e-6)
        // A mean of 1 stays 1; a zero budget gives the mean.
        #expect(KLUCBAgent.index(mean: 1, bound: 3) == 1)
        #expect(KLUCBAgent.index(mean: 0.4, bound: 0) == 0.4)
    }

    @Test func klUCBLearnsBernoulliArmsBetterThanUCB1() throws {
        let env = "bernoulli:means=0.1,0.5,0.6"
        let runs = scaledRuns(100, debug: 20)
        let kl = try report(env, "kl_ucb", steps: 2_000, runs: runs)
        let ucb1 = try report(env, "ucb1", steps: 2_000, runs: runs)
        #expect(kl.regretMean < ucb1.regretMean)
    }
}
