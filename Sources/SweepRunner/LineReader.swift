import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads lines from a file descriptor with a timeout, in large chunks (no per-line system call).
struct LineReader {
    enum Event {
        case line(ArraySlice<UInt8>)
        case timedOut
        case end
    }

    let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(fd: Int32) { self.fd = fd }

    /// The next line (without its newline); `timeoutMilliseconds` < 0 waits forever.
    mutating func next(timeoutMilliseconds: Int) -> Event {
        while true {
            if let nl = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start..<nl]
                start = nl + 1
                return .line(line)
            }
            if atEnd {
                guard start < buffer.count else { return .end }
                let line = buffer[start...]
                start = buffer.count
                return .line(line)
            }
            // Keep the unread tail only; drop what was consumed.
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(clamping: timeoutMilliseconds))
            if ready == 0 { return .timedOut }
            if ready < 0 {
                if errno == EINTR { continue }
                atEnd = true
                continue
            }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
            } else if n == 0 || errno != EINTR {
                atEnd = true
            }
        }
    }
}
