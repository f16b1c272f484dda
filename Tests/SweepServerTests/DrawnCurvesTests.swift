import Foundation
import SweepCore
import Testing

@testable import SweepServer

/// A large study's page draws its running trials and its best ones, not all of them.
@Suite struct DrawnCurvesTests {
    func trial(_ n: Int, _ state: TrialState, _ value: Double?) -> Trial {
        Trial(id: Int64(n + 1), number: n, state: state, value: value)
    }

    @Test func aSmallStudyIsDrawnWhole() {
        let trials = (0..<5).map { trial($0, .complete, Double($0)) }
        let drawn = DrawnCurves(trials: trials, direction: .maximize, best: 4, cap: 10)
        #expect(drawn.ids == trials.map(\.id) && !drawn.isSample && drawn.note(study: "s").isEmpty)
    }

    @Test func aLargeOneDrawsRunningTrialsThenTheBest() {
        var trials = (0..<100).map { trial($0, $0 % 10 == 0 ? .pruned : .complete, Double($0 % 37)) }
        trials.append(trial(100, .running, nil))
        trials.append(trial(101, .failed, nil))
        let drawn = DrawnCurves(trials: trials, direction: .minimize, best: 37, cap: 6)
        #expect(drawn.ids.count == 6 && drawn.total == 102)
        #expect(drawn.ids.first == 101, "the running trial (id 101) first")
        #expect(drawn.ids.contains(38), "the best trial (number 37, id 38) always")
        let values = drawn.ids.compactMap { id in trials.first { $0.id == id }?.value }
        #expect(values.allSatisfy { $0 <= 1 }, "then the lowest values: \(values)")
        #expect(drawn.note(study: "a/b").contains("Drawn: 6 of 102 trials") && drawn.note(study: "a/b").contains("/api/studies/a%2Fb/curves"))
    }
}
