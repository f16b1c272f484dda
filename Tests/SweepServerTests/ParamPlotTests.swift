import Foundation
import SweepCore
import Testing

@testable import SweepServer

/// The study page's parameter plots: a slice plot per parameter and parallel coordinates, drawn
/// on the server from the complete trials, axes fitted to each parameter's kind.
@Suite(.timeLimit(.minutes(10))) struct ParamPlotTests {
    @Test func theStudyPageDrawsASlicePerParameterAndParallelCoordinates() async throws {
        try await ServerTests.serving(try HostileStudy.storage()) { port in
            let reply = try await ServerTests.get(port, "/studies/\(HostileStudy.path)")
            #expect(reply.status == 200)
            let body = reply.body
            #expect(!body.contains("<script>alert(1)") && !body.contains("<b>sgd"), "names and values are text")
            let slices = body.components(separatedBy: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"slice\" data-param=\"").dropFirst()
            #expect(slices.map { String($0.prefix { $0 != "\"" }) } == ["lr", "layers", "opt", "dropout"], "the space's order")
            for slice in slices {
                let svg = slice.components(separatedBy: "</svg>")[0]
                // Complete trials 0, 1, 2 and 4; the best (4) last, in red.
                #expect(svg.components(separatedBy: "<circle").count - 1 == 4, "\(svg)")
                #expect(svg.contains("<circle data-trial=\"4\"") && svg.contains("fill=\"#c01c28\""))
                #expect(!svg.contains("data-trial=\"3\"") && !svg.contains("data-trial=\"6\""), "pruned and running trials are not drawn")
            }
            #expect(body.contains("<figcaption>lr <span class=\"muted\">(log)</span></figcaption>"))
            let lr = String(slices.first ?? "")
            #expect(lr.contains(">0.001</text>") && lr.contains(">0.1</text>"), "powers of ten on a log axis")
            let opt = String(slices.dropFirst(2).first ?? "")
            #expect(opt.contains(">&lt;b&gt;sgd&lt;/b&gt;</text>") && opt.contains(">adam</text>") && opt.contains(">rmsprop</text>"), "categories by name")
            let parallel = body.components(separatedBy: "id=\"parallel\"").last?.components(separatedBy: "</svg>").first ?? ""
            #expect(parallel.components(separatedBy: "<path data-trial").count - 1 == 4, "a line per complete trial")
            #expect(parallel.components(separatedBy: "<text class=\"axis\"").count - 1 == 5, "an axis per parameter and the objective")
            #expect(parallel.contains("<title>lr (log)</title>") && parallel.contains("<title>reward</title>"))
            #expect(body.contains("darker is better (higher reward)") && !body.contains("id=\"params-drawn\""), "every trial drawn: no cap note")
        }
    }

    /// A large study draws an even sample of its complete trials and says so; the page stays small.
    @Test func manyTrialsAreSampledAndThePageSaysSo() async throws {
        let storage = InMemoryStorage()
        let space = SearchSpace([.init(name: "x", distribution: .float(try FloatDistribution(low: 0, high: 10)))])
        let study = try storage.createStudy(StudyConfig(name: "big", direction: .minimize, objective: "loss", space: space))
        for i in 0..<2_500 {
            let x = Double(i % 100) / 10
            let trial = try storage.createTrial(study: study.id, draft: TrialDraft(params: ["x": .double(x)], started: Date()))
            _ = try storage.report(trial: trial.id, step: 0, metrics: ["loss": (x - 3) * (x - 3)])
            _ = try storage.finishTrial(trial: trial.id, state: .complete, value: (x - 3) * (x - 3) + Double(i) * 1e-6, finished: Date())
        }
        try await ServerTests.serving(storage) { port in
            let clock = ContinuousClock()
            var reply: ServerTests.Reply?
            let took = try await clock.measure { reply = try await ServerTests.get(port, "/studies/big") }
            let body = reply?.body ?? ""
            #expect(body.contains("<p class=\"muted\" id=\"params-drawn\">Drawn: 834 of the 2500 complete trials"), "\(body.prefix(3000))")
            let slice = body.components(separatedBy: "class=\"slice\"").last?.components(separatedBy: "</svg>").first ?? ""
            #expect(slice.components(separatedBy: "<circle").count - 1 == 834)
            #expect(body.contains("<circle data-trial=\"30\""), "the best (x = 3, the first such trial) is drawn")
            print("study page of 2,500 trials: \(body.utf8.count) bytes in \(took)")
        }
    }

    @Test func axesFitEachKindOfParameter() throws {
        let log = ParamAxis.of(.float(try FloatDistribution(low: 0.0001, high: 1, log: true)), values: [.double(0.01)])
        #expect(log.ticks().map(\.label) == ["0.0001", "0.001", "0.01", "0.1", "1"])
        #expect(abs((log.position(.double(0.01)) ?? 0) - 0.5) < 1e-12, "0.01 is halfway between 1e-4 and 1 on a log axis")
        let linear = ParamAxis.of(.float(try FloatDistribution(low: 0, high: 0.5)), values: [.double(0.3)])
        #expect(linear.ticks().map(\.label) == ["0", "0.1", "0.2", "0.3", "0.4", "0.5"])
        let dropout = ParamAxis.of(.float(try FloatDistribution(low: 0, high: 0.6)), values: [.double(0.3)])
        #expect(dropout.ticks().map(\.label) == ["0", "0.2", "0.4", "0.6"], "the last round value is kept though 0.6 / 0.2 < 3")
        let int = ParamAxis.of(.int(try IntDistribution(low: 1, high: 8)), values: [.int(4)])
        #expect(int.ticks().map(\.label) == ["2", "4", "6", "8"])
        let choices = ParamAxis.of(.categorical(try CategoricalDistribution([.string("a"), .string("b")])), values: [.string("c")])
        #expect(choices.ticks().map(\.label) == ["a", "b", "c"], "the distribution's choices, then values outside it")
        #expect(choices.position(.string("b")) == 0.5)
        let huge = ParamAxis.of(nil, values: [.double(-1e308), .double(1e308)])
        #expect(huge.position(.double(0)) == 0.5 && huge.ticks().allSatisfy { !$0.label.contains("inf") }, "no overflow near ±1e308")
        let one = ParamAxis.of(nil, values: [.double(2), .double(2)])
        #expect(abs((one.position(.double(2)) ?? 0) - 0.5) < 1e-12, "a single value sits in the middle")
        #expect(one.ticks().map(\.label) == ["1.8", "1.9", "2", "2.1", "2.2"], "labels near the value")
        #expect(ParamPlots.fitted("learning_rate_schedule", 8) == "learnin…")
    }
}
