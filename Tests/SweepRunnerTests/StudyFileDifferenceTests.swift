import SweepCore
import Testing

@testable import SweepRunner

@Suite struct StudyFileDifferenceTests {
    func space(_ items: String...) throws -> SearchSpace {
        SearchSpace(try items.map { try SearchSpace.parseParameter($0) })
    }

    @Test func eachDifferenceIsListedAsStoredAndFile() throws {
        let stored = StudyConfig(name: "s", pruner: "median", space: try space("lr=float:0.001:0.1:log", "n=int:1:4"))
        let file = StudyConfig(
            name: "s", direction: .minimize, objective: "loss", sampler: "random", pruner: "hyperband", seed: 3,
            space: try space("lr=float:0.001:1:log", "opt=cat:adam,sgd"))
        let lines = StudyFileDifference(stored: stored, file: file).changes.map(\.description)
        #expect(
            lines == [
                "direction: stored maximize, file minimize",
                "metric: stored value, file loss",
                "seed: stored 0, file 3",
                "sampler: stored tpe, file random",
                "pruner: stored median, file hyperband",
                "parameter 'lr': stored float:0.001:0.1:log, file float:0.001:1:log",
                "parameter 'opt': not stored, file cat:adam,sgd",
                "parameter 'n': stored int:1:4, not in the file",
            ])
    }

    @Test func theSameSettingsHaveNoDifference() throws {
        let config = StudyConfig(name: "s", space: try space("lr=float:0.001:0.1:log"))
        var spaced = config
        spaced.pruner = " median "
        #expect(StudyFileDifference(stored: config, file: spaced).isEmpty)
    }

    @Test(arguments: [
        ("float:0:1", "float:-1:2", true),
        ("float:0:1", "float:0:0.5", false),
        ("float:0.1:1", "float:0.1:1:log", false),
        ("float:0:1:step=0.25", "float:-0.5:2:step=0.25", true),
        ("float:0:1:step=0.25", "float:-0.1:2:step=0.25", false),
        ("int:2:10:step=2", "int:0:20:step=2", true),
        ("int:2:10:step=2", "int:1:20:step=2", false),
        ("int:1:4", "float:1:4", false),
        ("cat:a,b", "cat:a,b,c", true),
        ("cat:a,b", "cat:b,a,c", false),
        ("cat:a,b", "cat:a", false),
    ])
    func onlyWideningKeepsStoredTrialsValid(stored: String, file: String, widens: Bool) throws {
        let a = try SearchSpace.parseDistribution(stored)
        let b = try SearchSpace.parseDistribution(file)
        #expect(StudyFileDifference.widens(a, to: b) == widens)
    }

    @Test func samplerPrunerAndNewParametersCanBeApplied() throws {
        let stored = StudyConfig(name: "s", space: try space("x=float:0:1"))
        let file = StudyConfig(name: "s", sampler: "random", pruner: "nop", space: try space("x=float:0:2", "y=int:1:3"))
        #expect(StudyFileDifference(stored: stored, file: file).blocking.isEmpty)
        let narrowed = StudyConfig(name: "s", seed: 9, space: try space("x=float:0:0.5"))
        #expect(StudyFileDifference(stored: stored, file: narrowed).blocking.map(\.description) == [
            "seed: stored 0, file 9", "parameter 'x': stored float:0:1, file float:0:0.5",
        ])
    }
}
