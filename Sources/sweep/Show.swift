import ArgumentParser
import Foundation
import SweepCore
import SweepCurves
import SweepRunner
import SweepWire

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Everything about one trial: parameters, state, seed, provenance (command, git commit, host), times, notes and curves.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    // `.allUnrecognized` so that `sweep show -1` reaches validate() instead of reading as an option.
    @Argument(parsing: .allUnrecognized, help: "The trial's number.") var trialText: [String] = []

    /// The trial's number, checked by validate().
    var trial: Int { Int(trialText.first ?? "") ?? 0 }

    func validate() throws {
        guard trialText.count == 1, let number = Int(trialText[0]) else {
            throw ValidationError(trialText.isEmpty ? "give the trial's number, e.g. sweep show 3" : "expected one trial number, got '\(trialText.joined(separator: " "))'")
        }
        try validateTrialNumber(number, what: "the trial number")
    }

    func run() async throws {
        let study = try await common.openStudy(studyOption.name, readOnly: true)
        let t = try await study.storage.trial(study: study.record.id, number: trial)
        let view = WireTrialDetail(t, study: study)
        if common.json {
            try Output.json(view)
            return
        }
        Output.line("trial \(t.number) of study '\(study.name)': \(t.state.rawValue)\(t.value.map { ", \(study.objective) = \(formatNumber($0))" } ?? "")")
        for name in t.params.keys.sorted() { Output.line("  \(name) = \(t.params[name]?.description ?? "")") }
        Output.line("seed \(view.base.seed)")
        if let started = t.started { Output.line("started \(started)\(t.finished.map { ", finished \($0)" } ?? "")") }
        for (key, value) in t.systemAttributes.sorted(by: { $0.key < $1.key }) where !key.hasPrefix("completed_rung") {
            Output.line("\(key): \(value)")
        }
        for (key, value) in t.userAttributes.sorted(by: { $0.key < $1.key }) { Output.line("\(key): \(value)") }
        for note in t.notes { Output.line("note (\(note.time)): \(note.text)") }
        for line in Self.curveLines(t.metrics) { Output.line(line) }
    }

    /// One line per metric with its sparkline; a metric of seed repetitions (`repeats = N`: `M`,
    /// `M[se]`, `M[0]`, `M[1]`, ...) as its mean with the standard error at the last step, then one
    /// indented line per repetition.
    static func curveLines(_ metrics: [String: MetricCurve]) -> [String] {
        func line(_ label: String, _ curve: MetricCurve, suffix: String = "") -> String {
            let values = curve.sortedPairs.map(\.value)
            return "\(label): \(values.count) steps \(Sparkline.render(values)) last \(values.last.map(formatNumber) ?? "-")\(suffix)"
        }
        let repeated = Set(metrics.keys.filter { metrics[RepetitionName.standardError(of: $0)] != nil })
        var lines: [String] = []
        for (name, curve) in metrics.sorted(by: { $0.key < $1.key }) {
            if let base = RepetitionName(name), repeated.contains(base.metric) { continue }
            guard repeated.contains(name) else {
                lines.append(line(name, curve))
                continue
            }
            let seeds = metrics.keys.compactMap(RepetitionName.init).filter { $0.metric == name && $0.repetition != nil }
            let se = metrics[RepetitionName.standardError(of: name)]?.sortedPairs.last.map { " ± \(formatNumber($0.value))" } ?? ""
            lines.append(line("\(name) (mean of \(seeds.count) seeds)", curve, suffix: se))
            for seed in seeds.sorted(by: { $0.repetition! < $1.repetition! }) {
                if let c = metrics[seed.text] { lines.append(line("  seed \(seed.repetition!)", c)) }
            }
        }
        return lines
    }
}
