import Foundation
import SweepCore
import Testing
@testable import SweepRunner

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct HumanJudgeTests {
    /// Runs one decision with `typed` waiting on the judge's input; returns it and what was shown.
    private func judge(typing typed: String?, spec: String = "human:timeout=0.5") throws -> (PruneDecision, String) {
        var input: [Int32] = [0, 0]
        var output: [Int32] = [0, 0]
        #expect(pipe(&input) == 0 && pipe(&output) == 0)
        defer { for fd in input + output { close(fd) } }
        if let typed { _ = Array(typed.utf8).withUnsafeBytes { write(input[1], $0.baseAddress, $0.count) } }
        let judge = try HumanJudge(spec: try Spec(parsing: spec), terminal: .descriptors(input: input[0], output: output[1]))
        let index = StudyIndex(name: "s", direction: .maximize, objective: "value")
        var trial = TrialProgress(number: 4, params: ["lr": .double(0.1)])
        trial.record(step: 0, value: 0.3)
        let decision = judge.decide(trial, in: index)
        var shown = [UInt8](repeating: 0, count: 65_536)
        _ = fcntl(output[0], F_SETFL, O_NONBLOCK)
        let n = read(output[0], &shown, shown.count)
        return (decision, String(decoding: shown.prefix(max(0, n)), as: UTF8.self))
    }

    @Test func aPersonPrunesWithAReason() throws {
        let (decision, shown) = try judge(typing: "p the loss exploded\n")
        #expect(decision.prune && decision.reason == "the loss exploded")
        #expect(decision.notes == ["human judge at step 0: prune — the loss exploded"])
        #expect(shown.contains("# Should trial 4 of study \"s\" go on?"))
        #expect(shown.contains("prune or continue?"))
    }

    @Test func continueAndAnEmptyLineGoOn() throws {
        #expect(try judge(typing: "c\n").0.prune == false)
        #expect(try judge(typing: "\n").0.prune == false)
    }

    @Test func noAnswerInTimeCountsAsContinue() throws {
        let (decision, shown) = try judge(typing: nil, spec: "human:timeout=0.2")
        #expect(decision.prune == false)
        #expect(decision.notes == ["human judge at step 0: no answer in time, counted as continue"])
        #expect(shown.contains("(no answer: continue)"))
    }

    @Test func anAnswerNotUnderstoodCountsAsContinue() throws {
        let (decision, _) = try judge(typing: "maybe later\n")
        #expect(decision.prune == false)
        #expect(decision.notes == ["human judge at step 0: answer 'maybe later' not understood, counted as continue"])
    }

    @Test func onlyCheckpointsAsk() throws {
        let judge = try HumanJudge(spec: try Spec(parsing: "human:n_warmup_steps=5,timeout=0.1"), terminal: .descriptors(input: -1, output: -1))
        var trial = TrialProgress(number: 0)
        trial.record(step: 2, value: 1)
        #expect(judge.decide(trial, in: StudyIndex(name: "s", direction: .maximize, objective: "value")) == .keepGoing)
    }
}
