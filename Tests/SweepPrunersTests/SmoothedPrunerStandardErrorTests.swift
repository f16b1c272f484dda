import SweepCore
import SweepPruners
import Testing

/// `smoothed:z=...`: a repeated trial's bound widens by `z` mean standard errors over its window.
@Suite struct SmoothedPrunerStandardErrorTests {
    /// Five flat complete trials at 0.9 to 1.1 (median 1.0), then a flat trial at 0.9 whose reports
    /// carry `value[se]`; where it was pruned (nil: completed).
    func prunedAt(_ pruner: SmoothedPruner, standardError: Double?) async throws -> Int? {
        let study = try await makeStudy(pruner, direction: .maximize)
        _ = try await run([0.9, 0.95, 1.0, 1.05, 1.1].map { Array(repeating: $0, count: 5) }, in: study)
        let trial = try await study.ask()
        for step in 0..<5 {
            var metrics = ["value": 0.9]
            if let standardError { metrics["value[se]"] = standardError }
            try await study.report(trial: trial.number, step: step, metrics: metrics)
            let decision = try await study.shouldPrune(trial: trial.number)
            if decision.prune {
                if standardError != nil && pruner.z > 0 {
                    #expect(decision.reason?.contains("2 standard errors of the mean over seeds, 0.02") == true, "\(decision)")
                }
                return step
            }
        }
        return nil
    }

    @Test func aWideStandardErrorKeepsAFlatTrialBelowTheMedianAndANarrowOneDoesNot() async throws {
        let judge = try SmoothedPruner(top: 0, spread: 0, z: 2)
        // Noise 0: the bound is 0.9 < 1.0 without doubt; 0.9 + 2 × 0.1 reaches it, 0.9 + 2 × 0.01 does not.
        #expect(try await prunedAt(judge, standardError: 0.1) == nil)
        #expect(try await prunedAt(judge, standardError: 0.01) == 2)
        #expect(try await prunedAt(judge, standardError: nil) == 2)
        #expect(try await prunedAt(try SmoothedPruner(top: 0, spread: 0), standardError: 0.1) == 2, "z = 0: as before")
    }

    @Test func specs() throws {
        let p = try #require(try Pruners.make(parsing: "smoothed:z=2") as? SmoothedPruner)
        #expect(p.z == 2 && "\(p)".hasSuffix(",ceiling=3,z=2"))
        #expect("\(try SmoothedPruner())".hasSuffix(",ceiling=3"))
        #expect(specError("smoothed:z=-1") != nil)
    }
}
