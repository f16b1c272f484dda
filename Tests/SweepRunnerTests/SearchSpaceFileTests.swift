import SweepCore
import Testing

@testable import SweepRunner

@Suite struct SearchSpaceFileTests {
    @Test func readsInlineTablesAndShortForms() throws {
        let space = try SearchSpaceFile.parse(
            """
            [params]
            lr = { type = "float", low = 1e-5, high = 0.1, log = true }
            layers = { type = "int", low = 1, high = 4 }
            optimizer = { type = "categorical", choices = ["adam", "sgd"] }
            gamma = "float:0.9:0.999"
            """, source: "space.toml")
        #expect(Set(space.names) == ["lr", "layers", "optimizer", "gamma"])
        #expect(space["layers"] == .int(try IntDistribution(low: 1, high: 4)))
    }

    @Test func errorsNameFileLineAndParameter() {
        do {
            _ = try SearchSpaceFile.parse("[params]\nx = { type = \"float\", low = 0, high = 1 }\nlr = { type = \"float\", low = 2, high = 1 }\n", source: "space.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("space.toml:3: parameter 'lr'"), "\(error)")
            #expect(error.description.contains("low must be <= high"), "\(error)")
        }
    }

    @Test func brokenTOMLNamesTheLine() {
        #expect(throws: SweepError.self) { try SearchSpaceFile.parse("[params]\nx = = 3\n", source: "bad.toml") }
    }

    func message(_ params: String) -> String {
        do {
            _ = try SearchSpaceFile.parse("[params]\n" + params + "\n", source: "space.toml")
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func aMistypedKeyIsRefusedWithTheExpectedKeys() {
        #expect(
            message(#"lr = { type = "float", low = 0.001, high = 0.5, lgo = true }"#)
                == "space.toml:2: parameter 'lr': unknown key 'lgo' for type \"float\"; expected type, low, high, log, step (did you mean 'log'?)")
        #expect(message(#"opt = { type = "categorical", choices = ["a"], low = 1 }"#).contains("unknown key 'low' for type \"categorical\"; expected type, choices"))
    }

    @Test func nonFiniteBoundsAreNamedNotReportedAsJSON() {
        #expect(message(#"lr = { type = "float", low = nan, high = 1 }"#) == "space.toml:2: parameter 'lr': low must be a finite number, got nan")
        #expect(message(#"lr = { type = "float", low = 0, high = inf }"#).hasSuffix("high must be a finite number, got inf"))
    }

    @Test func wrongTypesAndMissingKeysAreNamed() {
        #expect(message(#"n = { type = "int", low = 1.5, high = 4 }"#).hasSuffix("parameter 'n': low must be an integer, got 1.5"))
        #expect(message(#"n = { type = "int", high = 4 }"#).hasSuffix("parameter 'n': missing key 'low'; expected an integer"))
        #expect(message(#"n = { low = 1, high = 4 }"#).hasSuffix("parameter 'n': missing key 'type'; expected type = \"float\", \"int\" or \"categorical\""))
        #expect(message(#"n = { type = "float", low = 0, high = 1, log = "yes" }"#).hasSuffix("log must be true or false, got \"yes\""))
        #expect(message("n = 3").hasSuffix("or a string such as \"float:0:1\", got 3"))
    }

    @Test func shortFormErrorsNameTheParameterOnce() {
        let text = message(#"x = "cat:a,,b""#)
        #expect(text == "space.toml:2: parameter 'x': choice 2 of 'a,,b' is empty; write cat:A,B,C")
        #expect(message(#"x = "cat:a,a""#).hasSuffix("parameter 'x': choice 'a' is listed twice; each choice must be listed once"))
        #expect(message(#"x = "float:nan:1""#).hasSuffix("parameter 'x': low must be a finite number, got nan"))
    }

    @Test func duplicateChoicesInATableAreRefused() {
        #expect(message(#"x = { type = "categorical", choices = ["a", "b", "a"] }"#).hasSuffix("choice 'a' is listed twice; each choice must be listed once"))
    }

    @Test func everyFormReadsTheSameDistribution() throws {
        let space = try SearchSpaceFile.parse(
            """
            a = { type = "float", low = 0.001, high = 0.1, log = true }
            b = "float:0.001:0.1:log"
            c = { type = "int", low = 2, high = 10, step = 2 }
            d = "int:2:10:step=2"
            e = { type = "categorical", choices = ["x", 1, true] }
            """, source: "space.toml")
        #expect(space["a"] == space["b"])
        #expect(space["c"] == space["d"])
        #expect(space["e"] == .categorical(try CategoricalDistribution([.string("x"), .int(1), .bool(true)])))
    }
}
