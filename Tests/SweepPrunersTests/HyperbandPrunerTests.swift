import SweepCore
import SweepPruners
import Testing

@Suite struct HyperbandPrunerTests {
    typealias Brackets = HyperbandPruner.Brackets

    @Test func bracketsAndBudgetsAreOptunas() {
        let b = Brackets(minResource: 1, maxResource: 9, reductionFactor: 3)
        #expect(b.budgets == [9, 5, 3] && b.totalBudget == 17)
        // log(243) / log(3) is 4.999… in floating point: Optuna makes 5 brackets, not 6, and so do we.
        #expect(Brackets(minResource: 1, maxResource: 243, reductionFactor: 3).budgets == [81, 34, 15, 8, 5])
        #expect(Brackets(minResource: 1, maxResource: 100, reductionFactor: 2).budgets == [64, 38, 23, 14, 10, 7, 7])
        #expect(Brackets(minResource: 3, maxResource: 2, reductionFactor: 3).count == 0)
    }

    @Test func bracketsComeFromTheStudyNameAndTrialNumber() {
        let b = Brackets(minResource: 1, maxResource: 9, reductionFactor: 3)
        // binascii.crc32(f"demo_{n}".encode()) % 17, walked through the budgets, as Optuna does.
        #expect((0..<12).map { b.bracket(studyName: "demo", trialNumber: $0) } == [0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 2, 1])
        #expect(Brackets(minResource: 3, maxResource: 2, reductionFactor: 3).bracket(studyName: "demo", trialNumber: 0) == nil)
    }

    @Test func rungAttributesAreScopedByBracket() async throws {
        let pruner = try HyperbandPruner(minResource: 1, maxResource: .steps(9), reductionFactor: 3)
        let study = try await makeStudy(pruner, name: "demo")
        for _ in 0..<12 { await #expect(try run([Double](repeating: 1, count: 10), in: study) == nil) }
        let trials = try await study.trials()
        // Bracket b's first rung is at 3^b.
        #expect(trials[0].systemAttributes.keys.sorted() == (0...2).map { "hyperband_bracket_0_completed_rung_\($0)" })
        #expect(trials[7].systemAttributes.keys.sorted() == (0...1).map { "hyperband_bracket_1_completed_rung_\($0)" })
        #expect(trials[9].systemAttributes.keys.sorted() == ["hyperband_bracket_2_completed_rung_0"])
        let index = try await index(of: study)
        #expect(index.attributes["hyperband_bracket_1_completed_rung_0"]?.count == 2)
        #expect(index.attributes["hyperband_bracket_2_completed_rung_0"]?.count == 2)
    }

    @Test func trialsCompeteWithinTheirBracket() async throws {
        let pruner = try HyperbandPruner(minResource: 1, maxResource: .steps(9), reductionFactor: 3)
        // Trials 0-6 are in bracket 0, trial 7 in bracket 1: alone there, it is promoted however bad.
        var curves = [[Double]](repeating: [Double](repeating: 1, count: 4), count: 7)
        curves.append([Double](repeating: 100, count: 4))
        let pruned = try await replay(pruner, curves, name: "demo")
        #expect(pruned[7] == nil)
        // The same value in bracket 0 (trial 8) is pruned at its first rung.
        await #expect(try replay(pruner, curves + [[Double](repeating: 100, count: 4)], name: "demo").last == 1)
    }

    @Test func autoMaxResourceIsFixedByTheFirstCompleteTrial() async throws {
        let study = try await makeStudy(try HyperbandPruner(), name: "demo")
        await #expect(try run([Double](repeating: 1, count: 10), in: study) == nil)
        #expect(try await study.trials()[0].systemAttributes.isEmpty)
        try await run([Double](repeating: 1, count: 30), in: study)
        try await run([Double](repeating: 1, count: 5), in: study)
        await #expect(try index(of: study).studyAttributes[HyperbandPruner.maxResourceKey] == .number(10))
    }

    @Test func maxResourceBelowMinResourceNeverPrunes() async throws {
        let pruner = try HyperbandPruner(minResource: 5, maxResource: .steps(3))
        await #expect(try replay(pruner, [[Double](repeating: 1, count: 10), [Double](repeating: 9, count: 10)]) == [nil, nil])
    }

    @Test func specs() throws {
        let p = try #require(try Pruners.make(parsing: "hyperband") as? HyperbandPruner)
        #expect(p.minResource == 1 && p.maxResource == .auto && p.reductionFactor == 3 && p.bootstrapCount == 0)
        let q = try #require(try Pruners.make(parsing: "hyperband:max_resource=27,bootstrap_count=2") as? HyperbandPruner)
        #expect(q.maxResource == .steps(27) && q.bootstrapCount == 2)
        #expect(specError("hyperband:max_resource=0") == "max_resource must be 'auto' or an integer >= 1, got '0'")
        #expect(specError("hyperband:min_resource=auto") == "min_resource must be an integer >= 1, got 'auto'")
        #expect(specError("hyperband:reduction_factor=1") == "reduction_factor must be an integer >= 2, got '1'")
        #expect(
            specError("hyperband:bootstrap_count=1")
                == "bootstrap_count > 0 needs a fixed max_resource (an integer >= 1), got max_resource=auto and bootstrap_count=1")
    }
}
