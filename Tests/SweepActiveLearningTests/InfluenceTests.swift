import SweepML
import Testing
@testable import SweepActiveLearning

@Suite struct InfluenceTests {
    /// A wrongly labelled point hurts: without it the test loss falls (its loss change is below
    /// every correctly labelled point's, and negative).
    @Test func aMislabelledPointHasNegativeInfluence() throws {
        var o = try ActiveLearningOptions(data: "blobs:n=300,classes=2,spread=1", model: "logreg:C=10", strategy: "random")
        (o.initial, o.batch, o.rounds, o.seed) = (20, 5, 2, 4)
        var data = try o.data.load(seed: 4)
        var session = try ActiveLearningSession(data: data, options: o, run: 0)
        let victim = session.split.initial[0]
        data.labels[victim] = 1 - data.labels[victim]
        session = try ActiveLearningSession(data: data, options: o, run: 0)
        for _ in 0..<2 { session.step() }
        let influence = session.influence()
        #expect(influence.count == 30)
        let bad = try #require(influence.first { $0.row == victim })
        #expect(bad.round == 0)
        #expect(bad.lossChange < 0, "without the wrong label the loss falls: \(bad)")
        #expect(influence.allSatisfy { $0.row == victim || $0.lossChange > bad.lossChange })
        #expect(Set(influence.filter { $0.round > 0 }.map(\.row)) == Set(session.curve.picked.joined()))
    }
}
