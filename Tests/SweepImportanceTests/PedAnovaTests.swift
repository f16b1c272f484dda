import SweepCore
import Testing

@testable import SweepImportance

@Suite struct PedAnovaTests {
    @Test func maximisingLooksAtTheLargestValues() throws {
        // y = 10·x1 + 0.1·x2 either way: the best 10% are set apart by x1 whichever end is best.
        let trials = ImportanceTrial.usable(try Trials.linear(200))
        let up = try PedAnova().importances(trials, direction: .maximize)
        let down = try PedAnova().importances(trials, direction: .minimize)
        #expect((up["x1"] ?? 0) > 10 * (up["x2"] ?? 0))
        #expect((down["x1"] ?? 0) > 10 * (down["x2"] ?? 0))
        // The best of a maximised study are the largest values: the top 10% of 200.
        #expect(PedAnova().best(trials, share: 0.1, direction: .maximize).count == 20)
        #expect(PedAnova().best(trials, share: 0.1, direction: .maximize).allSatisfy { trials[$0].value > 0 })
    }

    @Test func aParameterOfOneValueAndAnInactiveOneAddNothing() throws {
        let one = Distribution.int(try IntDistribution(low: 3, high: 3))
        var trials = ImportanceTrial.usable(try Trials.linear(50))
        for i in trials.indices {
            trials[i].params["fixed"] = .int(3)
            trials[i].distributions["fixed"] = one
        }
        // A parameter only trial 0 has: its regime has 1 trial, fewer than 2.
        trials[0].params["rare"] = .double(0.5)
        trials[0].distributions["rare"] = .float(try FloatDistribution(low: 0, high: 1))
        let result = try PedAnova().importances(trials, direction: .minimize)
        #expect(result["fixed"] == 0)
        #expect(result["rare"] == 0)
        #expect((result["x1"] ?? 0) > 0)
    }

    @Test(arguments: [("log int 1...1024", 11), ("int 0...18 step 3", 7), ("float 0...1 step 0.25", 5), ("log float", 50), ("2 choices", 2)])
    func theGridHasOptunasNumberOfPoints(kind: String, points: Int) throws {
        let distribution: Distribution
        switch kind {
        case "log int 1...1024": distribution = .int(try IntDistribution(low: 1, high: 1024, log: true))
        case "int 0...18 step 3": distribution = .int(try IntDistribution(low: 0, high: 18, step: 3))
        case "float 0...1 step 0.25": distribution = .float(try FloatDistribution(low: 0, high: 1, step: 0.25))
        case "log float": distribution = .float(try FloatDistribution(low: 1e-5, high: 1e-1, log: true))
        default: distribution = .categorical(try CategoricalDistribution([.string("a"), .int(2)]))
        }
        // ⌈log2(1024)⌉ + 1 for the log int, one point per step, 50 at most, one per choice.
        #expect(ParzenGrid("p", distribution, [], steps: PedAnova.gridSteps).counts.count == points)
    }
}
