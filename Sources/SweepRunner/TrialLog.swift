import Foundation

/// A trial's log file: the lines its command printed that were not metrics, and its stderr.
final class TrialLog: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()

    /// The log of trial `trial` in `directory` (`N.log`, or `N.R.log` for its repetition R).
    init(directory: String?, trial: Int, repetition: Int? = nil) {
        guard let directory else {
            handle = nil
            return
        }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let name = repetition.map { "\(trial).\($0).log" } ?? "\(trial).log"
        let path = (directory as NSString).appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = FileHandle(forWritingAtPath: path)
    }

    func write(_ line: ArraySlice<UInt8>) {
        guard let handle else { return }
        lock.lock()
        defer { lock.unlock() }
        var data = Data(line)
        data.append(UInt8(ascii: "\n"))
        handle.write(data)
    }

    /// Writes the head of a line that was too long, then a marker saying how much was dropped.
    func writeCut(head: ArraySlice<UInt8>, dropped: Int) {
        write(head + Array(Self.cutMarker(dropped: dropped).utf8))
    }

    /// What follows the head of a cut line in the log.
    static func cutMarker(dropped: Int) -> String {
        " [sweep: line longer than \(LineReader.maxLineLength) bytes, cut here; \(dropped) more bytes dropped]"
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        try? handle?.close()
    }
}

/// Drains a stream (the command's stderr) on a thread of its own, into the log, keeping its tail.
///
/// The stream is read as a terminal shows it: text ended by a lone `\r` (a progress bar drawing
/// itself again) is replaced by what comes next, so the log and the tail get a progress bar's
/// last state only. Reading never waits on anything but the stream (the child never blocks on a
/// full pipe while the log keeps up) and takes time linear in the output.
final class StreamTail: @unchecked Sendable {
    private let fd: Int32
    private let log: TrialLog
    private let lock = NSLock()
    private var tail: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)
    /// How many bytes of the stream's last lines `tailSuffix` shows.
    static let keep = 2_000

    init(fd: Int32, log: TrialLog) {
        self.fd = fd
        self.log = log
    }

    func start() {
        let thread = Thread { [self] in
            drain()
            done.signal()
        }
        thread.start()
    }

    private func drain() {
        var reader = LineReader(fd: fd, splitsOnCarriageReturn: true)
        // The last progress text not yet followed by a line end.
        var progress: [UInt8] = []
        while true {
            switch reader.next(timeoutMilliseconds: -1) {
            case .line(let line):
                progress.removeAll(keepingCapacity: true)
                log.write(line)
                keepTail(line)
            case .progress(let text):
                progress.replaceSubrange(progress.indices, with: text)
            case .cut(let head, let dropped):
                progress.removeAll(keepingCapacity: true)
                log.writeCut(head: head, dropped: dropped)
                keepTail(head.suffix(Self.keep) + Array(TrialLog.cutMarker(dropped: dropped).utf8))
            case .timedOut:
                continue
            case .end:
                if !progress.isEmpty {
                    log.write(progress[...])
                    keepTail(progress[...])
                }
                return
            }
        }
    }

    private func keepTail(_ line: ArraySlice<UInt8>) {
        lock.lock()
        defer { lock.unlock() }
        tail.append(contentsOf: line.suffix(Self.keep))
        tail.append(UInt8(ascii: "\n"))
        if tail.count > 2 * Self.keep { tail.removeFirst(tail.count - Self.keep) }
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
