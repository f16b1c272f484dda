import SweepCore
import Testing

@testable import SweepRunner

@Suite struct RecordedEnvironmentTests {
    @Test func secretsAreWithheldByNameAndURLPasswordsDropped() {
        let (kept, withheld) = RecordedEnvironment.split([
            "SWEEP_STORAGE": "postgres://me:p%40ss@db.lab:5432/studies", "API_TOKEN": "t", "wandb_api_key": "k", "DB_PASSWORD": "x",
            "LR_SCHEDULE": "cosine", "DATA": "s3://bucket/path",
        ])
        #expect(withheld == ["API_TOKEN", "DB_PASSWORD", "wandb_api_key"])
        #expect(kept == ["SWEEP_STORAGE": "postgres://me@db.lab:5432/studies", "LR_SCHEDULE": "cosine", "DATA": "s3://bucket/path"])
    }

    @Test(arguments: [
        ("postgres://u:pw@h/db", "postgres://u@h/db"), ("postgres://u@h/db", "postgres://u@h/db"), ("sqlite:/x/s.db", "sqlite:/x/s.db"),
        ("https://h/a:b@c", "https://h/a:b@c"), ("plain", "plain"),
    ])
    func onlyTheAuthoritysPasswordGoes(value: String, recorded: String) {
        #expect(RecordedEnvironment.withoutPassword(value) == recorded)
    }

    @Test func aWithheldVariableComesFromTheUsersEnvironment() throws {
        guard case .object(var p) = ReproductionTests.provenance else { return }
        p["environment_withheld"] = .array([.string("API_TOKEN")])
        let r = try Reproduction(study: ReproductionTests.study, trial: Trial(id: 1, number: 0, state: .complete, systemAttributes: ["provenance": .object(p)]))
        let line = try #require(r.shellLines.first)
        #expect(line.contains(#"API_TOKEN="$API_TOKEN" "#) && r.warnings.contains { $0.contains("API_TOKEN looked like secrets") })
    }
}
