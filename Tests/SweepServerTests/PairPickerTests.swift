import Foundation
import SweepCore
import Testing
@testable import SweepServer

@Suite struct PairPickerTests {
    private func label(_ first: Int, _ second: Int) -> PairLabel { PairLabel(first: first, second: second, choice: .first, by: "t") }

    @Test func newPairsFirstThenEachFlippedLater() throws {
        var labels: [PairLabel] = []
        var shown: [[Int]] = []
        for seed in 0..<12 {
            let pair = try #require(PairPicker(candidates: [0, 1, 2, 3], labels: labels).next(seed: UInt64(seed)))
            shown.append([pair.first, pair.second])
            labels.append(label(pair.first, pair.second))
        }
        // 4 trials: 6 pairs, each shown in both orders within 12 labels, no ordered pair twice.
        #expect(Set(shown).count == 12, "\(shown)")
        #expect(Set(shown.map { [$0.min()!, $0.max()!] }).count == 6)
        // While new pairs are left, a flip never comes before `flipDelay` other labels.
        let lastNew = shown.indices.last { i in !shown[..<i].contains([shown[i][1], shown[i][0]]) }!
        for (i, pair) in shown.enumerated() where i < lastNew {
            if let first = shown.firstIndex(of: [pair[1], pair[0]]), first < i { #expect(i - first > PairPicker.flipDelay) }
        }
    }

    @Test func tooFewCandidatesGiveNoPairAndOnlyCandidatesAreShown() {
        #expect(PairPicker(candidates: [5], labels: []).next(seed: 1) == nil)
        #expect(PairPicker(candidates: [5, 5], labels: []).next(seed: 1) == nil)
        let pair = PairPicker(candidates: [2, 9], labels: [label(2, 7), label(7, 9), label(9, 2), label(2, 9)]).next(seed: 3)
        #expect(pair.map { Set([$0.first, $0.second]) } == [2, 9])
    }

    @Test func manyCandidatesAreCheap() {
        let picker = PairPicker(candidates: Array(0..<10_000), labels: (0..<2_000).map { label($0, $0 + 1) })
        let start = ContinuousClock.now
        for seed in 0..<100 { _ = picker.next(seed: UInt64(seed)) }
        #expect(ContinuousClock.now - start < .seconds(30))
    }
}
