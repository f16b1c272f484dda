import Foundation
import SweepCore
import Testing

/// `TrialValue`: how a trial's value comes from its objective curve.
@Suite struct TrialValueTests {
    func curve(_ values: [Double], steps: [Int]? = nil) -> MetricCurve {
        MetricCurve(steps: steps ?? Array(values.indices), values: values)
    }

    @Test func spellingsReadAndPrintTheSame() throws {
        for text in ["last", "best", "auc", "mean_last:1", "mean_last:10"] {
            #expect(try TrialValue(parsing: text).description == text)
        }
        #expect(try TrialValue(parsing: "mean_last:5") == .meanLast(5))
    }

    @Test(arguments: ["", "mean", "mean_last", "mean_last:", "mean_last:0", "mean_last:-3", "mean_last:2.5", "Last", "median"])
    func badSpellingsSayWhatIsExpected(_ text: String) {
        #expect {
            try TrialValue(parsing: text)
        } throws: { error in
            "\(error)".contains("mean_last") && "\(error)".contains("'\(text)'")
        }
    }

    @Test func eachRuleOnANoisyCurve() {
        let c = curve([0.1, 0.9, 0.2, 0.5, 0.3])
        #expect(TrialValue.last.value(of: c, direction: .maximize) == 0.3)
        #expect(abs(TrialValue.meanLast(3).value(of: c, direction: .maximize)! - (0.2 + 0.5 + 0.3) / 3) < 1e-12)
        #expect(abs(TrialValue.meanLast(50).value(of: c, direction: .maximize)! - 2.0 / 5) < 1e-12, "K beyond the curve: all of it")
        #expect(TrialValue.best.value(of: c, direction: .maximize) == 0.9)
        #expect(TrialValue.best.value(of: c, direction: .minimize) == 0.1)
        // Trapezoids over steps 0..4: (0.5 + 0.55 + 0.35 + 0.4) / 4.
        #expect(abs(TrialValue.auc.value(of: c, direction: .maximize)! - 0.45) < 1e-12)
        for rule in [TrialValue.last, .meanLast(2), .best, .auc] {
            #expect(rule.value(of: MetricCurve(), direction: .maximize) == nil, "\(rule): no report, no value")
        }
    }

    @Test func stepsCountNotReportOrder() {
        // Reported out of order, with a gap: the last steps are 10 and 30, and the area weighs the gap.
        let c = curve([4, 1, 2], steps: [30, 0, 10])
        #expect(TrialValue.last.value(of: c, direction: .maximize) == 4)
        #expect(TrialValue.meanLast(2).value(of: c, direction: .maximize) == 3)
        // (0..10: mean 1.5) × 10/30 + (10..30: mean 3) × 20/30 = 0.5 + 2.
        #expect(abs(TrialValue.auc.value(of: c, direction: .maximize)! - 2.5) < 1e-12)
    }

    @Test func nanIsSkippedAndHugeValuesDoNotOverflow() {
        let c = curve([1, .nan, 3, .nan])
        #expect(TrialValue.meanLast(3).value(of: c, direction: .maximize) == 3, "NaN reports are skipped")
        #expect(TrialValue.best.value(of: c, direction: .minimize) == 1)
        #expect(TrialValue.meanLast(2).value(of: curve([.nan, .nan]), direction: .maximize)!.isNaN, "only NaN: NaN")
        #expect(TrialValue.best.value(of: curve([.nan]), direction: .maximize)!.isNaN)
        let huge = curve([1e308, 1e308, 1e308])
        #expect(TrialValue.meanLast(3).value(of: huge, direction: .maximize) == 1e308)
        #expect(TrialValue.auc.value(of: huge, direction: .maximize) == 1e308)
        let swing = curve([-1e308, 1e308])
        #expect(TrialValue.meanLast(2).value(of: swing, direction: .maximize) == 0)
        #expect(TrialValue.auc.value(of: swing, direction: .maximize) == 0)
        #expect(TrialValue.auc.value(of: curve([7], steps: [-5]), direction: .maximize) == 7, "one point: its value")
        #expect(TrialValue.best.value(of: curve([-.infinity, -3]), direction: .maximize) == -3)
    }

    @Test func aConfigStoredBeforeTheRuleReadsAsLast() throws {
        var config = StudyConfig(name: "s", value: .meanLast(4))
        let data = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(StudyConfig.self, from: data) == config)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["value"] as? String == "mean_last:4")
        object["value"] = nil
        config = try JSONDecoder().decode(StudyConfig.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(config.value == .last)
        object["value"] = "mean_last:0"
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(StudyConfig.self, from: try JSONSerialization.data(withJSONObject: object))
        }
    }

    @Test func aStudyTellsTheRulesValue() async throws {
        let study = try await Study.create(
            StudyConfig(name: "s", sampler: "none", pruner: "nop", value: .meanLast(2)), storage: InMemoryStorage(),
            sampler: MidpointSampler(), pruner: BelowPruner(threshold: -1))
        let trial = try await study.ask()
        for (step, v) in [0.2, 0.9, 0.4, 0.6].enumerated() { try await study.report(trial: trial.number, step: step, value: v) }
        let end = try await study.tell(trial: trial.number, state: .complete)
        #expect(end.value == 0.5, "the mean of the last two reports")
        #expect(try await study.bestTrial()?.value == 0.5)
        let given = try await study.ask()
        try await study.report(trial: given.number, step: 0, value: 0.1)
        #expect(try await study.tell(trial: given.number, state: .complete, value: 0.7).value == 0.7, "a given value is kept")
        let pruned = try await study.ask()
        for (step, v) in [0.3, 0.1].enumerated() { try await study.report(trial: pruned.number, step: step, value: v) }
        #expect(try await study.tell(trial: pruned.number, state: .pruned).value == 0.2, "a pruned trial by the rule too")
        let silent = try await study.ask()
        await #expect(throws: SweepError.self, "no value and no report") {
            try await study.tell(trial: silent.number, state: .complete)
        }
    }
}
