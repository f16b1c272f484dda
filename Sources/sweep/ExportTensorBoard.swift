import ArgumentParser
import Foundation
import SweepCore
import SweepInterop

/// `sweep export tensorboard DIR [--study S] [--force]`.
struct ExportTensorBoard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tensorboard",
        abstract: "Write a study as TensorBoard runs: every metric as scalars, the parameters as HParams.",
        discussion: """
            DIR gets one run folder per trial (trial-00017) with an event file holding every metric of the \
            trial at its steps (32-bit floats, as TensorBoard keeps scalars; NaN and infinities as NaN) and the trial's parameters \
            and state as an HParams session, and an event file at its root with the HParams experiment \
            (every parameter's type and range, every metric). Then: tensorboard --logdir DIR. \
            DIR must be new or empty, since TensorBoard merges every event file in a run folder; \
            --force replaces an earlier export there (only Sweep's event files are removed).
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Argument(help: "The folder to write (new or empty).") var directory: String
    @Flag(help: "Replace an earlier export in DIR (removes only Sweep's event files and the trial folders they leave empty).")
    var force = false

    func run() async throws {
        let study = try await common.openStudy(studyOption.name, readOnly: true)
        let trials = try await study.storage.trials(study: study.record.id, states: nil, curves: .all)
        let export = TensorBoardExport(study: study.record, trials: trials)
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        let written = try export.write(to: url, replace: force)
        let view = ExportedRuns(study: study.name, to: url.path, runs: written.runs, scalars: written.scalars, bytes: written.bytes)
        if common.json {
            try Output.json(view)
        } else {
            Output.line(
                "exported study '\(view.study)' to \(view.to): \(view.runs) run\(view.runs == 1 ? "" : "s"), "
                    + "\(view.scalars) scalar\(view.scalars == 1 ? "" : "s"); view with: tensorboard --logdir \(directory)")
        }
    }
}

/// What `sweep export tensorboard` prints.
struct ExportedRuns: Encodable {
    var study: String
    var to: String
    var runs: Int
    var scalars: Int
    var bytes: Int
}
