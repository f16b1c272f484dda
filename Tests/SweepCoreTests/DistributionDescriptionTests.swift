import SweepCore
import Testing

/// Distributions print the way a user writes them, and that text parses back to the same one.
@Suite struct DistributionDescriptionTests {
    @Test(arguments: [
        "float:0.0001:1:log", "float:0:1:step=0.1", "float:-2.5:2", "int:1:5", "int:8:256:log", "int:0:100:step=5",
        "cat:adam,sgd", "cat:1,2,true",
    ])
    func theDescriptionIsTheCommandLineForm(text: String) throws {
        let parameter = try SearchSpace.parseParameter("x=\(text)")
        // The form a user wrote, not `float(SweepCore.FloatDistribution(low: ...))`.
        #expect(parameter.distribution.description == text)
        #expect(try SearchSpace.parseParameter("x=\(parameter.distribution)").distribution == parameter.distribution)
    }

    @Test func anEnqueuedValueOutsideItsDistributionIsNamedInThatForm() async throws {
        let space = SearchSpace([.init(name: "lr", distribution: .float(try FloatDistribution(low: 0.0001, high: 1, log: true)))])
        let study = try await makeStudy(StudyConfig(name: "s", space: space))
        await #expect(throws: SweepError.invalidArgument("enqueued value 5 for 'lr' is outside its distribution float:0.0001:1:log")) {
            try await study.enqueue(params: ["lr": .int(5)])
        }
    }
}
