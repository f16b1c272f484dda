import SweepCore
import SweepPruners
import Testing

@Suite struct PatientPrunerTests {
    @Test func prunesAfterPatienceStepsWithoutImprovement() async throws {
        // Minimizing, patience 2: at step 5 the best before the last three reports (3) beats them all.
        let curve: [Double] = [5, 4, 3, 3.5, 3.2, 3.1, 3.0]
        #expect(try await replay(PatientPruner(wrapped: nil, patience: 2), [curve]) == [5])
        // With min_delta 0.2, 3.1 is close enough to count as no stagnation; 3.0 improves.
        #expect(try await replay(PatientPruner(wrapped: nil, patience: 2, minDelta: 0.2), [curve]) == [nil])
        // Maximizing, mirrored.
        #expect(try await replay(PatientPruner(wrapped: nil, patience: 2), [curve.map { -$0 }], direction: .maximize) == [5])
        // Patience 0 compares the latest report alone with everything before it.
        #expect(try await replay(PatientPruner(wrapped: nil, patience: 0), [[1, 0.5, 0.7]]) == [2])
    }

    @Test func theWrappedPrunerHasTheLastWord() async throws {
        let curve: [Double] = [5, 4, 3, 3.5, 3.2, 3.1, 3.0]
        #expect(try await replay(PatientPruner(wrapped: NopPruner(), patience: 2), [curve]) == [nil])
        #expect(try await replay(PatientPruner(wrapped: ThresholdPruner(upper: 3.05), patience: 2), [curve]) == [5])
        #expect(try await replay(PatientPruner(wrapped: ThresholdPruner(upper: 4), patience: 2), [curve]) == [nil])
    }

    @Test func nanValuesAreIgnored() async throws {
        let pruner = try PatientPruner(wrapped: nil, patience: 1)
        #expect(try await replay(pruner, [[1, .nan, 2, 2]]) == [2])
        // Nothing but NaN before the patience window: not pruned.
        #expect(try await replay(pruner, [[.nan, .nan, 5, 6]]) == [nil])
        #expect(try await replay(pruner, [[.nan, 4, 5, 6]]) == [3])
    }

    @Test func specs() throws {
        let p = try #require(try Pruners.make(parsing: "patient:patience=3,min_delta=0.1,wrapped=median:n_warmup_steps=5") as? PatientPruner)
        #expect(p.patience == 3 && p.minDelta == 0.1)
        let wrapped = try #require(p.wrapped as? MedianPruner)
        #expect(wrapped.nWarmupSteps == 5)
        #expect("\(p)" == "patient:patience=3,min_delta=0.1,wrapped=median:n_startup_trials=5,n_warmup_steps=5,interval_steps=1,n_min_trials=1")
        let bare = try #require(try Pruners.make(parsing: "patient:patience=2") as? PatientPruner)
        #expect(bare.wrapped == nil && bare.minDelta == 0)
        #expect(specError("patient") == "patience is required for 'patient' (an integer >= 0), got nothing")
        #expect(specError("patient:patience=-1") == "patience must be an integer >= 0, got '-1'")
        #expect(specError("patient:patience=1,min_delta=-0.1") == "min_delta must be a number >= 0, got '-0.1'")
        #expect(specError("patient:patience=1,wrapped=") == "wrapped must be a pruner spec such as 'median', got ''")
        #expect(
            specError("patient:patience=1,wrapped=median:foo=1")
                == "wrapped 'median:foo=1' is not a valid pruner: unknown parameter 'foo' for 'median'; expected one of: n_startup_trials, n_warmup_steps, interval_steps, n_min_trials")
        #expect(specError("patient:patience=1,wrapped=unknown")?.contains("unknown pruner 'unknown'") == true)
    }
}
