import Foundation
import SweepCore
import Testing

/// The importance page: the parameter that decides the value comes first, both evaluators, and
/// the errors of a study too small or a bad evaluator.
@Suite(.timeLimit(.minutes(10))) struct ImportancePageTests {
    /// 40 complete trials whose value is `x` plus a sliver of `<y>`: x matters, y hardly.
    static func storage() throws -> InMemoryStorage {
        let storage = InMemoryStorage()
        let space = SearchSpace([
            .init(name: "x", distribution: .float(try FloatDistribution(low: 0, high: 1))),
            .init(name: "<y>", distribution: .float(try FloatDistribution(low: 0, high: 1))),
        ])
        let study = try storage.createStudy(StudyConfig(name: "imp", direction: .maximize, space: space))
        var random = SplitMix64(seed: 4)
        for _ in 0..<40 {
            let x = random.nextUnit(), y = random.nextUnit()
            let trial = try storage.createTrial(
                study: study.id,
                draft: TrialDraft(params: ["x": .double(x), "<y>": .double(y)], distributions: space.distributions, started: Date()))
            _ = try storage.finishTrial(trial: trial.id, state: .complete, value: x + 0.01 * y, finished: Date())
        }
        _ = try storage.createStudy(StudyConfig(name: "empty", direction: .minimize))
        return storage
    }

    @Test func theParameterThatMattersComesFirst() async throws {
        try await ServerTests.serving(try Self.storage()) { port in
            for evaluator in ["ped-anova", "fanova"] {
                let page = try await ServerTests.get(port, "/studies/imp/importance?evaluator=\(evaluator)&seed=2")
                #expect(page.status == 200, "\(page.body.prefix(300))")
                let x = try #require(page.body.range(of: "data-param=\"x\""), "\(evaluator)")
                let y = try #require(page.body.range(of: "data-param=\"&lt;y&gt;\""), "the name is escaped")
                #expect(x.lowerBound < y.lowerBound, "x first with \(evaluator)")
                #expect(page.body.contains("\(evaluator) on 40 complete trials"))
            }
            #expect(try await ServerTests.get(port, "/studies/imp/importance").body.contains("ped-anova on 40"), "PED-ANOVA by default")
            #expect(try await ServerTests.get(port, "/studies/imp/importance?evaluator=shap").status == 400)
            #expect(try await ServerTests.get(port, "/studies/empty/importance").status == 404)
            #expect(try await ServerTests.get(port, "/studies/nope/importance").status == 404)
        }
    }
}
