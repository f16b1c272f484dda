import Foundation
import SweepCore

/// A study as TensorBoard reads it (`sweep export tensorboard DIR`): one run folder per trial
/// (`trial-00017`, zero-padded so that runs sort by number), each with an event file holding every
/// metric of the trial as scalars at their steps and the trial's parameters as the HParams
/// plugin's session; and at the root an event file with the HParams experiment (every parameter
/// with its type and domain, every metric), so that `tensorboard --logdir DIR` shows the
/// Scalars and the HParams tabs.
///
/// Values are 32-bit floats, as TensorBoard keeps scalars (`TensorBoardEvents`); a NaN or an
/// infinity is written as NaN, the one way TensorBoard marks a value that is not a number (Sweep's
/// rule: non-finite values are "no number", `null` in JSON, empty in CSV). Reports carry no time in Sweep's storage: a trial's
/// scalars have its start time as their wall time.
///
/// A session's status is the trial's state: complete is success, failed is failure, running is
/// running, and pruned is unknown (TensorBoard has no pruned status; its HParams tab filters the
/// unknown apart from the others). A trial's `group` attribute (from a curve dataset's repeats)
/// becomes its session group.
public struct TensorBoardExport: Sendable {
    public let study: StudyRecord
    public let trials: [Trial]
    /// The parameters as the experiment describes them, by name.
    let hparams: [TensorBoardHParams.Info]
    /// Every metric any trial reported, sorted.
    let metrics: [String]
    /// The `<time>.<host>.sweep` end of every file's name.
    let fileSuffix: String
    let exportTime: Double
    /// Digits of the run folders' numbers.
    let width: Int

    /// Prepares the export of `trials` (with their curves); `time` and `host` name the files.
    public init(study: StudyRecord, trials: [Trial], time: Date = Date(), host: String = ProcessInfo.processInfo.hostName) {
        self.study = study
        self.trials = trials
        hparams = TensorBoardExport.infos(study: study, trials: trials)
        metrics = Set(trials.flatMap { $0.metrics.filter { !$0.value.isEmpty }.keys }).sorted()
        exportTime = time.timeIntervalSince1970
        let safeHost = String(host.map { $0 == "/" || $0.isWhitespace ? "_" : $0 })
        fileSuffix = "\(Int(exportTime)).\(safeHost.isEmpty ? "localhost" : safeHost).sweep"
        width = max(5, String(trials.map(\.number).max() ?? 0).count)
    }

    /// The name of every event file (TensorBoard reads files whose name holds `tfevents`).
    public var fileName: String { "events.out.tfevents.\(fileSuffix)" }

    /// The run folder of trial `number`.
    public func runName(_ number: Int) -> String {
        let digits = String(number)
        return "trial-" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The root's event file: the HParams experiment.
    public func experimentFile() -> [UInt8] {
        let created = study.created.timeIntervalSince1970
        let content = TensorBoardHParams.experiment(
            name: study.name,
            description: "Sweep study '\(study.name)': \(study.config.direction.rawValue) \(study.config.objective)",
            created: created, hparams: hparams, metrics: metrics)
        var file: [UInt8] = []
        TFRecord.append(TensorBoardEvents.fileVersionEvent(wallTime: exportTime), to: &file)
        TFRecord.append(
            TensorBoardEvents.pluginEvent(
                wallTime: created, tag: TensorBoardHParams.experimentTag, plugin: TensorBoardHParams.plugin, content: content),
            to: &file)
        return file
    }

    /// A trial's event file: its session's start, its scalars step by step, its session's end.
    public func runFile(_ trial: Trial) -> [UInt8] {
        let wall = trial.started?.timeIntervalSince1970 ?? trial.finished?.timeIntervalSince1970 ?? exportTime
        var file: [UInt8] = []
        file.reserveCapacity(256 + trial.metrics.values.reduce(0) { $0 + 64 * $1.count })
        TFRecord.append(TensorBoardEvents.fileVersionEvent(wallTime: wall), to: &file)
        let start = TensorBoardHParams.sessionStart(
            hparams: sessionValues(trial), group: trial.userAttributes["group"].flatMap(groupName) ?? "",
            started: trial.started?.timeIntervalSince1970)
        TFRecord.append(
            TensorBoardEvents.pluginEvent(
                wallTime: wall, tag: TensorBoardHParams.sessionStartTag, plugin: TensorBoardHParams.plugin, content: start),
            to: &file)
        for (step, scalars) in Self.steps(trial) {
            TFRecord.append(TensorBoardEvents.scalarsEvent(wallTime: wall, step: step, scalars: scalars), to: &file)
        }
        if let status = Self.status(trial.state) {
            let ended = trial.finished?.timeIntervalSince1970
            let end = TensorBoardHParams.sessionEnd(status: status, ended: ended)
            TFRecord.append(
                TensorBoardEvents.pluginEvent(
                    wallTime: ended ?? wall, tag: TensorBoardHParams.sessionEndTag, plugin: TensorBoardHParams.plugin, content: end),
                to: &file)
        }
        return file
    }

    /// A trial's scalars grouped by step, in step order; metrics by name within a step.
    static func steps(_ trial: Trial) -> [(step: Int, scalars: [TensorBoardEvents.Scalar])] {
        var points: [(step: Int, scalar: TensorBoardEvents.Scalar)] = []
        for name in trial.metrics.keys.sorted() {
            guard let curve = trial.metrics[name] else { continue }
            for (i, pair) in curve.sortedPairs.enumerated() {
                points.append((pair.step, TensorBoardEvents.Scalar(tag: name, value: pair.value.isFinite ? pair.value : .nan, first: i == 0)))
            }
        }
        // Stable: metrics stay in name order within a step.
        points = points.enumerated().sorted { ($0.element.step, $0.offset) < ($1.element.step, $1.offset) }.map(\.element)
        var steps: [(step: Int, scalars: [TensorBoardEvents.Scalar])] = []
        for point in points {
            if steps.last?.step == point.step {
                steps[steps.count - 1].scalars.append(point.scalar)
            } else {
                steps.append((point.step, [point.scalar]))
            }
        }
        return steps
    }

    /// The session status of a trial's state; nil for a waiting trial (it has not started).
    static func status(_ state: TrialState) -> TensorBoardHParams.Status? {
        switch state {
        case .complete: return .success
        case .failed: return .failure
        case .pruned: return .unknown
        case .running: return .running
        case .waiting: return nil
        }
    }

    private func groupName(_ value: JSONValue) -> String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// A trial's parameter values in the types the experiment gives them.
    func sessionValues(_ trial: Trial) -> [String: TensorBoardHParams.Value] {
        var values: [String: TensorBoardHParams.Value] = [:]
        for info in hparams {
            guard let value = trial.params[info.name] else { continue }
            values[info.name] = Self.hparamValue(value, as: info.type)
        }
        return values
    }

    static func hparamValue(_ value: ParamValue, as type: TensorBoardHParams.DataType) -> TensorBoardHParams.Value {
        switch (type, value) {
        case (.float64, .int(let i)): return .number(Double(i))
        case (.float64, .double(let d)): return .number(d)
        case (.bool, .bool(let b)): return .bool(b)
        case (_, .string(let s)): return .string(s)
        default: return .string(value.description)
        }
    }
}
