import Foundation
import SweepCore
import Testing
@testable import SweepRunner

@Suite struct CommandJudgeTests {
    /// A study over x in [0, 1] judged by `pruner`, with two trials completed at about 0.8.
    private func study(pruner: String) async throws -> Study {
        let space = SearchSpace([.init(name: "x", distribution: .float(try FloatDistribution(low: 0, high: 1)))])
        let study = try await StudyOpener.create(
            StudyConfig(name: "judged", direction: .maximize, sampler: "random", pruner: "nop", space: space),
            storage: InMemoryStorage())
        for value in [0.8, 0.7] {
            let t = try await study.ask()
            for step in 0..<3 { try await study.report(trial: t.number, step: step, value: value) }
            try await study.tell(trial: t.number, state: .complete, value: value)
        }
        study.pruner = try Components.pruner(parsing: pruner)
        return study
    }

    private func notes(_ study: Study, _ number: Int) async throws -> [String] {
        try await study.storage.trial(study: study.record.id, number: number).notes.map(\.text)
    }

    @Test func aScriptJudgePrunesWithItsReasonAndSuggestsTheNextTrial() async throws {
        let dir = try ScratchDirectory()
        let judge = try dir.script("judge.py", """
            import json, sys
            brief = json.load(sys.stdin)
            value = brief["curve"]["values"][-1]
            best = max(p["values"][-1] for p in brief["peers"])
            if value < best / 2:
                print(json.dumps({"decision": "prune", "reason": f"{value} is under half of {best}", "suggest": {"x": 0.5}}))
            else:
                print(json.dumps({"decision": "continue", "reason": "keeping up"}))
            """)
        let study = try await study(pruner: "command:format=json,interval_steps=2,run=python3 \(judge)")
        let t = try await study.ask()
        try await study.report(trial: t.number, step: 0, value: 0.6)
        #expect(try await study.shouldPrune(trial: t.number).prune == false)
        try await study.report(trial: t.number, step: 1, value: 0.1)
        #expect(try await study.shouldPrune(trial: t.number).prune == false, "step 1 is not a checkpoint")
        try await study.report(trial: t.number, step: 2, value: 0.1)
        let decision = try await study.shouldPrune(trial: t.number)
        #expect(decision.prune)
        try await study.tell(trial: t.number, state: .pruned)
        let stored = try await study.storage.trial(id: t.id)
        #expect(stored.userAttributes["prune_reason"] == .string("0.1 is under half of 0.8"))
        let log = try await notes(study, t.number)
        #expect(log.first == "judge at step 0: continue — keeping up")
        #expect(log.contains("judge at step 2: prune — 0.1 is under half of 0.8"))
        #expect(log.contains("suggested trial 3 queued: x=0.5"))
        let next = try await study.ask()
        #expect(next.number == 3 && next.params == ["x": .double(0.5)])
    }

    /// The judge sleeps 1,000 s: the note says it was not waited for, and the time limit fails a
    /// test that waited.
    @Test(.timeLimit(.minutes(10))) func aHangingJudgeCountsAsContinueAndIsLogged() async throws {
        let study = try await study(pruner: "command:timeout=0.3,run=sleep 1000")
        let t = try await study.ask()
        try await study.report(trial: t.number, step: 0, value: 0.1)
        #expect(try await study.shouldPrune(trial: t.number).prune == false)
        await #expect(try notes(study, t.number) == ["judge at step 0: counted as continue because it did not answer in time"])
    }

    @Test func aGarbageAnswerCountsAsContinueAndIsLogged() async throws {
        let study = try await study(pruner: "command:run=echo the curve looks bad, stop it")
        let t = try await study.ask()
        try await study.report(trial: t.number, step: 0, value: 0.1)
        #expect(try await study.shouldPrune(trial: t.number).prune == false)
        let log = try await notes(study, t.number)
        #expect(log.count == 1 && log[0].contains("counted as continue because no JSON object in the output"))
    }

    @Test func aFailingJudgeCountsAsContinueAndIsLogged() async throws {
        let study = try await study(pruner: "command:run=echo model unavailable >&2; exit 2")
        let t = try await study.ask()
        try await study.report(trial: t.number, step: 0, value: 0.1)
        #expect(try await study.shouldPrune(trial: t.number).prune == false)
        await #expect(try notes(study, t.number) == [
            "judge at step 0: counted as continue because it exited with status 2: model unavailable"
        ])
    }

    @Test func theMarkdownBriefShowsTheTrialBesideTheBest() async throws {
        let dir = try ScratchDirectory()
        let brief = dir.url.appendingPathComponent("brief.md").path
        let study = try await study(pruner: "command:with_best=2,run=cat > '\(brief)'; echo '{\"decision\": \"continue\"}'")
        let t = try await study.ask()
        try await study.report(trial: t.number, step: 0, value: 0.25)
        _ = try await study.shouldPrune(trial: t.number)
        let text = try String(contentsOfFile: brief, encoding: .utf8)
        #expect(text.contains("# Should trial 2 of study \"judged\" go on?"))
        #expect(text.contains("Objective: value, to maximize. Checkpoint: step 0 of about 2"))
        #expect(text.contains("trial 0") && text.contains("trial 1"))
        #expect(text.contains("Answer with one JSON object on one line"))
    }

    @Test(arguments: [
        ("command", "needs run=PROGRAM"),
        ("command:timeout=0,run=x", "timeout must be"),
        ("command:format=yaml,run=x", "format must be markdown or json"),
        ("command:wait=3,run=x", "unknown parameter 'wait'"),
        ("oracle", "expected one of: nop, median"),
    ])
    func badSpecsSayWhatIsExpected(spec: String, message: String) {
        #expect {
            try Components.pruner(parsing: spec)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
