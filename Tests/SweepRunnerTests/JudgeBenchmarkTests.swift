import SweepCore
import SweepCurves
import SweepPruners
import Testing
@testable import SweepRunner

@Suite struct JudgeBenchmarkTests {
    /// A study whose best trial is a late bloomer: low for 15 steps, then the highest.
    private func study(_ name: String, trials: Int = 20) -> JudgeBenchmark.StudyCurves {
        var records: [CurveRecord] = []
        for i in 0..<trials {
            let level = Double(i % 5) * 0.1
            var curve = (0..<20).map { level + Double($0) * 0.001 }
            if i == 7 { curve = (0..<20).map { $0 < 15 ? 0.0 : 1.0 } }
            records.append(CurveRecord(id: "\(name)-\(i)", curve: curve))
        }
        return JudgeBenchmark.StudyCurves(name: name, records: records, direction: .maximize)
    }

    @Test func ordersAreTheFileOrderThenSeededShuffles() {
        let bench = JudgeBenchmark(studies: [study("a"), study("b")], shuffles: 3, seed: 9)
        let orders = bench.orders(ofStudy: 0)
        #expect(orders.count == 4)
        #expect(orders[0] == Array(0..<20))
        for order in orders { #expect(order.sorted() == Array(0..<20)) }
        #expect(Set(orders).count == 4, "shuffles differ from each other and from the file order")
        #expect(bench.orders(ofStudy: 0) == orders, "the same seed gives the same orders")
        #expect(bench.orders(ofStudy: 1) != orders, "each study gets its own orders")
        let alone = JudgeBenchmark(studies: [study("b")], shuffles: 3, seed: 9)
        #expect(alone.orders(ofStudy: 0) == bench.orders(ofStudy: 1), "a study alone is shuffled as in a run of many")
        let elsewhere = JudgeBenchmark(studies: [study("dir/b")], shuffles: 3, seed: 9)
        #expect(elsewhere.orders(ofStudy: 0) == alone.orders(ofStudy: 0), "only the file name counts")
    }

    @Test func scoresEveryJudgeOverEveryReplay() async throws {
        let bench = JudgeBenchmark(studies: [study("a"), study("b")], shuffles: 4, seed: 1)
        let judges = try ["nop", "median", "median:n_warmup_steps=16"].map {
            JudgeBenchmark.Judge(spec: $0, pruner: try Pruners.make(parsing: $0))
        }
        let scores = try await bench.run(judges)
        #expect(scores.map(\.pruner) == ["nop", "median", "median:n_warmup_steps=16"])
        #expect(scores.allSatisfy { $0.replays == 10 })
        #expect(scores[0].stepsUsedFraction == 1 && scores[0].bestKeptRate == 1 && scores[0].normalizedRegret == 0)
        #expect(scores[1].stepsUsedFraction < 1)
        #expect(scores[1].bestKeptRate < 1, "the median pruner kills the late bloomer in some orders")
        #expect(scores[2].bestKeptRate == 1, "waiting past step 15 keeps it")
        #expect(scores[2].stepsUsedFraction < 1)
        #expect(!scores[0].pareto, "keeping everything is dominated by pruning late")
        #expect(scores[1].pareto && scores[2].pareto)
        // The same replays sequentially give the same score: the parallel run loses nothing.
        var sequential: [ReplayResult] = []
        for s in bench.studies.indices {
            for order in bench.orders(ofStudy: s) {
                await sequential.append(try Replay.run(order.map { bench.studies[s].records[$0] },
                    pruner: judges[1].pruner, spec: "median", direction: .maximize))
            }
        }
        let expected = JudgeScore(pruner: "median", replays: sequential)
        #expect(expected.stepsUsedFraction == scores[1].stepsUsedFraction)
        #expect(expected.bestKeptRate == scores[1].bestKeptRate)
    }
}
