import Foundation

/// A trial's log file: the lines its command printed that were not metrics, and its stderr.
final class TrialLog: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()

    init(directory: String?, trial: Int) {
        guard let directory else {
            handle = nil
            return
        }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("\(trial).log")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = FileHandle(forWritingAtPath: path)
    }

    func write(_ line: ArraySlice<UInt8>) {
        guard let handle else { return }
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data(line) + Data([UInt8(ascii: "\n")]))
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        try? handle?.close()
    }
}

/// Drains a stream (the command's stderr) on a thread of its own, into the log, keeping its tail.
final class StreamTail: @unchecked Sendable {
    private let fd: Int32
    private let log: TrialLog
    private let lock = NSLock()
    private var tail: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)
    private static let keep = 2_000

    init(fd: Int32, log: TrialLog) {
        self.fd = fd
        self.log = log
    }

    func start() {
        let thread = Thread { [self] in
            var reader = LineReader(fd: fd)
            while case .line(let line) = reader.next(timeoutMilliseconds: -1) {
                log.write(line)
                lock.lock()
                tail.append(contentsOf: line)
                tail.append(UInt8(ascii: "\n"))
                if tail.count > 2 * Self.keep { tail.removeFirst(tail.count - Self.keep) }
                lock.unlock()
            }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the stream to close, at most `timeout` seconds (a child the command left behind
    /// may hold it open).
    func finish(timeout: Double) {
        _ = done.wait(timeout: .now() + timeout)
    }

    /// ": <last lines of stderr>" or "" when it printed nothing.
    var tailSuffix: String {
        lock.lock()
        defer { lock.unlock() }
        let text = String(decoding: tail.suffix(Self.keep), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : ": \(text)"
    }
}
