import Foundation
import SweepCore
import Synchronization
import Testing
@testable import SweepRunner

@Suite struct CommandSamplerTests {
    private let space = SearchSpace([
        .init(name: "x", distribution: .float(try! FloatDistribution(low: 0, high: 1))),
        .init(name: "n", distribution: .int(try! IntDistribution(low: 1, high: 8))),
    ])

    /// What the sampler reported.
    final class Problems: Sendable {
        let said = Mutex<[String]>([])
        func append(_ message: String) { said.withLock { $0.append(message) } }
        var all: [String] { said.withLock { $0 } }
    }

    private func sampler(_ run: String, problems: Problems = Problems()) throws -> CommandSampler {
        try CommandSampler(
            spec: try Spec(parsing: "command:timeout=5,run=\(run)"),
            fallback: { name throws(SweepError) in try Components.sampler(parsing: name, seed: 1) },
            report: { message in problems.append(message) })
    }

    @Test func theProgramSeesTheHistoryAndProposes() throws {
        let dir = try ScratchDirectory()
        let script = try dir.script("propose.py", """
            import json, sys
            h = json.load(sys.stdin)
            assert h["space"]["x"]["type"] == "float" and h["space"]["n"]["high"] == 8
            done = [t for t in h["trials"] if t["state"] == "complete"]
            print(json.dumps({"params": {"x": 0.25 + 0.25 * len(done), "n": 2}}))
            """)
        let index = StudyIndex(name: "s", direction: .maximize, objective: "value")
        let params = try sampler("python3 \(script)").sample(space, trialNumber: 0, seed: 9, study: index)
        #expect(params == ["x": .double(0.25), "n": .int(2)])
    }

    @Test func missingOrOutOfRangeValuesComeFromTheFallback() throws {
        let problems = Problems()
        let index = StudyIndex(name: "s", direction: .maximize, objective: "value")
        let params = try sampler(#"echo '{"x": 3, "lr": 1}'"#, problems: problems)
            .sample(space, trialNumber: 0, seed: 9, study: index)
        #expect(params.keys.sorted() == ["n", "x"])
        let x = try #require(params["x"]?.doubleValue)
        #expect(x >= 0 && x <= 1)
        let said = problems.all
        #expect(said.contains { $0.contains("x=3 is outside") })
        #expect(said.contains { $0.contains("does not have: lr") })
    }

    @Test func aFailingProgramFallsBackForEverything() throws {
        let problems = Problems()
        let index = StudyIndex(name: "s", direction: .maximize, objective: "value")
        let params = try sampler("exit 1", problems: problems).sample(space, trialNumber: 3, seed: 9, study: index)
        #expect(params.count == 2)
        #expect(problems.all.first?.hasPrefix("command sampler, trial 3: it exited with status 1") == true)
    }

    @Test func badSpecs() {
        #expect(throws: SweepError.self) { try Components.sampler(parsing: "command:timeout=5", seed: 0) }
        #expect(throws: SweepError.self) { try Components.sampler(parsing: "command:fallback=command,run=x", seed: 0) }
        #expect(throws: SweepError.self) { try Components.sampler(parsing: "command:fallback=nope,run=x", seed: 0) }
    }
}
