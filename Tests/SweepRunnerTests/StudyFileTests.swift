import SweepCore
import Testing

@testable import SweepRunner

@Suite struct StudyFileTests {
    func message(_ text: String) -> String {
        do {
            _ = try StudyFile.parse(text, source: "study.toml")
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func unknownOptionsAreRefusedPerObjective() {
        let toy = message("name = \"s\"\n[objective]\nbuiltin = \"toy\"\n[objective.options]\nnoize = 0.1\n")
        #expect(toy == "study.toml:5: 'objective.options.noize' is not a known option; the toy objective takes noise (did you mean 'noise'?)")
        let bandit = message("name = \"s\"\n[objective]\nbuiltin = \"bandit\"\n[objective.options]\nenv = \"bernoulli\"\nagent = \"ucb1\"\nrun = 3\n")
        #expect(bandit.hasSuffix("'objective.options.run' is not a known option; the bandit objective takes env, agent, runs, window (did you mean 'runs'?)"))
        let curves = message("name = \"s\"\n[objective]\nbuiltin = \"curves\"\noptions = { path = \"c.jsonl\" }\n")
        #expect(curves.contains("'objective.options.path' is not a known option; the curves objective takes file"))
        let command = message("name = \"s\"\n[objective]\ncommand = [\"python3\", \"train.py\"]\noptions = { lr = 1 }\n")
        #expect(command.contains("a command objective takes no options"))
    }

    /// A mistyped direction names the file and line, as every other key does (a study-file fuzz run
    /// found it did not).
    @Test func aWrongDirectionNamesTheFileAndLine() {
        let wrong = message("name = \"s\"\ndirection = \"minimise\"\n[objective]\nbuiltin = \"toy\"\n")
        #expect(wrong == "study.toml:2: 'direction' must be \"maximize\" or \"minimize\", got \"minimise\"", "\(wrong)")
    }

    /// `value` picks how a trial's value comes from its curve; a wrong one names the line and the choices.
    @Test func theValueRuleIsReadAndCheckedAgainstTheStoredStudy() throws {
        let file = try StudyFile.parse("name = \"s\"\nvalue = \"mean_last:5\"\n[objective]\nbuiltin = \"toy\"\n", source: "study.toml")
        #expect(file.config.value == .meanLast(5))
        #expect(try StudyFile.parse("name = \"s\"\n[objective]\nbuiltin = \"toy\"\n", source: "s.toml").config.value == .last)
        let wrong = message("name = \"s\"\nvalue = \"mean_last:0\"\n[objective]\nbuiltin = \"toy\"\n")
        #expect(wrong == "study.toml:2: 'value' must be last, mean_last:K (K at least 1), best or auc, got \"mean_last:0\"", "\(wrong)")
        var stored = file.config
        stored.value = .last
        let difference = StudyFileDifference(stored: stored, file: file.config)
        #expect(difference.changes.map(\.description) == ["value: stored last, file mean_last:5"])
        #expect(difference.blocking.count == 1, "stored trials were valued by the old rule: a new study name")
    }

    /// `repeats` runs each trial several times at once: 1 to 1,000, an integer, named with its line.
    @Test func repeatsAreBounded() throws {
        let study = { (line: String) in "name = \"s\"\n\(line)\n[objective]\nbuiltin = \"toy\"\n" }
        #expect(try StudyFile.parse(study("repeats = 5"), source: "study.toml").repeats == 5)
        #expect(try StudyFile.parse(study(""), source: "study.toml").repeats == 1)
        #expect(message(study("repeats = 0")) == "study.toml:2: 'repeats' must be >= 1, got 0")
        #expect(message(study("repeats = 1001")) == "study.toml:2: 'repeats' must be at most 1000 (each repetition runs at once), got 1001")
        #expect(message(study("repeats = 2.5")).hasPrefix("study.toml:2: 'repeats' must be an integer"))
    }

    /// Finding a key's line takes any text, including lines of odd characters.
    @Test func lineNumbersOfOddText() {
        #expect(SearchSpaceFile.lineNumber(of: "lr", in: "a = 1\n  lr\t= 2\r\n") == 2)
        #expect(SearchSpaceFile.lineNumber(of: "x", in: "\u{0}\u{FFFD}é\n[params.x]\n") == 2)
        #expect(SearchSpaceFile.lineNumber(of: "y", in: String(repeating: " ", count: 10_000)) == nil)
    }

    @Test func knownOptionsAreRead() throws {
        let file = try StudyFile.parse("name = \"s\"\n[objective]\nbuiltin = \"toy\"\n[objective.options]\nnoise = 0.5\n", source: "study.toml")
        #expect(file.objective.options == ["noise": "0.5"])
    }

    @Test func optionValuesMustBeScalars() {
        let text = message("name = \"s\"\n[objective]\nbuiltin = \"toy\"\n[objective.options]\nnoise = [1, 2]\n")
        #expect(text.hasSuffix("'objective.options.noise' must be a string, number or boolean, got array"))
    }

    @Test func mistypedTopLevelKeysSuggestTheClosest() {
        #expect(message("name = \"s\"\npruneer = \"median\"\n[objective]\nbuiltin = \"toy\"\n").contains("(did you mean 'pruner'?)"))
    }

    @Test func specsAreCheckedAndStoredTrimmed() throws {
        let file = try StudyFile.parse("name = \"s\"\npruner = \" median \"\nsampler = \"tpe \"\n[objective]\nbuiltin = \"toy\"\n", source: "study.toml")
        #expect(file.config.pruner == "median" && file.config.sampler == "tpe")
        let repeated = message("name = \"s\"\npruner = \"median:n_startup_trials=1,n_startup_trials=2\"\n[objective]\nbuiltin = \"toy\"\n")
        #expect(repeated == "study.toml:2: 'pruner' is not a valid spec: invalid spec 'median:n_startup_trials=1,n_startup_trials=2': parameter 'n_startup_trials' is given twice")
    }

    @Test func inlineParameterTyposAreRefused() {
        let text = message("name = \"s\"\n[objective]\nbuiltin = \"toy\"\n[params]\nlr = { type = \"float\", low = 0.001, high = 0.5, lgo = true }\n")
        #expect(text.contains("study.toml:5: parameter 'lr': unknown key 'lgo'"))
    }
}
