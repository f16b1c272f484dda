import Foundation
import Testing

@testable import SweepCore

@Suite struct DistributionTests {
    @Test func lowAboveHighIsRejectedWithBothValues() {
        // The message names both bounds, as the user wrote them.
        #expect(throws: DistributionError.lowAboveHigh(low: "3.0", high: "1.0")) {
            try FloatDistribution(low: 3, high: 1)
        }
        #expect(throws: DistributionError.lowAboveHigh(low: "5", high: "2")) { try IntDistribution(low: 5, high: 2) }
    }

    @Test func logNeedsPositiveLowAndNoStep() {
        #expect(throws: DistributionError.logNeedsPositiveLow(low: "0.0")) { try FloatDistribution(low: 0, high: 1, log: true) }
        #expect(throws: DistributionError.logWithStep) { try FloatDistribution(low: 1, high: 2, log: true, step: 0.5) }
        #expect(throws: DistributionError.logNeedsPositiveLow(low: "0")) { try IntDistribution(low: 0, high: 8, log: true) }
    }

    @Test func steppedHighIsLoweredToTheLastReachablePoint() throws {
        // Optuna adjusts high so that (high - low) is a multiple of step.
        #expect(try FloatDistribution(low: 0, high: 1, step: 0.3).high == 0.8999999999999999 || (try FloatDistribution(low: 0, high: 1, step: 0.3).high - 0.9).magnitude < 1e-12)
        #expect(try IntDistribution(low: 1, high: 10, step: 4).high == 9)
    }

    @Test func internalRepresentationRoundTrips() throws {
        let cat = Distribution.categorical(try CategoricalDistribution([.string("adam"), .string("sgd"), .int(3)]))
        #expect(cat.toInternal(.string("sgd")) == 1)
        #expect(cat.toExternal(2) == .int(3))
        #expect(cat.toInternal(.string("rmsprop")) == nil)
        let int = Distribution.int(try IntDistribution(low: 2, high: 10, step: 2))
        #expect(int.toInternal(.int(4)) == 4)
        #expect(int.toInternal(.int(5)) == nil)
    }

    @Test(arguments: [
        ("lr=float:1e-5:0.1:log", "lr"), ("n=int:1:10", "n"), ("x=float:0:1:step=0.25", "x"), ("opt=cat:adam,sgd", "opt"),
    ])
    func commandLineParametersParse(text: String, name: String) throws {
        #expect(try SearchSpace.parseParameter(text).name == name)
    }

    @Test(arguments: ["lr", "lr=float:1", "lr=float:a:b", "lr=quux:0:1", "lr=float:0:1:cubic", "x=float:2:1"])
    func malformedParametersAreRejected(text: String) {
        #expect(throws: SweepError.self) { try SearchSpace.parseParameter(text) }
    }

    @Test func jsonSpaceReadsSweepAndOptunaForms() throws {
        let space = try SearchSpace.fromJSON(
            #"{"x": {"type": "float", "low": 0, "high": 1}, "y": {"name": "IntDistribution", "attributes": {"low": 1, "high": 5, "log": false, "step": 1}}}"#)
        #expect(space.names == ["x", "y"])
        #expect(space["y"] == .int(try IntDistribution(low: 1, high: 5)))
        #expect(throws: SweepError.self) { try SearchSpace.fromJSON(#"{"x": {"type": "float", "low": 2, "high": 1}}"#) }
    }

    @Test func distributionsRoundTripThroughJSON() throws {
        let d = Distribution.float(try FloatDistribution(low: 1e-3, high: 1, log: true))
        let data = try JSONEncoder().encode(d)
        #expect(try JSONDecoder().decode(Distribution.self, from: data) == d)
    }

    /// The short form's errors name the parameter once, and say what was wrong with which part.
    @Test(arguments: [
        ("lr=float:nan:1", "parameter 'lr': low must be a finite number, got nan"),
        ("lr=float:0:inf", "parameter 'lr': high must be a finite number, got inf"),
        ("lr=float:a:1", "parameter 'lr': low must be a number, got 'a'"),
        ("n=int:1:2.5", "parameter 'n': high must be an integer, got '2.5'"),
        ("x=cat:a,,b", "parameter 'x': choice 2 of 'a,,b' is empty; write cat:A,B,C"),
        ("x=cat:a,b,", "parameter 'x': choice 3 of 'a,b,' is empty; write cat:A,B,C"),
        ("x=cat:a,a", "parameter 'x': choice 'a' is listed twice; each choice must be listed once"),
        ("x=cat:1,1.0", "parameter 'x': choice '1' is listed twice; each choice must be listed once"),
        ("x=float:0:1:lgo", "parameter 'x': unknown option 'lgo'; expected log or step=S after float:LOW:HIGH"),
    ])
    func shortFormErrorsSayWhatIsWrongOnce(text: String, message: String) {
        let error = #expect(throws: SweepError.self) { try SearchSpace.parseParameter(text) }
        #expect(error?.description == "\(message)")
    }

    @Test func duplicateChoicesAreRefusedInEveryForm() {
        #expect(throws: DistributionError.duplicateChoice("sgd")) {
            try CategoricalDistribution([.string("adam"), .string("sgd"), .string("sgd")])
        }
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(Distribution.self, from: Data(#"{"type": "categorical", "choices": ["a", "a"]}"#.utf8))
        }
    }

    @Test func nonFiniteBoundsNameTheBound() {
        #expect(DistributionError.notFinite(low: .nan, high: 1).description == "low must be a finite number, got nan")
        #expect(DistributionError.notFinite(low: 0, high: .infinity).description == "high must be a finite number, got inf")
    }
}
