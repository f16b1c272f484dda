import Foundation
import SweepCore
import SweepCurves
import Synchronization

/// The judge benchmark: several judges (pruners) replayed over the same studies, each study in
/// its file order and in `shuffles` seeded random orders, scored side by side.
///
/// A study is one curve dataset, its trials in the order they were sampled. Every (judge, study,
/// order) is one replay on the real engine (`Replay.run`); the replays run on all cores.
public struct JudgeBenchmark: Sendable {
    /// One study of the benchmark.
    public struct StudyCurves: Sendable {
        public var name: String
        public var records: [CurveRecord]
        public var direction: Direction

        public init(name: String, records: [CurveRecord], direction: Direction) {
            self.name = name
            self.records = records
            self.direction = direction
        }
    }

    /// A judge to score: its spec and the pruner built from it.
    public struct Judge: Sendable {
        public var spec: String
        public var pruner: any Pruner

        public init(spec: String, pruner: any Pruner) {
            self.spec = spec
            self.pruner = pruner
        }
    }

    public var studies: [StudyCurves]
    /// Random orders per study besides the file order.
    public var shuffles: Int
    /// Seeds the random orders.
    public var seed: UInt64
    /// The replayed studies' name (Hyperband's brackets depend on it).
    public var studyName: String
    /// How a trial's value, on which regret is scored, comes from its curve.
    public var value: TrialValue

    public init(
        studies: [StudyCurves], shuffles: Int = 0, seed: UInt64 = 0, studyName: String = "replay", value: TrialValue = .last
    ) {
        self.studies = studies
        self.shuffles = shuffles
        self.seed = seed
        self.studyName = studyName
        self.value = value
    }

    /// The orders replayed for study `s`: the file order, then `shuffles` seeded permutations.
    /// They depend on the seed and the study's file name (not its place in the list), so a study
    /// replayed alone gets the same orders as in a run of many.
    public func orders(ofStudy s: Int) -> [[Int]] {
        let count = studies[s].records.count
        var orders = [Array(0..<count)]
        let key = Self.nameKey(studies[s].name)
        for k in 0..<shuffles {
            var rng = SplitMix64(seed: SplitMix64.derive(seed ^ key, UInt64(k)))
            var order = Array(0..<count)
            order.shuffle(using: &rng)
            orders.append(order)
        }
        return orders
    }

    /// FNV-1a of the file name (the last path component).
    static func nameKey(_ path: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in (path as NSString).lastPathComponent.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Replays every judge over every study and order; scores in the judges' order, with the
    /// Pareto front marked.
    public func run(_ judges: [Judge]) async throws -> [JudgeScore] {
        struct Task {
            var judge: Int
            var study: Int
            var records: [CurveRecord]
        }
        var tasks: [Task] = []
        for s in studies.indices {
            for order in orders(ofStudy: s) {
                let records = order.map { studies[s].records[$0] }
                for j in judges.indices { tasks.append(Task(judge: j, study: s, records: records)) }
            }
        }
        // Replays are pure computation: as many run at once as the machine has cores.
        let frozen = tasks
        let results = try await withThrowingTaskGroup(of: (Int, ReplayResult).self) { group in
            for (i, task) in frozen.enumerated() {
                group.addTask {
                    let result = try await Replay.run(
                        task.records, pruner: judges[task.judge].pruner, spec: judges[task.judge].spec,
                        direction: studies[task.study].direction, studyName: studyName, value: value)
                    return (i, result)
                }
            }
            var results = [ReplayResult?](repeating: nil, count: frozen.count)
            for try await (i, result) in group { results[i] = result }
            return results
        }
        var byJudge = [[ReplayResult]](repeating: [], count: judges.count)
        for (i, result) in results.enumerated() {
            if let result { byJudge[frozen[i].judge].append(result) }
        }
        let scores = judges.indices.map { JudgeScore(pruner: judges[$0].spec, replays: byJudge[$0]) }
        return JudgeScore.markingParetoFront(scores)
    }
}
