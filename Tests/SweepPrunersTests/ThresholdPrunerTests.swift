import SweepCore
import SweepPruners
import Testing

@Suite struct ThresholdPrunerTests {
    @Test func prunesOutsideTheRangeAndOnNaN() async throws {
        #expect(try await replay(ThresholdPruner(lower: 0), [[1, 0.5, -0.1, 2]]) == [2])
        #expect(try await replay(ThresholdPruner(upper: 1), [[0, 1, 1.01]]) == [2])
        #expect(try await replay(ThresholdPruner(lower: 0, upper: 1), [[0, 1, 0.5], [0.5, .nan, 0.5]]) == [nil, 1])
        // Other trials do not matter, nor does the direction.
        #expect(try await replay(ThresholdPruner(lower: 0), [[-1], [-1]], direction: .maximize) == [0, 0])
    }

    @Test func judgesOnlyTheLatestValueAtCheckpoints() async throws {
        let pruner = try ThresholdPruner(lower: -0.5, nWarmupSteps: 2, intervalSteps: 2)
        // Steps 0 and 1 are warm-up; step 3 is between checkpoints 2 and 4.
        #expect(try await replay(pruner, [[-1, -1, 0, -1, 0, 0], [-1, -1, -1]]) == [nil, 2])
    }

    @Test func specs() throws {
        let p = try #require(try Pruners.make(parsing: "threshold:lower=0.1,upper=5") as? ThresholdPruner)
        #expect(p.lower == 0.1 && p.upper == 5 && p.nWarmupSteps == 0 && p.intervalSteps == 1)
        let open = try #require(try Pruners.make(parsing: "threshold:upper=inf") as? ThresholdPruner)
        #expect(open.lower == -.infinity && open.upper == .infinity)
        #expect(specError("threshold") == "threshold needs lower or upper (or both), got neither")
        #expect(specError("threshold:n_warmup_steps=2") == "threshold needs lower or upper (or both), got neither")
        #expect(specError("threshold:lower=2,upper=1") == "lower must be <= upper, got lower=2 and upper=1")
        #expect(specError("threshold:lower=abc") == "lower must be a number, got 'abc'")
        #expect(specError("threshold:upper=1,interval_steps=0") == "interval_steps must be an integer >= 1, got '0'")
    }
}
