import SweepCore
import SweepCurves
import SweepPruners
import Testing

@testable import SweepRunner

/// A replayed `"group"` is one trial whose judge sees the mean over its lines and that mean's
/// standard error, as `repeats = N` shows it in a live study.
@Suite struct ReplayStandardErrorTests {
    /// The best group: both lines 0.5 then 0.9 (largest gain from step 0: 0.4; best 0.9).
    let best = [CurveRecord(id: "b0", curve: [0.5, 0.9], group: "b"), CurveRecord(id: "b1", curve: [0.5, 0.9], group: "b")]

    @Test func aGroupCarriesItsMeansStandardError() throws {
        let merged = CurveGroups.merge([
            CurveRecord(id: "w0", curve: [0.3, 0.8, 1], group: "w"), CurveRecord(id: "w1", curve: [0.5, 0.8], group: "w"),
            CurveRecord(id: "solo", curve: [1]),
        ])
        let se = try #require(merged[0].standardErrors)
        // Step 0: sample deviation √0.02 over √2 = 0.1; step 1: equal values; step 2: one line.
        #expect(abs(se[0] - 0.1) < 1e-12 && se[1] == 0 && se[2] == 0, "\(se)")
        #expect(merged[1].standardErrors == nil)
    }

    @Test func aWideGroupIsKeptWhereANarrowOneIsPruned() async throws {
        let wide = [CurveRecord(id: "w0", curve: [0.3, 0.8], group: "w"), CurveRecord(id: "w1", curve: [0.5, 0.8], group: "w")]
        let narrow = [CurveRecord(id: "n0", curve: [0.39, 0.8], group: "n"), CurveRecord(id: "n1", curve: [0.41, 0.8], group: "n")]
        let records = CurveGroups.merge(best + wide + narrow)
        func prunedAt(_ z: Double) async throws -> [Int?] {
            let judge = try AutoPruner(nStartupTrials: 1, z: z)
            return try await Replay.run(records, pruner: judge, spec: "\(judge)", direction: .maximize).trials.map(\.prunedAt)
        }
        // Both means are 0.4 at step 0: 0.4 + 0.4 < 0.9. With z = 2 the wide one (se 0.1) could still
        // reach 1.0 and goes on to step 1, where its lines agree; the narrow one (se 0.01) cannot.
        #expect(try await prunedAt(2) == [nil, 1, 0])
        #expect(try await prunedAt(0) == [nil, 0, 0], "without z the mean alone is judged")
    }
}
