import SweepCore
import Testing

@testable import SweepImportance

@Suite struct FanovaTests {
    @Test func oneSeedGivesOneAnswer() throws {
        let trials = ImportanceTrial.usable(try Trials.linear(80, noise: 1))
        // The forest draws from SplitMix64 only: the same seed, the same importances.
        #expect(try Fanova(seed: 4).importances(trials) == Fanova(seed: 4).importances(trials))
        #expect(try Fanova(seed: 4).importances(trials) != Fanova(seed: 5).importances(trials))
    }

    @Test func aCategoricalIsMarginalisedOverAllItsColumns() throws {
        let kinds: [ParamValue] = [.string("a"), .string("b"), .string("c")]
        let choice = Distribution.categorical(try CategoricalDistribution(kinds))
        var trials = ImportanceTrial.usable(try Trials.linear(90, noise: 0))
        for i in trials.indices {
            trials[i].params["kind"] = kinds[i % 3]
            trials[i].distributions["kind"] = choice
            trials[i].value = Double(i % 3) * 20 + trials[i].value * 0.01
        }
        let result = try Fanova().importances(trials)
        // The choice sets the value; x1 barely moves it.
        #expect((result["kind"] ?? 0) > 0.9)
        #expect(Design(Fanova.commonSpace(trials), trials).parameterColumns == [[0, 1, 2], [3], [4]])
    }

    @Test func aConstantObjectiveIsAnError() throws {
        var trials = ImportanceTrial.usable(try Trials.linear(10))
        for i in trials.indices { trials[i].value = 1 }
        #expect(throws: ImportanceError.constantObjective) { try Fanova().importances(trials) }
    }

    @Test func aTreeSplitsHalfwayBetweenTwoValues() {
        var generator = SplitMix64(seed: 0)
        let tree = RegressionTree(
            columns: [[0, 1, 2, 3]], targets: [0, 0, 5, 5], weights: [1, 1, 1, 1], maxDepth: 64, generator: &generator)
        // One split at 1.5 into two pure leaves.
        #expect(tree.feature == [0, -1, -1])
        #expect(tree.threshold[0] == 1.5)
        #expect(tree.value == [2.5, 0, 5])
    }
}
