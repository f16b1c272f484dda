import Testing

@testable import SweepSupport

@Suite struct SpecGrammarTests {
    @Test func aNameAloneHasNoEntries() throws {
        let parts = try SpecGrammar.parse("  median ")
        #expect(parts.text == "median" && parts.name == "median" && parts.entries.isEmpty)
    }

    @Test func entriesAreTrimmedAndInOrder() throws {
        let parts = try SpecGrammar.parse("median: n_startup_trials = 5 ,n_warmup_steps=10")
        #expect(parts.entries == [.init(key: "n_startup_trials", values: ["5"]), .init(key: "n_warmup_steps", values: ["10"])])
    }

    @Test func restKeysTakeTheRestWithCommas() throws {
        let parts = try SpecGrammar.parse("command:timeout=5,run=python3 j.py --labels=a,b", restKeys: ["run"])
        #expect(parts.entries.map(\.value) == ["5", "python3 j.py --labels=a,b"])
    }

    @Test func listsContinueThePreviousKey() throws {
        let parts = try SpecGrammar.parse("gaussian:means=0,1,stds=1,2", lists: true)
        #expect(parts.entries == [.init(key: "means", values: ["0", "1"]), .init(key: "stds", values: ["1", "2"])])
    }

    @Test(arguments: [
        ("", SpecGrammar.SyntaxError.empty, false),
        ("median:", .nothingAfterColon, false),
        ("median:x", .valueWithoutKey("x"), false),
        ("median:=3", .emptyKey, false),
        ("median:a=1,,b=2", .emptyItem, false),
        ("median:a=1,", .emptyItem, false),
        ("median:n_startup_trials=1,n_startup_trials=2", .duplicateKey("n_startup_trials"), false),
        ("bernoulli:0.1,0.2", .valueWithoutKey("0.1"), true),
        ("ucb1:c=1,c=2", .duplicateKey("c"), true),
    ])
    func malformedSpecsSayWhy(text: String, error: SpecGrammar.SyntaxError, lists: Bool) {
        #expect(throws: error) { try SpecGrammar.parse(text, lists: lists) }
    }
}
