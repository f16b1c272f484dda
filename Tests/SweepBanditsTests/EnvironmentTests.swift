import SweepML
import Testing
@testable import SweepBandits

@Suite struct EnvironmentTests {
    @Test func bernoulliArmsPayTheirMeans() {
        var env = BernoulliBandit(means: [0.25, 0.75])
        var rng = RandomGenerator(seed: 1)
        env.reset(using: &rng)
        let n = 100_000
        let total = (0..<n).map { _ in env.pull(arm: 1, using: &rng) }.reduce(0, +)
        // Standard error 0.0014.
        #expect(abs(total / Double(n) - 0.75) < 0.007)
        #expect(env.optimalExpectedReward == 0.75)
    }

    @Test func randomMeansAreRedrawnEveryRun() {
        var env = GaussianBandit(randomArms: 4)
        var rng = RandomGenerator(seed: 2)
        env.reset(using: &rng)
        let first = env.means
        env.reset(using: &rng)
        #expect(first != env.means)
        #expect(env.optimalExpectedReward == env.means.max())
    }

    @Test func driftingMeansWalkWithTheGivenStep() {
        var env = DriftingBandit(arms: 200, initialMeans: Array(repeating: 0, count: 200), drift: 0.1)
        var rng = RandomGenerator(seed: 3)
        var context: [Double] = []
        env.reset(using: &rng)
        for step in 0...100 { _ = env.observe(step: step, context: &context, using: &rng) }
        // After 100 steps each mean is N(0, 100 · 0.01): variance 1 (200 arms: tolerance 0.35).
        let variance = env.means.map { $0 * $0 }.reduce(0, +) / 200
        #expect(abs(variance - 1) < 0.35)
    }

    @Test func bernoulliDriftStaysInTheUnitInterval() {
        var env = DriftingBandit(arms: 20, drift: 0.3, rewards: .bernoulli)
        var rng = RandomGenerator(seed: 4)
        var context: [Double] = []
        env.reset(using: &rng)
        for step in 0..<500 {
            _ = env.observe(step: step, context: &context, using: &rng)
            #expect(env.means.allSatisfy { (0...1).contains($0) })
        }
    }

    @Test func switchingChangesAtTheChangePoints() {
        var env = SwitchingBandit(arms: 3, initialMeans: [0.9, 0.5, 0.1], schedule: .at([5, 8]), change: .permute)
        var rng = RandomGenerator(seed: 5)
        var context: [Double] = []
        env.reset(using: &rng)
        var changes: [Int] = []
        var previous = env.means
        for step in 0..<12 {
            _ = env.observe(step: step, context: &context, using: &rng)
            if env.means != previous { changes.append(step) }
            previous = env.means
            // A permutation keeps the set of means.
            #expect(env.means.sorted() == [0.1, 0.5, 0.9])
        }
        // Changes happen only at the change points (a permutation may leave the order as it was).
        #expect(changes.allSatisfy { [5, 8].contains($0) })
    }

    @Test func alternatingMeansSwitchBackAndForth() {
        var env = SwitchingBandit(arms: 2, initialMeans: [0.9, 0.5], schedule: .every(3), change: .alternate([0.1, 0.5]))
        var rng = RandomGenerator(seed: 9)
        var context: [Double] = []
        env.reset(using: &rng)
        var seen: [[Double]] = []
        for step in 0..<9 {
            _ = env.observe(step: step, context: &context, using: &rng)
            seen.append(env.means)
        }
        #expect(seen[2] == [0.9, 0.5] && seen[3] == [0.1, 0.5] && seen[6] == [0.9, 0.5])
        #expect(env.optimalExpectedReward == 0.9)
    }

    @Test func periodicRedrawsChangeTheMeans() {
        var env = SwitchingBandit(arms: 3, schedule: .every(10))
        var rng = RandomGenerator(seed: 6)
        var context: [Double] = []
        env.reset(using: &rng)
        let before = env.means
        for step in 0...10 { _ = env.observe(step: step, context: &context, using: &rng) }
        #expect(env.means != before)
    }

    @Test func classificationPaysTheArmOfTheClass() {
        var env = ClassificationBandit(classes: 3, dimension: 2, samples: 100)
        var rng = RandomGenerator(seed: 7)
        var context = [Double](repeating: 0, count: 2)
        env.reset(using: &rng)
        for step in 0..<50 {
            let label = env.observe(step: step, context: &context, using: &rng)
            #expect(env.expectedReward(arm: label) == 1)
            #expect(env.pull(arm: (label + 1) % 3, using: &rng) == 0)
        }
        #expect(env.contextClassCount == 3)
    }

    @Test func linearRewardsAreTheDotProduct() {
        var env = LinearContextualBandit(arms: 2, dimension: 3, noise: 0)
        var rng = RandomGenerator(seed: 8)
        var context = [Double](repeating: 0, count: 3)
        env.reset(using: &rng)
        _ = env.observe(step: 0, context: &context, using: &rng)
        let dot = (0..<3).map { env.weights[3 + $0] * context[$0] }.reduce(0, +)
        #expect(abs(env.pull(arm: 1, using: &rng) - dot) < 1e-12)
        #expect(env.optimalExpectedReward == max(env.expectedReward(arm: 0), env.expectedReward(arm: 1)))
    }
}
