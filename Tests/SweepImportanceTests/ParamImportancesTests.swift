import SweepCore
import Testing

@testable import SweepImportance

@Suite struct ParamImportancesTests {
    @Test(arguments: ImportanceMethod.allCases)
    func theParameterThatDrivesTheObjectiveComesFirst(method: ImportanceMethod) throws {
        let result = try ParamImportances.evaluate(try Trials.linear(200), direction: .minimize, method: method)
        // x1 moves y a hundred times as much as x2.
        #expect(result.params.map(\.name) == ["x1", "x2"])
        #expect(result.params[0].importance > 0.8)
        // Normalised: the shares sum to 1.
        #expect(abs(result.params.reduce(0) { $0 + $1.importance } - 1) < 1e-12)
        #expect(result.trials == 200)
    }

    @Test(arguments: ImportanceMethod.allCases)
    func fewerThanTwoUsableTrialsIsAnError(method: ImportanceMethod) throws {
        var trials = try Trials.linear(3)
        trials[1].value = .nan
        trials[2].state = .pruned
        // One complete trial with a finite value is left.
        #expect(throws: ImportanceError.tooFewTrials(usable: 1)) {
            try ParamImportances.evaluate(trials, direction: .minimize, method: method)
        }
    }

    @Test(arguments: ImportanceMethod.allCases)
    func trialsWithoutParametersAreAnError(method: ImportanceMethod) {
        let trials = (0..<5).map { Trial(id: Int64($0), number: $0, state: .complete, value: Double($0)) }
        #expect(throws: ImportanceError.noParameters) {
            try ParamImportances.evaluate(trials, direction: .minimize, method: method)
        }
    }

    @Test func aZeroSumGivesEqualShares() {
        // As Optuna: when every importance is 0, each parameter gets 1/n.
        let shares = ParamImportances.normalised(["b": 0, "a": 0])
        #expect(shares == [ParamImportance(name: "a", importance: 0.5), ParamImportance(name: "b", importance: 0.5)])
    }
}
