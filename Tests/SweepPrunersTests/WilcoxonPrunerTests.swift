import SweepCore
import SweepPruners
import Testing

@Suite struct WilcoxonPrunerTests {
    let constant = { (value: Double, count: Int) in [Double](repeating: value, count: count) }

    @Test func prunesATrialConsistentlyWorseThanTheBest() async throws {
        // Every difference is +1: p = 1/2^pairs, below 0.1 from four pairs on.
        #expect(try await replay(WilcoxonPruner(), [constant(0, 6), constant(1, 6)]) == [nil, 3])
        #expect(try await replay(WilcoxonPruner(), [constant(1, 6), constant(0, 6)], direction: .maximize) == [nil, 3])
        #expect(try await replay(WilcoxonPruner(nStartupSteps: 6), [constant(0, 6), constant(1, 6)]) == [nil, 5])
        #expect(try await replay(WilcoxonPruner(pThreshold: 0.2), [constant(0, 6), constant(1, 6)]) == [nil, 2])
    }

    @Test func comparesOnlyTheStepsBothReported() async throws {
        // The best trial reported three steps: three pairs at most, p = 1/8.
        #expect(try await replay(WilcoxonPruner(), [constant(0, 3), constant(1, 6)]) == [nil, nil])
        #expect(try await replay(WilcoxonPruner(pThreshold: 0.2), [constant(0, 3), constant(1, 6)]) == [nil, 2])
    }

    @Test func doesNotPruneOnNonFiniteValues() async throws {
        #expect(try await replay(WilcoxonPruner(), [constant(0, 6), [1, .nan, 1, 1, 1, 1]]) == [nil, nil])
        #expect(try await replay(WilcoxonPruner(), [[0, .infinity, 0, 0, 0, 0], constant(1, 6)]) == [nil, nil])
        // No best trial yet.
        #expect(try await replay(WilcoxonPruner(pThreshold: 1), [constant(1, 6)]) == [nil])
    }

    @Test func aBetterMeanIsNotPruned() async throws {
        // Worse at twelve steps out of thirteen, but better on average: Optuna's safety keeps it.
        let trial = [-3] + constant(0.1, 12)
        #expect(WilcoxonSignedRank.test(trial, alternative: .greater).pValue == 0.009765625)
        #expect(try await replay(WilcoxonPruner(), [constant(0, 13), trial]) == [nil, nil])
    }

    @Test func specs() throws {
        let p = try #require(try Pruners.make(parsing: "wilcoxon") as? WilcoxonPruner)
        #expect(p.pThreshold == 0.1 && p.nStartupSteps == 2)
        #expect(specError("wilcoxon:p_threshold=2") == "p_threshold must be in [0, 1], got '2'")
        #expect(specError("wilcoxon:n_startup_steps=-1") == "n_startup_steps must be an integer >= 0, got '-1'")
        #expect(specError("wilcoxon:p=0.1")?.hasPrefix("unknown parameter 'p' for 'wilcoxon'") == true)
    }
}
