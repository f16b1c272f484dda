import ArgumentParser
import Foundation
import SweepCore
import SweepRunner
import SweepWire

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a whole study from a study file (TOML): built-in objectives or any training command.",
        discussion: "Running it again on the same storage continues until the study has its trials.")

    @OptionGroup var options: RunOptions
    @Option(parsing: .unconditional, help: "Finished trials the study should have (default: the file's trials).") var trials: Int?

    func validate() throws {
        if let trials, trials < 1 { throw ValidationError("--trials must be >= 1, got \(trials)") }
    }

    func run() async throws {
        try await options.execute(trials: trials, join: false)
    }
}

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join a running study from another terminal or machine sharing its storage.",
        discussion: "Runs trials of the study file's study until it has its trials; the study must exist.")

    @OptionGroup var options: RunOptions

    func run() async throws {
        try await options.execute(trials: nil, join: true)
    }
}

/// What `sweep run` and `sweep worker` share.
struct RunOptions: ParsableArguments {
    @Argument(help: "The study file.") var file: String
    @Option(help: "Where studies live (default: the file's storage, else sqlite:sweep.db).") var storage: String?
    @Option(parsing: .unconditional, help: "Trials at once on this machine (default: the file's workers).") var workers: Int?
    @Flag(help: "Print the summary as JSON: standard output holds only it, and the progress lines go to standard error.") var json = false
    @Flag(help: "When the study exists with other settings, store and use the file's sampler, pruner and wider space (noted in the research log).") var force = false

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be >= 1, got \(workers)") }
    }

    func execute(trials: Int?, join: Bool) async throws {
        var studyFile = try StudyFile.read(path: file)
        if let trials { studyFile.trials = trials }
        let url = storage ?? studyFile.storage ?? "sqlite:sweep.db"
        let store = try StorageLocator.open(url, existing: join)  // a worker joins; it creates nothing
        if join { _ = try await store.study(named: studyFile.config.name) }
        let base = (file as NSString).deletingLastPathComponent
        // A training script may call `sweep report` itself: it finds the storage and study here.
        studyFile.objective.environment["SWEEP_STORAGE"] = StorageLocator.absolute(url)
        let objective = try Objectives.make(
            studyFile, baseDirectory: base.isEmpty ? "." : base, logDirectory: "sweep-logs/\(studyFile.config.name)")
        // With --json, standard output is the summary alone (`sweep run --json | jq` works).
        let printer = ProgressPrinter(to: json ? .standardError : .standardOutput)
        let cancellation = Cancellation()
        // Ctrl-C: stop asking, end running trials (recorded as failed and replaced next time).
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { sig in
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { cancellation.cancel() }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        let runner = LocalRunner(
            file: studyFile, storage: store, objective: objective, workers: workers, cancellation: cancellation,
            directory: base.isEmpty ? "." : base, force: force
        ) { printer.show($0) }
        let summary: RunSummary
        do {
            summary = try await runner.run()
        } catch {
            printer.finish()
            throw error
        }
        printer.finish()
        if json {
            try Output.json(WireRunSummary(summary))
        } else {
            for line in summary.lines { Output.line(line) }
        }
        if summary.failedWithoutResult { throw NoTrialCompleted(summary: summary) }
    }
}

/// `sweep run` fails when trials failed and none completed: a broken command must not look like
/// success to a script or CI job.
struct NoTrialCompleted: Error, CustomStringConvertible {
    var summary: RunSummary

    var description: String {
        let reason = summary.failures.first.map { "; trial \($0.number) failed: \($0.reason)" } ?? ""
        return "no trial of study '\(summary.study)' completed\(reason) (sweep show N tells more)"
    }
}

/// The live progress line: rewritten in place on a terminal, a plain line every few seconds otherwise.
final class ProgressPrinter: @unchecked Sendable {
    private let output: FileHandle
    private let interactive: Bool
    private let lock = NSLock()
    private var lastPrint = Date.distantPast
    private var last: RunProgress?

    init(to output: FileHandle) {
        self.output = output
        interactive = isatty(output.fileDescriptor) == 1
    }

    func show(_ p: RunProgress) {
        lock.lock()
        defer { lock.unlock() }
        last = p
        let every: TimeInterval = interactive ? 0.1 : 5
        guard Date().timeIntervalSince(lastPrint) >= every else { return }
        lastPrint = Date()
        write(p)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if let last { write(last) }
        if interactive { output.write(Data("\n".utf8)) }
    }

    private func write(_ p: RunProgress) {
        let text = interactive ? "\r\u{1B}[2K" + p.line : p.line + "\n"
        output.write(Data(text.utf8))
    }
}

extension WireRunSummary {
    init(_ s: RunSummary) {
        self.init(
            study: s.study, counts: s.counts, replaced: s.replaced, best: s.best, stepsRun: s.stepsRun, stepsSaved: s.stepsSaved,
            elapsedSeconds: s.elapsed, failures: s.failures.map { Failure(trial: $0.number, reason: $0.reason) })
    }
}
