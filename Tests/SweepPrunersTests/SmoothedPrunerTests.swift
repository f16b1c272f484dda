import Foundation
import SweepCore
import SweepPruners
import Testing

/// `0.9 · (1 − exp(−(s + 1) / tau))`: a learner that saturates at `top` with time constant `tau`.
func saturating(_ count: Int, top: Double, tau: Double) -> [Double] {
    (0..<count).map { top * (1 - exp(-Double($0 + 1) / tau)) }
}

/// Seeded Gaussian noise of standard deviation `sigma` (SplitMix64 + Box–Muller).
func noise(_ count: Int, sigma: Double, seed: UInt64) -> [Double] {
    var g = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        let u = Double.random(in: Double.ulpOfOne..<1, using: &g)
        let v = Double.random(in: 0..<1, using: &g)
        return sigma * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

func adding(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 + $1 } }

/// Five finished trials (maximized): three fast learners that plateau at 0.6, and two slow
/// learners that end best (about 0.85): in this study the winners start slowly.
let slowWinnersStudy: [[Double]] = [
    saturating(40, top: 0.6, tau: 2), saturating(40, top: 0.9, tau: 14), saturating(40, top: 0.6, tau: 2.5),
    saturating(40, top: 0.88, tau: 15), saturating(40, top: 0.6, tau: 3),
]

@Suite struct SmoothedPrunerTests {
    @Test func defaultsAndDescription() throws {
        let p = try SmoothedPruner()
        #expect(p.percentile == 50 && p.k == 3 && p.window == 5 && p.top == 10 && p.topMin == 8)
        #expect(p.nStartupTrials == 5 && p.nWarmupSteps == 0 && p.intervalSteps == 1 && p.nMinTrials == 1 && p.minPoints == 3)
        #expect(p.spread == 2 && !p.project && p.ceilingTies == 3)
        let text = "\(p)"
        #expect(text == "smoothed:percentile=50,k=3,window=5,top=10,top_min=8,n_startup_trials=5,n_warmup_steps=0,"
            + "interval_steps=1,n_min_trials=1,min_points=3,spread=2,project=false,ceiling=3")
        // The description is a spec that builds the same pruner.
        #expect("\(try Pruners.make(parsing: text))" == text)
        #expect(try Pruners.make(parsing: "smoothed") is SmoothedPruner)
        #expect(Pruners.sweepNames.contains("smoothed") && Pruners.allNames.contains("smoothed"))
    }

    @Test func badSpecsSayWhatWasExpected() {
        #expect(specError("smoothed:percentile=150") == "percentile must be in [0, 100], got '150'")
        #expect(specError("smoothed:k=-1") == "k must be a number >= 0, got '-1'")
        #expect(specError("smoothed:window=0") == "window must be an integer >= 1, got '0'")
        #expect(specError("smoothed:top=101") == "top must be in [0, 100], got '101'")
        #expect(specError("smoothed:top_min=0") == "top_min must be an integer >= 1, got '0'")
        #expect(specError("smoothed:min_points=x") == "min_points must be an integer >= 1, got 'x'")
        #expect(specError("smoothed:spread=-2") == "spread must be a number >= 0, got '-2'")
        #expect(specError("smoothed:project=yes") == "project must be true or false, got 'yes'")
        #expect(specError("smoothed:ceiling=-1") == "ceiling must be an integer >= 0, got '-1'")
        #expect(specError("smoothed:alpha=0.5") != nil)  // not a parameter of this pruner
    }

    @Test func prunesAClearlyBadCurveEarly() async throws {
        let pruner = try SmoothedPruner()
        let bad = adding([Double](repeating: 0.1, count: 40), noise(40, sigma: 0.01, seed: 1))
        let pruned = try await replay(pruner, slowWinnersStudy + [bad], direction: .maximize)
        #expect(pruned.prefix(5).allSatisfy { $0 == nil })
        // Below the median and below every winner once the slow winners pass 0.1 + the noise margin.
        let step = try #require(pruned[5])
        #expect(step <= 6)
    }

    @Test func keepsANoisyLateBloomerThatTheMedianPrunerKills() async throws {
        let bloomer = adding(saturating(40, top: 0.95, tau: 14), noise(40, sigma: 0.03, seed: 2))
        let median = try await replay(MedianPruner(), slowWinnersStudy + [bloomer], direction: .maximize)
        // The median of the fast learners is far ahead early: the median pruner stops the bloomer.
        #expect(median[5] != nil)
        // The winners of this study were as slow: smoothed keeps it, and it ends best.
        let smoothed = try await replay(SmoothedPruner(), slowWinnersStudy + [bloomer], direction: .maximize)
        #expect(smoothed[5] == nil)
    }

    @Test func noiseWidensTheBoundSoANoisyPeerSurvives() async throws {
        // Against constant peers at 0.5, a trial averaging 0.47 with noise 0.1 is within its bound...
        let peers = [[Double]](repeating: [Double](repeating: 0.5, count: 20), count: 5)
        let noisy = adding([Double](repeating: 0.47, count: 20), noise(20, sigma: 0.1, seed: 4))
        let pruner = try SmoothedPruner(k: 3, top: 0)
        await #expect(try replay(pruner, peers + [noisy], direction: .maximize)[5] == nil)
        // ... while the same average without noise is pruned at the first check.
        await #expect(try replay(pruner, peers + [[Double](repeating: 0.47, count: 20)], direction: .maximize)[5] == 2)
    }

    @Test func projectionPrunesAPlateauThatCannotReachTheBest() async throws {
        // Flat at 0.7: above the fast learners (so above the winners' envelope), below the best 0.85.
        let flat = [Double](repeating: 0.7, count: 40)
        await #expect(try replay(SmoothedPruner(), slowWinnersStudy + [flat], direction: .maximize)[5] == nil)
        // With the projection, once it has 2 · window values: it does not rise, so it cannot get there.
        await #expect(try replay(SmoothedPruner(project: true), slowWinnersStudy + [flat], direction: .maximize)[5] == 9)
        // A trial still rising fast enough is not pruned by it.
        await #expect(try replay(SmoothedPruner(project: true), slowWinnersStudy + [saturating(40, top: 0.95, tau: 14)], direction: .maximize)[5] == nil)
    }

    @Test func readsTheWinnersFromTheIndexAndWritesNothing() async throws {
        let study = try await makeStudy(SmoothedPruner(), direction: .maximize)
        for curve in slowWinnersStudy + [saturating(40, top: 0.95, tau: 14)] { try await run(curve, in: study) }
        let index = try await index(of: study)
        #expect(index.studyAttributes.isEmpty, "the judge keeps no state of its own")
        let finals = index.winners.compactMap(\.value)
        #expect(!finals.isEmpty && finals == finals.sorted(by: >), "winners are best first")
        #expect(index.winners.first?.number == index.bestTrial?.number)
    }

    @Test func minimizingFlipsTheBound() async throws {
        let peers = [[Double]](repeating: [Double](repeating: 1.0, count: 10), count: 5)
        let pruner = try SmoothedPruner(top: 0)
        await #expect(try replay(pruner, peers + [[Double](repeating: 2.0, count: 10)], direction: .minimize)[5] == 2)
        await #expect(try replay(pruner, peers + [[Double](repeating: 0.5, count: 10)], direction: .minimize)[5] == nil)
    }

    @Test func waitsForStartupTrialsAndWarmup() async throws {
        let peers = [[Double]](repeating: [Double](repeating: 1.0, count: 10), count: 2)
        let bad = [Double](repeating: 0, count: 10)
        // Two complete trials: not enough for the default 5 startup trials.
        await #expect(try replay(SmoothedPruner(top: 0), peers + [bad], direction: .maximize)[2] == nil)
        await #expect(try replay(SmoothedPruner(top: 0, nStartupTrials: 2), peers + [bad], direction: .maximize)[2] == 2)
        await #expect(try replay(SmoothedPruner(top: 0, nStartupTrials: 2, nWarmupSteps: 6), peers + [bad], direction: .maximize)[2] == 6)
    }

    @Test func nanCurves() async throws {
        let peers = [[Double]](repeating: [Double](repeating: 1.0, count: 6), count: 5)
        let pruner = try SmoothedPruner(top: 0)
        // Every value NaN: pruned at the first check; two NaN in a row (diverged): pruned then.
        await #expect(try replay(pruner, peers + [[.nan, .nan, .nan, .nan, .nan, .nan]], direction: .maximize)[5] == 0)
        await #expect(try replay(pruner, peers + [[2, 2, 2, .nan, .nan, 2]], direction: .maximize)[5] == 4)
        // A single NaN is skipped.
        await #expect(try replay(pruner, peers + [[2, 2, .nan, 2, 2, 2]], direction: .maximize)[5] == nil)
    }

    @Test func tiesAtACeilingArePrunedOnceTheBestIsHeld() async throws {
        // Returns capped at 1: three trials climb to the cap and end there; none ever reported more.
        let capped = (0..<20).map { Swift.min(1, 0.2 + 0.1 * Double($0)) }
        let study = [capped, capped, saturating(20, top: 0.6, tau: 3), capped, saturating(20, top: 0.5, tau: 2)]
        // A fourth trial on its way to the cap can at most tie it: the best is already held.
        let pruned = try await replay(SmoothedPruner(), study + [capped], direction: .maximize)
        #expect(pruned[5] == 2)  // as soon as it has min_points values
        // Off, or with fewer ties than asked for, it goes on.
        await #expect(try replay(SmoothedPruner(ceilingTies: 0), study + [capped], direction: .maximize)[5] == nil)
        await #expect(try replay(SmoothedPruner(ceilingTies: 4), study + [capped], direction: .maximize)[5] == nil)
        // A trial that already reported more than the "ceiling" shows it is none.
        let above = capped.enumerated().map { $0.offset == 1 ? 1.2 : $0.element }
        await #expect(try replay(SmoothedPruner(), study + [above], direction: .maximize)[5] == nil)
        // A winner that once reported more than its final value: not a ceiling either.
        let dipped = capped.enumerated().map { $0.offset == 10 ? 1.1 : $0.element }
        await #expect(try replay(SmoothedPruner(), [dipped] + study.dropFirst() + [capped], direction: .maximize)[5] == nil)
    }

    @Test func ceilingTiesForAMinimizedObjective() async throws {
        // Losses floored at 0: three winners end exactly at 0.
        let floored = (0..<20).map { Swift.max(0, 1 - 0.1 * Double($0)) }
        let study = [floored, floored, floored, [Double](repeating: 0.5, count: 20), [Double](repeating: 0.7, count: 20)]
        await #expect(try replay(SmoothedPruner(), study + [floored], direction: .minimize)[5] == 2)
        await #expect(try replay(SmoothedPruner(), study + [floored], direction: .maximize)[5] != 2)
    }
}
