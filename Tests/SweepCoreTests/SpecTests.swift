import Testing

@testable import SweepCore

@Suite struct SpecTests {
    @Test func nameAloneHasNoParameters() throws {
        let spec = try Spec(parsing: "median")
        #expect(spec.name == "median")
        #expect(spec.parameters.isEmpty)
    }

    @Test func parametersAreReadInOrder() throws {
        let spec = try Spec(parsing: "median:n_startup_trials=5,n_warmup_steps=10")
        #expect(spec.parameters.map(\.key) == ["n_startup_trials", "n_warmup_steps"])
        #expect(spec.value("n_warmup_steps") == "10")
    }

    @Test func runTakesTheRestOfTheStringWithCommasAndEquals() throws {
        let spec = try Spec(parsing: "command:timeout=5,run=python3 judge.py --labels=a,b")
        #expect(spec.value("timeout") == "5")
        #expect(spec.value("run") == "python3 judge.py --labels=a,b")
    }

    @Test func wrappedTakesTheRestOfTheString() throws {
        let spec = try Spec(parsing: "patient:patience=3,wrapped=median:n_warmup_steps=5,interval_steps=2")
        #expect(spec.value("patience") == "3")
        #expect(spec.value("wrapped") == "median:n_warmup_steps=5,interval_steps=2")
    }

    @Test(arguments: ["", "median:", "median:x", "median:=3", "med ian", "median:a=1,a=2"])
    func malformedSpecsAreRejected(text: String) {
        #expect(throws: SweepError.self) { try Spec(parsing: text) }
    }

    @Test func readerRejectsUnknownKeysAndBadValues() throws {
        #expect(throws: SweepError.self) { try SpecReader(try Spec(parsing: "median:n_startup=5"), allowed: ["n_startup_trials"]) }
        let reader = try SpecReader(try Spec(parsing: "median:n_startup_trials=abc"), allowed: ["n_startup_trials"])
        #expect(throws: SweepError.self) { try reader.int("n_startup_trials", default: 5) }
        let negative = try SpecReader(try Spec(parsing: "median:n_startup_trials=-1"), allowed: ["n_startup_trials"])
        #expect(throws: SweepError.self) { try negative.int("n_startup_trials", default: 5, min: 0) }
    }

    @Test(arguments: ["median:a=1,", "median:a=1,,b=2"])
    func emptyItemsAreRejected(text: String) {
        let error = #expect(throws: SweepError.self) { try Spec(parsing: text) }
        #expect(error?.description.contains("an empty item between commas") == true)
    }

    @Test func surroundingSpacesAreTrimmedIntoTheText() throws {
        #expect(try Spec(parsing: " median ").text == "median")
        #expect(try Spec(parsing: " median: n_warmup_steps = 5 ").value("n_warmup_steps") == "5")
    }

    @Test func unknownKeysSuggestTheClosestOne() throws {
        let error = #expect(throws: SweepError.self) {
            try SpecReader(try Spec(parsing: "median:n_startup_trial=5"), allowed: ["n_startup_trials", "n_warmup_steps"])
        }
        #expect(error?.description.hasSuffix("expected one of: n_startup_trials, n_warmup_steps (did you mean 'n_startup_trials'?)") == true)
    }
}
