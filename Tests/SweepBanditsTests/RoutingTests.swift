import Foundation
import Testing
import SweepML
@testable import SweepBandits

@Suite struct RoutingTests {
    func options(_ estimator: RoutingEstimatorKind, _ selection: SelectionRule = .ucb(c: 1), seed: UInt64) -> RoutingOptions {
        var o = RoutingOptions()
        o.estimator = estimator
        o.selection = selection
        o.seed = seed
        return o
    }

    /// The fraction of routed samples that went to a learner scored on the sample's class.
    func inDomainFraction(_ r: RoutingReport) -> Double {
        var inside = 0
        for (k, row) in r.routingTable.enumerated() {
            for (c, n) in row.enumerated() where r.learnerClasses[k].contains(r.classNames[c]) { inside += n }
        }
        return Double(inside) / Double(r.samples)
    }

    @Test(arguments: RoutingEstimatorKind.allCases)
    func routingTableCountsSumToTheSamples(_ kind: RoutingEstimatorKind) throws {
        var o = options(kind, .epsilonGreedy(epsilon: 0.1), seed: 1)
        o.samples = 300
        let r = try DataRouting.run(o)
        #expect(r.samples == 300)
        #expect(r.routingTable.flatMap { $0 }.reduce(0, +) == 300)  // every sample routed exactly once
        #expect(r.routingTable.count == 4 && r.routingTable.allSatisfy { $0.count == 4 })
        #expect(r.rewardCurve.count == 3)  // 300 samples / window 100
        // The rewards telescope: their sum is the total change in accuracy.
        let gain = zip(r.finalAccuracies, r.initialAccuracies).map { $0 - $1 }.reduce(0, +)
        #expect(abs(r.meanReward * 300 - gain) < 1e-9)
    }

    @Test(arguments: [RoutingEstimatorKind.neural, .recurrent])
    func learnedRoutingBeatsRandomRouting(_ kind: RoutingEstimatorKind) throws {
        // Three seeds of the default synthetic problem (2,000 samples, 4 specialist learners).
        var learned = (reward: 0.0, accuracy: 0.0, inDomain: 0.0)
        var random = (reward: 0.0, accuracy: 0.0, inDomain: 0.0)
        for seed in UInt64(1)...3 {
            let a = try DataRouting.run(options(kind, seed: seed))
            let b = try DataRouting.run(options(.random, seed: seed))
            learned.reward += a.meanReward / 3
            learned.accuracy += a.meanFinalAccuracy / 3
            learned.inDomain += inDomainFraction(a) / 3
            random.reward += b.meanReward / 3
            random.accuracy += b.meanFinalAccuracy / 3
            random.inDomain += inDomainFraction(b) / 3
        }
        // Random routing sends half the samples to a learner they can help; learned routing ≥ 60%
        // (measured: neural ≈ 0.78, recurrent ≈ 0.64).
        #expect(abs(random.inDomain - 0.5) < 0.05)
        #expect(learned.inDomain >= 0.6)
        // Mean reward at least 5% higher, mean final accuracy at least 2 points higher.
        #expect(learned.reward >= 1.05 * random.reward)
        #expect(learned.accuracy >= random.accuracy + 0.02)
    }

    @Test(arguments: [
        SelectionRule.epsilonGreedy(epsilon: 0.1), .perArmEpsilon(epsilon: 0.1), .thompson(scale: 1), .ucb(c: 1),
    ])
    func neuralRoutingBeatsRandomWithEverySelectionRule(_ rule: SelectionRule) throws {
        let a = try DataRouting.run(options(.neural, rule, seed: 7))
        let b = try DataRouting.run(options(.random, seed: 7))
        #expect(a.meanFinalAccuracy >= b.meanFinalAccuracy + 0.02)
    }

    @Test func sameSeedSameReport() throws {
        var o = options(.recurrent, seed: 4)
        o.samples = 200
        #expect(try DataRouting.run(o) == DataRouting.run(o))
    }

    @Test func reportRoundTripsThroughJSONAndPrintsATable() throws {
        var o = options(.empirical, seed: 2)
        o.samples = 200
        let r = try DataRouting.run(o)
        let decoded = try JSONDecoder().decode(RoutingReport.self, from: JSONEncoder().encode(r))
        #expect(decoded == r)
        #expect(r.summary.contains("learner"))
        #expect(r.summary.split(separator: "\n").count == 3 + 4)  // two lines, header, one row per learner
    }

    @Test func badOptionsAreRejected() {
        var o = RoutingOptions()
        o.learners = 0
        #expect(throws: RoutingDataError.self) { try DataRouting.run(o) }
        o = RoutingOptions()
        o.source = .synthetic(SyntheticRoutingData(classes: 2))
        o.learners = 6  // learners 2...5 have no classes to be scored on
        #expect(throws: RoutingDataError.self) { try DataRouting.run(o) }
        o.scoring = .shared
        #expect(throws: Never.self) { try DataRouting.run(o) }
    }

    @Test func syntheticDataFollowsTheClassShares() {
        var rng = RandomGenerator(seed: 3)
        let gen = SyntheticRoutingData()
        let data = gen.generate(count: 20_000, using: &rng)
        for (c, share) in gen.classShares.enumerated() {
            let observed = Double(data.labels.filter { $0 == c }.count) / 20_000
            #expect(abs(observed - share) < 0.015)
        }
        #expect(data.featureCount == 10)
    }
}
