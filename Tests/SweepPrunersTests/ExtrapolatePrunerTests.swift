import Foundation
import SweepCore
import SweepPruners
import Testing

@Suite struct ExtrapolatePrunerTests {
    @Test func defaultsAndDescription() throws {
        let p = try ExtrapolatePruner()
        #expect(p.pThreshold == 0.05 && p.horizon == nil && p.target == .best && p.minPoints == 5)
        let text = "\(p)"
        #expect(text.hasPrefix("extrapolate:p_threshold=0.05,horizon=auto,beat=best,n_startup_trials=5,"))
        #expect(p.growth == 0.25 && p.topMin == 5 && p.top == 10 && p.calibrate == 3)
        #expect(p.ceilingTies == 3 && text.hasSuffix(",ceiling=3"))
        // The description is a spec that builds the same pruner.
        #expect("\(try Pruners.make(parsing: text))" == text)
        #expect(try Pruners.make(parsing: "extrapolate") is ExtrapolatePruner)
        #expect(Pruners.sweepNames.contains("extrapolate") && !Pruners.names.contains("extrapolate"))
        let top = try ExtrapolatePruner(spec: Spec(parsing: "extrapolate:beat=10,horizon=99"))
        #expect(top.target == .top(10) && top.horizon == 99)
    }

    @Test func badSpecsSayWhatWasExpected() {
        #expect(specError("extrapolate:p_threshold=2") == "p_threshold must be in [0, 1], got '2'")
        #expect(specError("extrapolate:beat=worst") == "beat must be 'best' or a percentage in (0, 100], got 'worst'")
        #expect(specError("extrapolate:beat=0") == "beat must be 'best' or a percentage in (0, 100], got '0'")
        #expect(specError("extrapolate:horizon=0") == "horizon must be 'auto' or an integer >= 1, got '0'")
        #expect(specError("extrapolate:min_points=2") == "min_points must be an integer >= 4, got '2'")
        #expect(specError("extrapolate:growth=-1") == "growth must be a number >= 0, got '-1'")
        #expect(specError("extrapolate:calibrate=x") == "calibrate must be an integer >= 0, got 'x'")
        #expect(specError("extrapolate:ceiling=x") == "ceiling must be an integer >= 0, got 'x'")
        #expect(specError("extrapolate:window=3") != nil)  // not a parameter of this pruner
    }

    @Test func prunesAPlateauFarBelowTheBestAndSaysWhy() async throws {
        let study = try await makeStudy(ExtrapolatePruner(), direction: .maximize)
        for curve in slowWinnersStudy { try await run(curve, in: study) }
        let plateau = adding(saturating(40, top: 0.3, tau: 2), noise(40, sigma: 0.01, seed: 5))
        let trial = try await study.ask()
        var decision = PruneDecision.keepGoing
        var step = 0
        while step < 40 {
            try await study.report(trial: trial.number, step: step, value: plateau[step])
            decision = try await study.shouldPrune(trial: trial.number)
            if decision.prune { break }
            step += 1
        }
        // Pruned at a fit within the first 10 reports (as soon as the slow winners were ahead of it
        // at the same step), with the prediction in the reason.
        #expect(decision.prune && step < 10)
        let reason = decision.reason ?? ""
        #expect(reason.hasPrefix("predicted final 0.3"), "\(reason)")
        #expect(reason.contains("at step 39 from \(step + 1) reports; P(beat best 0.8"), "\(reason)")
    }

    @Test func keepsARisingLateBloomerThatTheMedianPrunerKills() async throws {
        let bloomer = adding(saturating(40, top: 0.95, tau: 14), noise(40, sigma: 0.02, seed: 6))
        await #expect(try replay(MedianPruner(), slowWinnersStudy + [bloomer], direction: .maximize)[5] != nil)
        await #expect(try replay(ExtrapolatePruner(), slowWinnersStudy + [bloomer], direction: .maximize)[5] == nil)
    }

    @Test func aTrialAtTheBestLevelIsNotFitted() async throws {
        // Already as good as the best: it goes on whatever the families would say.
        let peers = [[Double]](repeating: saturating(30, top: 0.8, tau: 3), count: 5)
        let good = [Double](repeating: 0.85, count: 30)
        await #expect(try replay(ExtrapolatePruner(), peers + [good], direction: .maximize)[5] == nil)
    }

    @Test func minimizedLossesAndATopPercentTarget() async throws {
        // Losses falling to 0.1 .. 0.5; a trial stuck at 2.0 cannot beat the best quarter.
        let peers: [[Double]] = (0..<8).map { (i: Int) -> [Double] in
            let level: Double = 0.1 + 0.05 * Double(i)
            return (0..<30).map { (s: Int) -> Double in level + 2 * exp(-Double(s) / 3) }
        }
        let stuck = adding([Double](repeating: 2.0, count: 30), noise(30, sigma: 0.01, seed: 8))
        let pruner = try ExtrapolatePruner(target: .top(25))
        await #expect(try replay(pruner, peers + [stuck], direction: .minimize)[8] == 4)
        // A fast learner heading below the best is kept.
        let fast = (0..<30).map { 0.05 + 2 * exp(-Double($0) / 3) }
        await #expect(try replay(pruner, peers + [fast], direction: .minimize)[8] == nil)
    }

    @Test func aTrialThatCanOnlyTieTheBestIsPruned() async throws {
        // Beating is strict: a noiseless trial exactly at the best final value cannot beat it.
        let peers = [[Double]](repeating: [Double](repeating: 1.0, count: 20), count: 5)
        await #expect(try replay(ExtrapolatePruner(), peers + [[Double](repeating: 1.0, count: 20)], direction: .maximize)[5] == 4)
    }

    @Test func nanCurves() async throws {
        let peers = [[Double]](repeating: [Double](repeating: 1.0, count: 12), count: 5)
        let pruner = try ExtrapolatePruner()
        await #expect(try replay(pruner, peers + [[Double](repeating: .nan, count: 12)], direction: .maximize)[5] == 0)
        await #expect(try replay(pruner, peers + [[2, 2, 2, .nan, .nan, 2, 2, 2, 2, 2, 2, 2]], direction: .maximize)[5] == 4)
    }

    @Test func tiesAtACeilingArePrunedBeforeAnyFit() async throws {
        // Returns capped at 500 (CartPole): three winners end exactly there, none ever reported more.
        let capped = (0..<30).map { Swift.min(500, 50 + 40 * Double($0)) }
        let low = saturating(30, top: 200, tau: 4)
        let study = [capped, low, capped, capped, low]
        let pruned = try await replay(ExtrapolatePruner(), study + [capped], direction: .maximize)
        #expect(pruned[5] == 4)  // at min_points values, before it reaches the cap
        await #expect(try replay(ExtrapolatePruner(ceilingTies: 0), study + [capped], direction: .maximize)[5] == nil)
        // Two ties are not enough for the default.
        await #expect(try replay(ExtrapolatePruner(), [capped, low, capped, low, low] + [capped], direction: .maximize)[5] == nil)
    }
}
