import Foundation
import SweepCore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs an external training command per trial, following DESIGN.md's trial protocol.
///
/// The command gets the parameters as `--name value` arguments, as `SWEEP_PARAMS` (JSON) and with
/// `SWEEP_TRIAL`, `SWEEP_STUDY` and `SWEEP_SEED` (and `SWEEP_REPEAT` for a seed repetition, see
/// `RepeatedObjective`) in its environment. It prints metric lines on
/// stdout (see `MetricLineParser`); every other line goes to the trial's log. When the pruner stops
/// the trial the process gets SIGTERM and, after `gracePeriod` seconds, SIGKILL. A non-zero exit
/// fails the trial with the tail of its stderr; a zero exit completes it with its last objective
/// value. A zero exit without any `metric` value after refused metric lines fails the trial with
/// the first refusal. Lines longer than `LineReader.maxLineLength` are cut in the log and never
/// read as metrics; the timeout and Ctrl-C work whatever the command prints.
public struct CommandObjective: Objective {
    public var command: [String]
    public var workdir: String?
    public var environment: [String: String]
    public var timeout: Double?
    public var gracePeriod: Double
    /// Where each trial's log goes (`<logDirectory>/<trial>.log`); nil keeps no log file.
    public var logDirectory: String?
    /// The study's objective metric, to say why a trial reported none (nil: not checked here).
    public var metric: String?

    public init(
        command: [String], workdir: String? = nil, environment: [String: String] = [:], timeout: Double? = nil,
        gracePeriod: Double = 5, logDirectory: String? = nil, metric: String? = nil
    ) {
        self.metric = metric
        self.command = command
        self.workdir = workdir
        self.environment = environment
        self.timeout = timeout
        self.gracePeriod = gracePeriod
        self.logDirectory = logDirectory
    }

    /// The executable a command name means, as an absolute path: a path (relative to `workdir`)
    /// when it has a slash, else the first match on `path`. Absolute, because the command starts
    /// in `workdir`: a relative path would be looked for there a second time.
    static func resolve(_ name: String, workdir: String?, path: String) -> String? {
        let fm = FileManager.default
        if name.contains("/") {
            let full = Paths.absolute(name.hasPrefix("/") ? name : ((workdir ?? ".") as NSString).appendingPathComponent(name))
            return fm.isExecutableFile(atPath: full) ? full : nil
        }
        for dir in path.split(separator: ":") {
            let full = (String(dir) as NSString).appendingPathComponent(name)
            if fm.isExecutableFile(atPath: full) { return full }
        }
        return nil
    }

    /// The arguments a trial's parameters become: `--name value`, names sorted.
    public static func arguments(for params: [String: ParamValue]) -> [String] {
        params.keys.sorted().flatMap { ["--\($0)", params[$0]?.description ?? ""] }
    }

    public func evaluate(_ request: TrialRequest, reporter: TrialReporter) async throws -> TrialOutcome {
        let channel = ReportChannel()
        let isCancelled = reporter.cancellationCheck
        async let end = onOwnThread { [self] in run(request, channel: channel, isCancelled: isCancelled) }
        var verdict: TrialOutcome?
        while let batch = await channel.next() {
            guard verdict == nil else { continue }
            do {
                if try await reporter.report(batch) {
                    verdict = .pruned
                    channel.requestStop()
                }
            } catch {
                verdict = .failed("reporting step \(batch.last?.step ?? 0) failed: \(error)")
                channel.requestStop()
            }
        }
        let result = await end
        if result.malformedLines > 0 { await reporter.record("malformed_lines", .number(Double(result.malformedLines))) }
        return verdict ?? result.outcome
    }

    /// How the command's own thread saw the run end.
    struct CommandEnd: Sendable {
        /// How the trial ends unless the worker task stopped it (pruned, or a report failed).
        var outcome: TrialOutcome
        /// Lines that looked like metric lines and were refused.
        var malformedLines = 0
    }

    /// Starts the command, reads its output (metric lines go to `channel`, the rest to the log),
    /// and waits for it, on the calling thread, which it blocks. Stops the command on a timeout,
    /// when the run is cancelled, or when the worker task asks through `channel`.
    private func run(_ request: TrialRequest, channel: ReportChannel, isCancelled: @Sendable () -> Bool) -> CommandEnd {
        defer { channel.finish() }
        guard let name = command.first else { return CommandEnd(outcome: .failed("the command is empty")) }
        var env = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        guard let executable = Self.resolve(name, workdir: workdir, path: env["PATH"] ?? "/usr/bin:/bin") else {
            return CommandEnd(outcome: .failed("command not found: \(name) (looked in \(name.contains("/") ? "the working directory" : "PATH"))"))
        }
        env["SWEEP_PARAMS"] = Self.json(request.params)
        env["SWEEP_TRIAL"] = String(request.number)
        env["SWEEP_STUDY"] = request.study
        env["SWEEP_SEED"] = String(request.seed)
        if let repetition = request.repetition { env["SWEEP_REPEAT"] = String(repetition) }
        let log = TrialLog(directory: logDirectory, trial: request.number, repetition: request.repetition)
        let process: Subprocess
        do {
            process = try Subprocess(
                executable: executable, arguments: Array(command.dropFirst()) + Self.arguments(for: request.params),
                directory: workdir, environment: env)
        } catch {
            log.close()
            return CommandEnd(outcome: .failed("\(error)"))
        }
        let errTail = StreamTail(fd: process.stderr, log: log)
        errTail.start()
        var parser = MetricLineParser()
        let deadline = timeout.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        var reader = LineReader(fd: process.stdout)
        var outcome: TrialOutcome?
        var reportedMetric = false
        // Checked at every event, and while the worker task is behind: a command that never stops
        // printing, or a storage that is slow, still times out and still stops on Ctrl-C.
        func endNow() -> TrialOutcome? {
            if channel.stopRequested { return .pruned }
            if isCancelled() { return .failed("stopped by the user") }
            if let deadline, ContinuousClock.now >= deadline { return .failed("timed out after \(formatNumber(timeout ?? 0)) s") }
            return nil
        }
        readLoop: while true {
            let untilDeadline = deadline.map { max(0, ContinuousClock.now.duration(to: $0).milliseconds) } ?? 200
            let event = reader.next(timeoutMilliseconds: min(200, untilDeadline), beforeWaiting: channel.flush)
            if case .end = event { break readLoop }
            if let end = endNow() {
                outcome = end
                break readLoop
            }
            switch event {
            case .line(let bytes), .progress(let bytes):
                switch parser.parse(bytes) {
                case .metrics(let step, let values):
                    if let metric, values[metric] != nil { reportedMetric = true }
                    while channel.send(StepReport(step: step, metrics: values)) != .sent {
                        if let end = endNow() {
                            outcome = end
                            break readLoop
                        }
                    }
                case .log:
                    log.write(bytes)
                case .malformed(let reason):
                    log.write(Array("[sweep] malformed metric line (\(reason)): ".utf8)[...] + bytes)
                }
            case .cut(let head, let dropped):
                log.writeCut(head: head, dropped: dropped)
                parser.skip(head, length: head.count + dropped)
            case .timedOut, .end:
                continue
            }
        }
        if outcome != nil { stop(process) }
        let termination = process.wait()
        errTail.finish(timeout: outcome == nil ? 2 : 0.2)
        log.close()
        var end = CommandEnd(outcome: .complete(nil), malformedLines: parser.malformedCount)
        if let outcome {
            end.outcome = outcome
            return end
        }
        switch termination {
        case .signalled(let signal): end.outcome = .failed("killed by signal \(signal)\(errTail.tailSuffix)")
        case .exited(0):
            if let metric, !reportedMetric, let refusals = parser.refusalSummary {
                end.outcome = .failed("finished without reporting \(metric); \(refusals)")
            }
        case .exited(let code): end.outcome = .failed("exit code \(code)\(errTail.tailSuffix)")
        }
        return end
    }

    /// SIGTERM, then SIGKILL after the grace period, to the command's whole process group (the
    /// command and whatever it started).
    private func stop(_ process: Subprocess) {
        guard process.isRunning else {
            process.signalGroup(SIGKILL)
            return
        }
        process.signalGroup(SIGTERM)
        let end = ContinuousClock.now + .milliseconds(Int(gracePeriod * 1000))
        while process.isRunning && ContinuousClock.now < end { usleep(2_000) }
        process.signalGroup(SIGKILL)
    }

    private static func json(_ params: [String: ParamValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(params)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension Duration {
    fileprivate var milliseconds: Int {
        Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}
