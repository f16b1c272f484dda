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
}
