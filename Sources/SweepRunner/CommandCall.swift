import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One call of a shell command that reads a document on stdin and answers on stdout: how command
/// judges and command samplers talk to their program.
///
/// The command runs under `/bin/sh -c` in its own process group. Its input is written while its
/// output is read (so a large input never deadlocks against a chatty program); when the time is
/// up the whole group is killed.
struct CommandCall {
    /// What came back.
    struct Result: Sendable {
        var stdout: String
        /// The last few kilobytes of stderr.
        var stderr: String
        var exitStatus: Int32?
        var signal: Int32?
        var timedOut: Bool
        /// Why the command could not start, when it could not.
        var startError: String?

        /// Whether the program could not be started at all: no such command (the shell's 127), not
        /// executable (126), or the spawn failed.
        var couldNotStart: Bool { startError != nil || exitStatus == 126 || exitStatus == 127 }

        /// A short account of a failed call for logs, nil when the command exited 0 in time.
        var failure: String? {
            if let startError { return startError }
            if timedOut { return "it did not answer in time" }
            if let signal { return "it was killed by signal \(signal)" }
            if let exitStatus, exitStatus != 0 {
                let tail = stderr.split(separator: "\n").suffix(3).joined(separator: " | ")
                return "it exited with status \(exitStatus)\(tail.isEmpty ? "" : ": \(tail)")"
            }
            return nil
        }
    }

    /// The shell command line.
    var command: String
    /// Seconds the command may take.
    var timeout: Double
    /// Where it runs (nil: the current directory).
    var directory: String?
    /// Extra environment variables.
    var environment: [String: String] = [:]
    /// Output beyond this many bytes is dropped.
    var outputLimit = 1 << 20

    /// Runs the command with `input` on its stdin.
    func run(input: String) -> Result {
        ignoreBrokenPipes()
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        let process: Subprocess
        do {
            process = try Subprocess(
                executable: "/bin/sh", arguments: ["-c", command], directory: directory, environment: env,
                pipeStdin: true)
        } catch {
            return Result(stdout: "", stderr: "", timedOut: false, startError: "\(error)")
        }
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        var pending = Array(input.utf8)[...]
        _ = fcntl(process.stdin, F_SETFL, fcntl(process.stdin, F_GETFL) | O_NONBLOCK)
        if pending.isEmpty { process.closeStdin() }
        var out: [UInt8] = []
        var err: [UInt8] = []
        var outOpen = true
        var errOpen = true
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while outOpen || errOpen {
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                timedOut = true
                break
            }
            var fds: [pollfd] = []
            if outOpen { fds.append(pollfd(fd: process.stdout, events: Int16(POLLIN), revents: 0)) }
            if errOpen { fds.append(pollfd(fd: process.stderr, events: Int16(POLLIN), revents: 0)) }
            if process.stdin >= 0 { fds.append(pollfd(fd: process.stdin, events: Int16(POLLOUT), revents: 0)) }
            let ms = Int32(min(Double(Int32.max), max(1, left.seconds * 1000)))
            guard poll(&fds, nfds_t(fds.count), ms) >= 0 || errno == EINTR else { break }
            for fd in fds where fd.revents != 0 {
                if fd.fd == process.stdin {
                    let written = pending.withUnsafeBytes { write(process.stdin, $0.baseAddress, $0.count) }
                    if written > 0 { pending = pending.dropFirst(written) }
                    if pending.isEmpty || (written < 0 && errno != EAGAIN && errno != EINTR) { process.closeStdin() }
                    continue
                }
                let n = buffer.withUnsafeMutableBytes { read(fd.fd, $0.baseAddress, $0.count) }
                if n <= 0 {
                    if n == 0 || (errno != EINTR && errno != EAGAIN) {
                        if fd.fd == process.stdout { outOpen = false } else { errOpen = false }
                    }
                    continue
                }
                if fd.fd == process.stdout {
                    if out.count < outputLimit { out.append(contentsOf: buffer[0..<min(n, outputLimit - out.count)]) }
                } else {
                    err.append(contentsOf: buffer[0..<n])
                    if err.count > 16_384 { err.removeFirst(err.count - 8_192) }
                }
            }
        }
        process.closeStdin()
        if timedOut { process.signalGroup(SIGKILL) }
        let termination = process.wait()
        var result = Result(
            stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
            timedOut: timedOut)
        switch termination {
        case .exited(let status): result.exitStatus = status
        case .signalled(let signal): result.signal = timedOut ? nil : signal
        }
        return result
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}

/// Writing to a program that closed its stdin must give EPIPE, not end this process.
private func ignoreBrokenPipes() {
    _ = brokenPipesIgnored
}

private let brokenPipesIgnored: Void = {
    signal(SIGPIPE, SIG_IGN)
}()
