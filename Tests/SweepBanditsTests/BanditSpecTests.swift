import Testing
@testable import SweepBandits

@Suite struct BanditSpecTests {
    @Test func tokensWithoutEqualsContinueThePreviousList() throws {
        let spec = try BanditSpec(parsing: "gaussian:means=0,1,stds=1,2", kind: "environment")
        // The name, then two keys with two values each.
        #expect(spec.name == "gaussian")
        #expect(try spec.doubles("means") == [0, 1])
        #expect(try spec.doubles("stds") == [1, 2])
    }

    @Test func aBareNameHasNoKeys() throws {
        let spec = try BanditSpec(parsing: " ucb1 ", kind: "agent")
        #expect(spec.name == "ucb1")
        #expect(spec.entries.isEmpty)
    }

    @Test func aValueBeforeAnyKeyIsAnError() {
        #expect(throws: BanditSpecError.valueWithoutKey(spec: "bernoulli:0.1", token: "0.1")) {
            try BanditSpec(parsing: "bernoulli:0.1", kind: "environment")
        }
    }

    @Test func aDuplicateKeyIsAnError() {
        #expect(throws: BanditSpecError.duplicateKey(spec: "ucb1:c=1,c=2", key: "c")) {
            try BanditSpec(parsing: "ucb1:c=1,c=2", kind: "agent")
        }
    }

    @Test func anEmptySpecIsAnError() {
        #expect(throws: BanditSpecError.empty(kind: "agent")) { try BanditSpec(parsing: "  ", kind: "agent") }
    }

    @Test func badNumbersNameTheKeyAndTheExpectation() throws {
        let spec = try BanditSpec(parsing: "epsilon_greedy:epsilon=abc", kind: "agent")
        let error = #expect(throws: BanditSpecError.self) { try spec.double("epsilon", default: 0.1, in: 0...1, what: "a probability") }
        // The message names the spec, the key, what was expected and what was given.
        #expect(error?.description == "spec 'epsilon_greedy:epsilon=abc': key 'epsilon' expects a probability in [0, 1], got 'abc'")
    }

    @Test func positiveRangesReadAsGreaterThanZero() throws {
        let spec = try BanditSpec(parsing: "sw_ucb:window=0", kind: "agent")
        let error = #expect(throws: BanditSpecError.self) { try spec.double("window", default: 1, in: BanditSpec.positive...Double.infinity) }
        #expect(error?.description.hasSuffix("expects a number > 0, got '0'") == true)
    }
}
