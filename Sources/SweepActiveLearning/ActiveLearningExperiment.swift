import Dispatch
import Foundation
import SweepML
import Synchronization

/// Runs one configuration over `options.seeds` independent runs, spread over threads; the report
/// does not depend on the thread count (run r always uses stream r of the seed).
public struct ActiveLearningExperiment: Sendable {
    public var options: ActiveLearningOptions
    /// Worker threads; nil for one per active processor.
    public var threads: Int?

    public init(options: ActiveLearningOptions, threads: Int? = nil) throws(ActiveLearningError) {
        try options.validate()
        if let threads, threads < 1 { throw .invalidOptions("threads must be at least 1, got \(threads)") }
        self.options = options
        self.threads = threads
    }

    /// The data, then every run from first round to last.
    public func run() throws(ActiveLearningError) -> ActiveLearningReport {
        let start = ContinuousClock.now
        let data = try options.data.load(seed: options.seed)
        let loaded = ContinuousClock.now
        let sessions = try (0..<options.seeds).map { r throws(ActiveLearningError) in
            try ActiveLearningSession(data: data, options: options, run: r)
        }
        let results = Mutex<[LearningCurve?]>(Array(repeating: nil, count: sessions.count))
        let next = Atomic<Int>(0)
        let workers = min(sessions.count, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let rounds = options.rounds
        DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in
            while true {
                let r = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if r >= sessions.count { return }
                var session = sessions[r]
                for _ in 0..<rounds { session.step() }
                let curve = session.curve
                results.withLock { $0[r] = curve }
            }
        }
        let curves = results.withLock { $0 }.compactMap { $0 }
        return Self.report(options: options, curves: curves, seconds: (ContinuousClock.now - start).seconds, loadSeconds: (loaded - start).seconds)
    }

    /// The report of finished runs.
    static func report(options: ActiveLearningOptions, curves: [LearningCurve], seconds: Double, loadSeconds: Double) -> ActiveLearningReport {
        let selection = curves.flatMap { $0.selectionSeconds.dropFirst() }
        let accuracy = ActiveLearningReport.bands(curves.map(\.accuracy))
        let loss = ActiveLearningReport.bands(curves.map(\.loss))
        return ActiveLearningReport(
            data: options.data.name, model: options.model.text, strategy: options.strategy.text,
            initial: options.initial, batch: options.batch, rounds: options.rounds, seed: String(options.seed),
            labels: curves.first?.labels ?? [],
            accuracy: ActiveLearningReport.medians(curves.map(\.accuracy)),
            loss: ActiveLearningReport.medians(curves.map(\.loss)),
            accuracyLow: accuracy.low, accuracyHigh: accuracy.high, lossLow: loss.low, lossHigh: loss.high,
            runs: curves, traces: curves.flatMap(\.traces),
            selectionSecondsPerRound: selection.isEmpty ? 0 : selection.reduce(0, +) / Double(selection.count),
            seconds: seconds, loadSeconds: loadSeconds)
    }
}
