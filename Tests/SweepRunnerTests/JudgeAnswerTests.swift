import SweepCore
import Testing
@testable import SweepRunner

@Suite struct JudgeAnswerTests {
    @Test func readsDecisionReasonAndSuggestions() throws {
        let a = try JudgeAnswer(parsing: #"{"decision": "prune", "reason": "flat since step 10", "suggest": {"lr": 0.01, "layers": 3, "opt": "adam"}}"#)
        #expect(a.prune && a.reason == "flat since step 10")
        #expect(a.suggestions == [["lr": .double(0.01), "layers": .int(3), "opt": .string("adam")]])
        let b = try JudgeAnswer(parsing: #"{"decision": "Continue", "suggest": [{"lr": 0.1}, {"lr": 0.2}]}"#)
        #expect(!b.prune && b.reason == nil && b.suggestions.count == 2)
    }

    @Test func takesTheLastJSONLineAfterOtherOutput() throws {
        let a = try JudgeAnswer(parsing: "thinking...\nstill thinking\n{\"decision\": \"continue\"}\n")
        #expect(!a.prune)
    }

    @Test(arguments: [
        ("", "printed nothing"),
        ("I think it should stop", "no JSON object"),
        (#"{"verdict": "prune"}"#, "no \"decision\""),
        (#"{"decision": "maybe"}"#, "expected \"prune\" or \"continue\""),
        (#"{"decision": "prune", "reason": 3}"#, "\"reason\" must be a string"),
        (#"{"decision": "prune", "suggest": 5}"#, "\"suggest\" must be"),
        (#"{"decision": "prune", "suggest": {"lr": [1, 2]}}"#, "'lr' must be a number"),
    ])
    func garbageIsRefusedWithAReason(output: String, message: String) {
        #expect {
            try JudgeAnswer(parsing: output)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
