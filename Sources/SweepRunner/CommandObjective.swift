import Foundation
import SweepCore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs an external training command per trial, following DESIGN.md's trial protocol.
///
/// The command gets the parameters as `--name value` arguments, as `SWEEP_PARAMS` (JSON) and with
/// `SWEEP_TRIAL`, `SWEEP_STUDY` and `SWEEP_SEED` in its environment. It prints metric lines on
/// stdout (see `MetricLineParser`); every other line goes to the trial's log. When the pruner stops
/// the trial the process gets SIGTERM and, after `gracePeriod` seconds, SIGKILL. A non-zero exit
/// fails the trial with the tail of its stderr; a zero exit completes it with its last objective
/// value.
public struct CommandObjective: Objective {
    public var command: [String]
    public var workdir: String?
    public var environment: [String: String]
    public var timeout: Double?
    public var gracePeriod: Double
    /// Where each trial's log goes (`<logDirectory>/<trial>.log`); nil keeps no log file.
    public var logDirectory: String?

    public init(
        command: [String], workdir: String? = nil, environment: [String: String] = [:], timeout: Double? = nil,
        gracePeriod: Double = 5, logDirectory: String? = nil
    ) {
        self.command = command
        self.workdir = workdir
        self.environment = environment
        self.timeout = timeout
        self.gracePeriod = gracePeriod
        self.logDirectory = logDirectory
    }

    /// The arguments a trial's parameters become: `--name value`, names sorted.
    public static func arguments(for params: [String: ParamValue]) -> [String] {
        params.keys.sorted().flatMap { ["--\($0)", params[$0]?.description ?? ""] }
    }

    public func evaluate(_ request: TrialRequest, reporter: TrialReporter) throws -> TrialOutcome {
        guard let executable = command.first else { return .failed("the command is empty") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + command.dropFirst() + Self.arguments(for: request.params)
        if let workdir { process.currentDirectoryURL = URL(fileURLWithPath: workdir) }
        var env = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        env["SWEEP_PARAMS"] = Self.json(request.params)
        env["SWEEP_TRIAL"] = String(request.number)
        env["SWEEP_STUDY"] = request.study
        env["SWEEP_SEED"] = String(request.seed)
        process.environment = env
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let log = TrialLog(directory: logDirectory, trial: request.number)
        do {
            try process.run()
        } catch {
            return .failed("could not start \(command.joined(separator: " ")): \(error.localizedDescription)")
        }
        let errTail = StreamTail(handle: stderr.fileHandleForReading, log: log)
        errTail.start()
        var parser = MetricLineParser()
        let deadline = timeout.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        var reader = LineReader(fd: stdout.fileHandleForReading.fileDescriptor)
        var outcome: TrialOutcome?
        readLoop: while true {
            let untilDeadline = deadline.map { max(0, ContinuousClock.now.duration(to: $0).milliseconds) } ?? 200
            switch reader.next(timeoutMilliseconds: min(200, untilDeadline)) {
            case .line(let bytes):
                switch parser.parse(bytes) {
                case .metrics(let step, let values):
                    do {
                        if try reporter.report(step: step, metrics: values) {
                            outcome = .pruned
                            break readLoop
                        }
                    } catch {
                        outcome = .failed("reporting step \(step) failed: \(error)")
                        break readLoop
                    }
                case .log:
                    log.write(bytes)
                case .malformed(let reason):
                    log.write(Array("[sweep] malformed metric line (\(reason)): ".utf8)[...] + bytes)
                }
            case .timedOut:
                if reporter.isCancelled {
                    outcome = .failed("stopped by the user")
                    break readLoop
                }
                if let deadline, ContinuousClock.now >= deadline {
                    outcome = .failed("timed out after \(formatNumber(timeout ?? 0)) s")
                    break readLoop
                }
            case .end:
                break readLoop
            }
        }
        if outcome != nil { stop(process) }
        process.waitUntilExit()
        errTail.finish(timeout: outcome == nil ? 2 : 0.2)
        log.close()
        if parser.malformedCount > 0 { reporter.record("malformed_lines", .number(Double(parser.malformedCount))) }
        if let outcome { return outcome }
        if process.terminationReason == .uncaughtSignal {
            return .failed("killed by signal \(process.terminationStatus)\(errTail.tailSuffix)")
        }
        guard process.terminationStatus == 0 else {
            return .failed("exit code \(process.terminationStatus)\(errTail.tailSuffix)")
        }
        return .complete(nil)
    }

    /// SIGTERM, then SIGKILL after the grace period, to the command's whole process group (the
    /// command and whatever it started).
    private func stop(_ process: Process) {
        let group = -process.processIdentifier
        guard process.isRunning else {
            kill(group, SIGKILL)
            return
        }
        kill(group, SIGTERM)
        let end = ContinuousClock.now + .milliseconds(Int(gracePeriod * 1000))
        while process.isRunning && ContinuousClock.now < end { usleep(5_000) }
        kill(group, SIGKILL)
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
