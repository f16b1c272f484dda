import Foundation
import SweepSupport
import Testing

@testable import SweepCore

@Suite struct StudyIndexSnapshotTests {
    /// An index of `count` finished trials with NaN, ±infinity, ±1e308, rungs and study attributes.
    static func index(_ count: Int, seed: UInt64 = 1) -> StudyIndex {
        var rng = SplitMix64(seed: seed)
        let index = StudyIndex(name: "s", direction: .minimize, objective: "loss", studyAttributes: ["min_resource": .number(1)])
        var trials: [Trial] = []
        var attributes: [TrialAttributeChange] = []
        let odd: [Double] = [.nan, .infinity, -.infinity, 1e308, -1e308, 0, -0.0]
        for n in 0..<count {
            let length = Int(rng.next() % 6)
            let values = (0..<length).map { _ in rng.next() % 9 == 0 ? odd[Int(rng.next() % 7)] : Double(rng.next() % 1000) / 7 }
            let state: TrialState = n % 4 == 1 ? .pruned : n % 9 == 2 ? .failed : .complete
            var trial = Trial(
                id: Int64(n + 100), number: n, state: state, params: ["lr": .double(0.5), "n": .int(n), "opt": .string("adam")],
                value: values.last, metrics: ["loss": MetricCurve(steps: Array(0..<length), values: values)],
                userAttributes: ["k": .string("v")], systemAttributes: ["completed_rung_0": .number(1)],
                started: Date(timeIntervalSince1970: 1_700_000_000), finished: Date(timeIntervalSince1970: 1_700_000_001))
            trial.heartbeatTimeout = n % 2 == 0 ? 60 : nil
            trials.append(trial)
            if n % 3 == 0 { attributes.append(TrialAttributeChange(trialNumber: n, key: "completed_rung_0", value: .number(Double(n % 5)))) }
        }
        index.apply(StudyChanges(cursor: Int64(count), finished: trials, trialAttributes: attributes, studyAttributes: ["k": .bool(true)]))
        return index
    }

    static func same(_ a: StudyIndex, _ b: StudyIndex) -> Bool {
        a.completedCount == b.completedCount && a.steps == b.steps && a.maxCompletedLastStep == b.maxCompletedLastStep
            && a.attributes == b.attributes && a.attributeValues == b.attributeValues && a.studyAttributes == b.studyAttributes
            && same(a.bestTrial, b.bestTrial) && a.winners.count == b.winners.count
            && zip(a.winners, b.winners).allSatisfy { same($0, $1) }
    }

    /// Equal trials, NaN equal to NaN (a curve may hold NaN; `==` on Double says no).
    static func same(_ a: Trial?, _ b: Trial?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        func bits(_ t: Trial) -> [String: [UInt64]] { t.metrics.mapValues { $0.values.map(\.bitPattern) } }
        return a.id == b.id && a.number == b.number && a.state == b.state && a.params == b.params
            && a.distributions == b.distributions && a.value?.bitPattern == b.value?.bitPattern
            && a.metrics.mapValues(\.steps) == b.metrics.mapValues(\.steps) && bits(a) == bits(b)
            && a.userAttributes == b.userAttributes && a.systemAttributes == b.systemAttributes
            && a.started == b.started && a.finished == b.finished && a.heartbeat == b.heartbeat
            && a.heartbeatTimeout == b.heartbeatTimeout
    }

    @Test(arguments: [0, 1, 2, 50, 3_000])
    func aRestoredIndexAnswersAsTheOriginal(count: Int) throws {
        let original = Self.index(count)
        let snapshot = try original.snapshot(cursor: 42)
        #expect(snapshot.cursor == 42)
        let restored = try StudyIndex.restore(snapshot, name: "s", direction: .minimize, objective: "loss")
        // Every field a pruner or judge reads, the best trials whole (they keep no notes).
        #expect(Self.same(restored, original))
        #expect(!restored.holdsFinishedTrials && restored.finished.isEmpty)
        // The same changes applied to both keep them equal.
        let more = Self.index(count + 20, seed: 9)
        let tail = StudyChanges(cursor: 43, finished: Array(more.finished.suffix(20)))
        original.apply(tail)
        restored.apply(tail)
        #expect(Self.same(restored, original))
        #expect(restored.finished.isEmpty, "a restored index does not pretend to hold every trial")
    }

    @Test func aSnapshotOfAnotherObjectiveOrDirectionIsRefused() throws {
        let snapshot = try Self.index(10).snapshot(cursor: 1)
        #expect(throws: SweepError.self) { try StudyIndex.restore(snapshot, name: "s", direction: .minimize, objective: "reward") }
        #expect(throws: SweepError.self) { try StudyIndex.restore(snapshot, name: "s", direction: .maximize, objective: "loss") }
    }

    /// Damaged bytes (cut short at every length, bits flipped, garbage) throw, never trap.
    @Test func damagedSnapshotsThrowAndNeverTrap() throws {
        let bytes = try Self.index(30).snapshot(cursor: 7).bytes
        for length in 0..<bytes.count {
            #expect(throws: SweepError.self) {
                try StudyIndex.restore(IndexSnapshot(cursor: 7, bytes: Array(bytes[..<length])), name: "s", direction: .minimize, objective: "loss")
            }
        }
        var rng = SplitMix64(seed: 5)
        for _ in 0..<2_000 {
            var damaged = bytes
            for _ in 0..<(1 + Int(rng.next() % 4)) { damaged[Int(rng.next() % UInt64(damaged.count))] ^= UInt8(1 << (rng.next() % 8)) }
            _ = try? StudyIndex.restore(IndexSnapshot(cursor: 7, bytes: damaged), name: "s", direction: .minimize, objective: "loss")
        }
        for _ in 0..<500 {
            let garbage = (0..<Int(rng.next() % 200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(throws: SweepError.self) {
                try StudyIndex.restore(IndexSnapshot(cursor: 7, bytes: garbage), name: "s", direction: .minimize, objective: "loss")
            }
        }
    }

    @Test func anotherVersionIsNamed() throws {
        var w = SnapshotWriter()
        w.text("sweep-index")
        w.int(StudyIndex.snapshotVersion + 1)
        #expect(throws: SweepError.storage("the index snapshot of study 's' has version \(StudyIndex.snapshotVersion + 1); this Sweep reads version \(StudyIndex.snapshotVersion)")) {
            try StudyIndex.restore(IndexSnapshot(cursor: 1, bytes: w.bytes), name: "s", direction: .minimize, objective: "loss")
        }
    }
}
