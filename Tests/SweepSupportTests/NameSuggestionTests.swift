import Testing

@testable import SweepSupport

@Suite struct NameSuggestionTests {
    @Test func aSwapOrATypoIsSuggested() {
        #expect(NameSuggestion.closest(to: "lgo", in: ["type", "low", "high", "log", "step"]) == "log")
        #expect(NameSuggestion.closest(to: "hihg", in: ["type", "low", "high", "log", "step"]) == "high")
        #expect(NameSuggestion.closest(to: "n_startup_trial", in: ["n_startup_trials", "n_warmup_steps"]) == "n_startup_trials")
    }

    @Test func farNamesAreNotSuggested() {
        #expect(NameSuggestion.closest(to: "percentile", in: ["n_startup_trials", "n_warmup_steps"]) == nil)
        #expect(NameSuggestion.hint(for: "zz", in: ["lr", "momentum"]) == "")
    }

    @Test func distancesCountEdits() {
        #expect(NameSuggestion.distance(Array("kitten"), Array("sitting")) == 3)
        #expect(NameSuggestion.distance(Array("ab"), Array("ba")) == 1)
        #expect(NameSuggestion.distance([], Array("abc")) == 3)
    }
}
