import SweepCore
import Testing

/// A search space keeps its parameters in the order they were declared, one per name.
@Suite struct SearchSpaceTests {
    @Test func aNameGivenAgainReplacesItsDistributionInPlace() throws {
        let first = Distribution.float(try FloatDistribution(low: 0, high: 1))
        let second = Distribution.float(try FloatDistribution(low: 2, high: 3))
        let other = Distribution.int(try IntDistribution(low: 1, high: 8))
        let space = SearchSpace([.init(name: "x", distribution: first), .init(name: "n", distribution: other), .init(name: "x", distribution: second)])
        #expect(space.names == ["x", "n"], "declared order, x once")
        #expect(space["x"] == second, "the last distribution given wins, as with set")
        var set = SearchSpace()
        for p in space.parameters { set.set(p.name, p.distribution) }
        #expect(set == space)
    }
}
