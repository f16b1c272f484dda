import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads lines from a file descriptor with a timeout, in large chunks (no per-line system call).
///
/// Every byte is looked at once, so reading takes time linear in the input, however long its
/// lines. A line longer than `maxLineLength` is cut: its first `maxLineLength` bytes come back
/// as `.cut` with the count of the bytes dropped, and nothing more of it is kept in memory.
/// `next` returns `.timedOut` when its time is up even while data keeps coming, so a caller's
/// deadlines and cancellation work during any output.
struct LineReader {
    enum Event {
        /// A line without its terminator.
        case line(ArraySlice<UInt8>)
        /// Text ended by a lone `\r` (a progress bar redrawing itself); only when
        /// `splitsOnCarriageReturn`.
        case progress(ArraySlice<UInt8>)
        /// A line longer than `maxLineLength`: its first `maxLineLength` bytes and how many
        /// bytes after them were dropped.
        case cut(head: ArraySlice<UInt8>, dropped: Int)
        case timedOut
        case end
    }

    /// The longest line kept whole (1 MiB); longer lines are cut.
    static let maxLineLength = 1 << 20

    let fd: Int32
    /// Whether a lone `\r` ends a piece of text too (`\r\n` is always one line end).
    let splitsOnCarriageReturn: Bool
    let maxLineLength: Int
    private var buffer: [UInt8] = []
    /// The first unconsumed byte.
    private var start = 0
    /// Where the search for a line end resumes (bytes in `start..<scanned` hold none).
    private var scanned = 0
    private var atEnd = false
    /// While a long line is being dropped: its head and how many bytes were dropped so far.
    private var cutHead: [UInt8]?
    private var dropped = 0
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(fd: Int32, splitsOnCarriageReturn: Bool = false, maxLineLength: Int = LineReader.maxLineLength) {
        self.fd = fd
        self.splitsOnCarriageReturn = splitsOnCarriageReturn
        self.maxLineLength = max(1, maxLineLength)
    }

    /// The next line (without its terminator); `timeoutMilliseconds` < 0 waits forever. The time
    /// counts from the call: past it the answer is `.timedOut`, even when bytes are still arriving.
    /// `beforeWaiting` runs each time every buffered line has been returned and the reader is about
    /// to wait for more bytes.
    mutating func next(timeoutMilliseconds: Int, beforeWaiting: () -> Void = {}) -> Event {
        let deadline = timeoutMilliseconds < 0 ? nil : ContinuousClock.now + .milliseconds(timeoutMilliseconds)
        while true {
            if let event = nextBuffered() { return event }
            if atEnd { return finalEvent() }
            compact()
            beforeWaiting()
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(clamping: deadline.map(Self.millisecondsLeft) ?? -1))
            if ready == 0 { return .timedOut }
            if ready < 0 {
                if errno != EINTR { atEnd = true }
                continue
            }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
            } else if n == 0 || errno != EINTR {
                atEnd = true
            }
            if let deadline, ContinuousClock.now >= deadline, !atEnd {
                if let event = nextBuffered() { return event }
                return .timedOut
            }
        }
    }

    /// Milliseconds until `deadline`, rounded up (0 once it passed).
    private static func millisecondsLeft(_ deadline: ContinuousClock.Instant) -> Int {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return 0 }
        let c = left.components
        return Int(clamping: c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000 + 1)
    }

    /// A line, progress text or cut line complete in the buffer, if any.
    private mutating func nextBuffered() -> Event? {
        guard let (end, next, carriage) = findTerminator() else {
            startCutIfTooLong()
            return nil
        }
        let line = buffer[start..<end]
        start = next
        scanned = next
        if let head = cutHead {
            cutHead = nil
            let count = dropped + line.count
            dropped = 0
            return .cut(head: head[...], dropped: count)
        }
        if line.count > maxLineLength {
            return .cut(head: line.prefix(maxLineLength), dropped: line.count - maxLineLength)
        }
        return carriage ? .progress(line) : .line(line)
    }

    /// The end of the text at the end of the input.
    private mutating func finalEvent() -> Event {
        if let head = cutHead {
            cutHead = nil
            let count = dropped + buffer.count - start
            dropped = 0
            start = buffer.count
            scanned = start
            return .cut(head: head[...], dropped: count)
        }
        guard start < buffer.count else { return .end }
        let line = buffer[start...]
        start = buffer.count
        scanned = start
        if line.count > maxLineLength {
            return .cut(head: line.prefix(maxLineLength), dropped: line.count - maxLineLength)
        }
        return .line(line)
    }

    /// The first line end from `scanned`: where the text ends, where the next begins, and
    /// whether it was a lone `\r`. Nil when the buffer holds none yet (a `\r` last in the buffer
    /// waits for the next byte: it may be the start of `\r\n`).
    private mutating func findTerminator() -> (Int, Int, Bool)? {
        let count = buffer.count
        let found: (Int, Int, Bool)? = buffer.withUnsafeBufferPointer { bytes in
            var i = scanned
            while i < count {
                let c = bytes[i]
                if c == 0x0A { return (i, i + 1, false) }
                if c == 0x0D && splitsOnCarriageReturn {
                    if i + 1 < count { return bytes[i + 1] == 0x0A ? (i, i + 2, false) : (i, i + 1, true) }
                    if atEnd { return (i, i + 1, true) }
                    return nil
                }
                i += 1
            }
            return nil
        }
        if found == nil {
            // Resume after what was searched; a trailing `\r` is searched again.
            scanned = splitsOnCarriageReturn && count > start && buffer[count - 1] == 0x0D ? count - 1 : count
        }
        return found
    }

    /// Once the unfinished line is longer than the limit, keep its head and drop the rest.
    private mutating func startCutIfTooLong() {
        if cutHead != nil {
            // Keep a trailing `\r` (it may start `\r\n`); drop the rest.
            let keep = scanned < buffer.count ? buffer.count - scanned : 0
            dropped += buffer.count - start - keep
            start = buffer.count - keep
            return
        }
        guard buffer.count - start > maxLineLength else { return }
        cutHead = Array(buffer[start..<(start + maxLineLength)])
        let keep = scanned < buffer.count ? buffer.count - scanned : 0
        dropped = buffer.count - start - maxLineLength - keep
        start = buffer.count - keep
    }

    /// Drops consumed bytes once they are at least half the buffer (linear overall).
    private mutating func compact() {
        guard start > 0, start >= buffer.count - start else { return }
        buffer.removeSubrange(0..<start)
        scanned -= start
        start = 0
    }

}
