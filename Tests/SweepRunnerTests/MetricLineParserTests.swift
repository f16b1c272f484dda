import Testing

@testable import SweepRunner

@Suite struct MetricLineParserTests {
    @Test func readsAFlatObjectOfNumbers() {
        var p = MetricLineParser()
        #expect(p.parse(#"{"step": 12, "reward": 0.41, "loss": 1.9e-3}"#) == .metrics(step: 12, values: ["reward": 0.41, "loss": 0.0019]))
    }

    @Test func nullAndNaNStringsAreNaN() {
        var p = MetricLineParser()
        guard case .metrics(_, let values) = p.parse(#"{"step": 0, "a": null, "b": "nan", "c": -Infinity}"#) else {
            Issue.record("not metrics")
            return
        }
        #expect(values["a"]?.isNaN == true)
        #expect(values["b"]?.isNaN == true)
        #expect(values["c"] == -.infinity)
    }

    @Test func aMissingStepFollowsTheLastOne() {
        var p = MetricLineParser()
        #expect(p.parse(#"{"loss": 1}"#) == .metrics(step: 0, values: ["loss": 1]))
        #expect(p.parse(#"{"step": 5, "loss": 1}"#) == .metrics(step: 5, values: ["loss": 1]))
        #expect(p.parse(#"{"loss": 2}"#) == .metrics(step: 6, values: ["loss": 2]))
    }

    @Test func stringsBooleansAndNestedValuesAreIgnored() {
        var p = MetricLineParser()
        #expect(p.parse(#"{"step": 1, "phase": "train", "ok": true, "hist": [1, 2, {"a": "]"}], "r": 3}"#) == .metrics(step: 1, values: ["r": 3]))
    }

    @Test func otherLinesAreLog() {
        var p = MetricLineParser()
        #expect(p.parse("epoch 3 done") == .log)
        #expect(p.parse("") == .log)
        #expect(p.parse("[1, 2]") == .log)
    }

    @Test(arguments: [
        #"{"step": 1, "r": }"#, #"{"step": -1, "r": 1}"#, #"{"step": 1.5, "r": 1}"#, #"{"step": "one", "r": 1}"#,
        #"{"step": 1, "r": 1} trailing"#, #"{"step": 1, "r": 1"#, #"{step: 1}"#, #"{"r": 1e}"#, #"{"r": nul}"#,
    ])
    func malformedLinesAreCountedNotFatal(line: String) {
        var p = MetricLineParser()
        guard case .malformed = p.parse(Substring(line)) else {
            Issue.record("\(line) should be malformed")
            return
        }
        #expect(p.malformedCount == 1)
    }

    @Test func escapedKeysAreDecoded() {
        var p = MetricLineParser()
        #expect(p.parse(#"{"step": 0, "a\"b": 2}"#) == .metrics(step: 0, values: ["a\"b": 2]))
    }

    /// The reason used to be left in the log only; the parser now keeps the first refusal.
    @Test func theFirstRefusalIsKeptWithItsLineNumber() {
        var p = MetricLineParser()
        _ = p.parse("epoch 1")
        _ = p.parse(#"{"step": 0, "value": 1}"#)
        _ = p.parse(#"{"step": -1, "value": 1}"#)
        _ = p.parse(#"{"step": "3", "value": 1}"#)
        #expect(p.firstRefusal == .init(line: 3, reason: #""step" must be a non-negative integer, got -1"#))
        #expect(p.refusalSummary == #"2 metric lines were refused, the first at line 3: "step" must be a non-negative integer, got -1"#)
    }

    @Test func aStringStepIsQuotedInTheReason() {
        var p = MetricLineParser()
        #expect(p.parse(#"{"step": "3", "value": 1}"#) == .malformed(#""step" must be a non-negative integer, got "3""#))
        #expect(p.parse(#"{"step": true}"#) == .malformed(#""step" must be a non-negative integer, got true"#))
    }

    @Test func aCutLineThatLooksLikeMetricsIsRefused() {
        var p = MetricLineParser()
        p.skip(Array("plain text".utf8)[...], length: 5_000_000)
        #expect(p.refusalSummary == nil)
        p.skip(Array(#" {"step": 1"#.utf8)[...], length: 5_000_000)
        #expect(p.firstRefusal?.line == 2)
        #expect(p.malformedCount == 1)
    }
}
