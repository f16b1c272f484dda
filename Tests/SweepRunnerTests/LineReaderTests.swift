import Foundation
import Testing

@testable import SweepRunner

#if canImport(Glibc)
    import Glibc
#endif

/// A pipe whose write end a thread of its own fills (so the reader and the writer never
/// deadlock), then closes.
struct FedPipe {
    let readEnd: Int32

    /// Writes `pieces` in order, then closes the write end; `forever` repeats the last piece
    /// until the reader closes its end.
    init(_ pieces: [[UInt8]], forever: Bool = false) {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0)
        signal(SIGPIPE, SIG_IGN)
        readEnd = fds[0]
        let writeEnd = fds[1]
        let thread = Thread {
            func put(_ bytes: [UInt8]) -> Bool {
                var offset = 0
                while offset < bytes.count {
                    let n = bytes[offset...].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
                    if n < 0 { return errno == EINTR }
                    offset += n
                }
                return true
            }
            var open = true
            for piece in pieces where open { open = put(piece) }
            while forever && open, let last = pieces.last { open = put(last) }
            Glibc.close(writeEnd)
        }
        thread.start()
    }

    func close() { _ = Glibc.close(readEnd) }
}

/// Every event until the end, with `.timedOut` left out.
private func events(_ reader: inout LineReader) -> [LineReader.Event] {
    var out: [LineReader.Event] = []
    while true {
        let e = reader.next(timeoutMilliseconds: 5_000)
        if case .end = e { return out }
        if case .timedOut = e { continue }
        out.append(e)
    }
}

private func text(_ e: LineReader.Event) -> String {
    switch e {
    case .line(let b): return "line:" + String(decoding: b, as: UTF8.self)
    case .progress(let b): return "progress:" + String(decoding: b, as: UTF8.self)
    case .cut(let head, let dropped): return "cut:\(head.count)+\(dropped)"
    case .timedOut: return "timedOut"
    case .end: return "end"
    }
}

@Suite struct LineReaderTests {
    @Test func readsLinesAndTheUnterminatedLastOne() {
        let p = FedPipe([Array("a\nbb\n\nc".utf8)])
        defer { p.close() }
        var r = LineReader(fd: p.readEnd)
        #expect(events(&r).map(text) == ["line:a", "line:bb", "line:", "line:c"])
    }

    @Test func aLineLongerThanTheLimitIsCutAndTheNextLineIsWhole() {
        let p = FedPipe([Array(repeating: UInt8(ascii: "x"), count: 10_000), Array("\nnext\n".utf8)])
        defer { p.close() }
        var r = LineReader(fd: p.readEnd, maxLineLength: 1_000)
        #expect(events(&r).map(text) == ["cut:1000+9000", "line:next"])
    }

    @Test func aLongLastLineWithoutNewlineIsCutToo() {
        let p = FedPipe([Array(repeating: UInt8(ascii: "y"), count: 5_000)])
        defer { p.close() }
        var r = LineReader(fd: p.readEnd, maxLineLength: 1_000)
        #expect(events(&r).map(text) == ["cut:1000+4000"])
    }

    @Test func carriageReturnsSplitProgressWhenAsked() {
        let p = FedPipe([Array("\r10%\r20%\r".utf8), Array("\n100%\r\nerror\n".utf8)])
        defer { p.close() }
        var r = LineReader(fd: p.readEnd, splitsOnCarriageReturn: true)
        // "\r" then "\n" in the next chunk is one line end; "\r\n" too.
        #expect(events(&r).map(text) == ["progress:", "progress:10%", "line:20%", "line:100%", "line:error"])
    }

    @Test func withoutCarriageReturnSplittingTheyStayInTheLine() {
        let p = FedPipe([Array("a\rb\r\n".utf8)])
        defer { p.close() }
        var r = LineReader(fd: p.readEnd)
        #expect(events(&r).map(text) == ["line:a\rb\r"])
    }

    /// Used to rescan the buffer on every chunk: a 50 MB line took minutes.
    @Test func aFiftyMegabyteLineIsReadInAFewSeconds() {
        let size = 50_000_000
        let p = FedPipe([Array(repeating: UInt8(ascii: "z"), count: size), Array("\n{\"step\": 0}\n".utf8)])
        defer { p.close() }
        var r = LineReader(fd: p.readEnd)
        let started = ContinuousClock.now
        let seen = events(&r).map(text)
        let took = ContinuousClock.now - started
        #expect(seen == ["cut:\(LineReader.maxLineLength)+\(size - LineReader.maxLineLength)", "line:{\"step\": 0}"])
        #expect(took < .seconds(30), "took \(took) (the bug was minutes)")
    }

    /// Reading time grows linearly with the bytes (quadratic reading gave minutes).
    @Test func readingTimeGrowsLinearly() {
        func time(_ size: Int) -> Duration {
            let p = FedPipe([Array(repeating: UInt8(ascii: "q"), count: size)])
            defer { p.close() }
            var r = LineReader(fd: p.readEnd, maxLineLength: 64 * size)
            let started = ContinuousClock.now
            _ = events(&r)
            return ContinuousClock.now - started
        }
        expectLinearTime(upTo: 8_000_000, "a line of q", time: time)
    }

    /// The caller's deadline must come round while bytes keep arriving (a timeout never fired).
    @Test func timesOutWhileALineKeepsComing() {
        let p = FedPipe([Array(repeating: UInt8(ascii: "w"), count: 1 << 16)], forever: true)
        defer { p.close() }
        var r = LineReader(fd: p.readEnd)
        let started = ContinuousClock.now
        var timedOut = false
        for _ in 0..<1_000 {
            if case .timedOut = r.next(timeoutMilliseconds: 50) {
                timedOut = true
                break
            }
        }
        #expect(timedOut)
        #expect(ContinuousClock.now - started < .seconds(10), "the deadline was never seen before the fix")
    }
}
