import SweepCore
import SweepSupport

/// Combines the reports of a trial's seed repetitions into the trial's own, step by step.
///
/// A step is combined once every repetition still running has reported it (or at the end, from
/// those that did): each metric becomes the mean over the repetitions that reported it, with
/// `metric[se]`, the standard error of that mean (0 for one value), and `metric[R]`, repetition
/// R's own value, so a plot can draw each repetition and the band. NaN values are left out of the
/// mean; a metric whose values are all NaN is NaN.
struct RepeatCombiner {
    let repetitions: Int
    /// Per step, per repetition, the metrics it reported there.
    private var pending: [Int: [Int: [String: Double]]] = [:]
    /// Repetitions that have ended: a step no longer waits for them.
    private var ended: Set<Int> = []

    init(repetitions: Int) {
        self.repetitions = repetitions
    }

    /// Takes repetition `r`'s reports; returns the steps now complete, in step order.
    mutating func add(_ steps: [StepReport], from r: Int) -> [StepReport] {
        for report in steps {
            pending[report.step, default: [:]][r, default: [:]].merge(report.metrics) { first, _ in first }
        }
        return takeReady()
    }

    /// Notes that repetition `r` ended; returns the steps that waited only for it.
    mutating func end(_ r: Int) -> [StepReport] {
        ended.insert(r)
        return takeReady()
    }

    /// Every step still waiting, combined from the repetitions that reported it (at the very end).
    mutating func flush() -> [StepReport] {
        let steps = pending.keys.sorted()
        defer { pending = [:] }
        return steps.map { combine(step: $0) }
    }

    private mutating func takeReady() -> [StepReport] {
        let ready = pending.keys.filter { step in
            let reported = pending[step]!.keys
            return (0..<repetitions).allSatisfy { reported.contains($0) || ended.contains($0) }
        }.sorted()
        defer { for step in ready { pending[step] = nil } }
        return ready.map { combine(step: $0) }
    }

    private func combine(step: Int) -> StepReport {
        let byRepetition = pending[step] ?? [:]
        var names = Set<String>()
        for metrics in byRepetition.values { names.formUnion(metrics.keys) }
        var combined: [String: Double] = [:]
        for name in names {
            var values: [Double] = []
            for r in byRepetition.keys.sorted() {
                guard let v = byRepetition[r]?[name] else { continue }
                combined[RepetitionName.of(name, repetition: r)] = v
                if !v.isNaN { values.append(v) }
            }
            let (mean, standardError) = SampleStatistics.meanAndStandardError(values)
            combined[name] = mean
            combined[RepetitionName.standardError(of: name)] = standardError
        }
        return StepReport(step: step, metrics: combined)
    }
}

/// The metric names seed repetitions write beside a metric `M`: `M[R]`, repetition R's own
/// values, and `M[se]`, the standard error of the mean.
public struct RepetitionName: Sendable, Hashable {
    public let text: String
    public let metric: String
    /// nil for `M[se]`.
    public let repetition: Int?

    /// `M[R]`.
    public static func of(_ metric: String, repetition r: Int) -> String { "\(metric)[\(r)]" }

    /// `M[se]`.
    public static func standardError(of metric: String) -> String { TrialProgress.standardErrorName(of: metric) }

    /// Reads `M[R]` or `M[se]`; nil for any other name.
    public init?(_ text: String) {
        guard text.hasSuffix("]"), let open = text.lastIndex(of: "[") else { return nil }
        let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
        self.text = text
        metric = String(text[..<open])
        if inside == "se" {
            repetition = nil
        } else if let r = Int(inside), r >= 0 {
            repetition = r
        } else {
            return nil
        }
    }
}
