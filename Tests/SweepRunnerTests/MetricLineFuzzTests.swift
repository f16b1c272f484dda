import Foundation
import SweepCore
import Testing

@testable import SweepRunner

/// Random, mutated and hostile input for the metric-line reader (the line reader and the parser
/// behind it): it must never trap, must account for every byte, and must take linear time.
@Suite(.timeLimit(.minutes(10))) struct MetricLineFuzzTests {
    static let seeds: [UInt64] = Array(1...6)

    static let seedsLines = [
        #"{"step": 12, "reward": 0.41, "loss": 1.9e-3}"#, #"{"step": 0, "a": null, "b": "nan", "c": -Infinity}"#,
        #"{"step": 1, "phase": "train", "ok": true, "hist": [1, 2, {"a": "]"}], "r": 3}"#, #"{"a\"b": 2, "\u00e9": 1}"#,
        #"{"step": -1}"#, #"{"step": "3"}"#, "epoch 3 done", "", "{", "}", #"{"x": 1e999}"#, #"{"x": -}"#,
    ]

    /// A line made by mutating a valid one: bytes replaced, inserted, deleted, cut or repeated.
    static func mutated(_ random: inout SplitMix64) -> [UInt8] {
        var bytes = Array(seedsLines.randomElement(using: &random)!.utf8)
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            let interesting: [UInt8] = [0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x3A, 0x2C, 0x2D, 0x65, 0x00, 0xFF, 0xC3, 0x0D, 0x20]
            let b = Bool.random(using: &random) ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            let i = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0 where !bytes.isEmpty: bytes[i] = b
            case 1: bytes.insert(b, at: i)
            case 2 where !bytes.isEmpty: bytes.remove(at: i)
            case 3: bytes = Array(bytes.prefix(i))
            default: bytes += bytes.prefix(Int.random(in: 0...8, using: &random))
            }
        }
        return bytes.filter { $0 != 0x0A }
    }

    /// Random bytes (invalid UTF-8 and all), without newlines.
    static func garbage(_ random: inout SplitMix64, count: Int) -> [UInt8] {
        (0..<count).map { _ in
            let b = UInt8.random(in: 0...255, using: &random)
            return b == 0x0A ? 0x0B : b
        }
    }

    @Test(arguments: seeds)
    func theParserTakesAnyLine(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var parser = MetricLineParser()
        var malformed = 0
        for k in 0..<5_000 {
            var line = k % 3 == 0 ? Self.garbage(&random, count: Int.random(in: 0...200, using: &random)) : Self.mutated(&random)
            if k % 7 == 0 { line.insert(UInt8(ascii: "{"), at: 0) }
            switch parser.parse(line[...]) {
            case .metrics(let step, _): #expect(step >= 0)
            case .malformed(let reason):
                malformed += 1
                #expect(!reason.isEmpty)
            case .log: break
            }
        }
        #expect(parser.malformedCount == malformed)
        #expect(parser.lineCount == 5_000)
        if malformed > 0 { #expect(parser.refusalSummary?.contains("\(malformed) metric line") == true) }
    }

    /// Parsing the longest line the reader passes on takes time linear in its length.
    @Test(arguments: [
        ("{\"a\": [", "1,"), ("{\"k\": \"", "\\\""), ("{", "\"a\": 1, "), ("{\"a\": ", "[[[["), ("{\"s\": \"", "é"),
        ("{\"n\": ", "9"),
    ])
    func longLinesParseInLinearTime(head: String, unit: String) {
        func time(_ bytes: Int) -> Duration {
            var line = Array(head.utf8)
            let unit = Array(unit.utf8)
            while line.count < bytes { line += unit }
            var parser = MetricLineParser()
            let started = ContinuousClock.now
            _ = parser.parse(line[...])
            return ContinuousClock.now - started
        }
        expectLinearTime(upTo: LineReader.maxLineLength, "\(head)\(unit)...", time: time)
        #expect(time(LineReader.maxLineLength) < .seconds(10), "a quadratic parse of a 1 MiB line takes minutes")
    }

    /// Random chunks of lines, long lines, `\r` and garbage through a pipe: every byte is a line,
    /// a terminator or counted as dropped, and the parser takes whatever comes.
    @Test(arguments: seeds)
    func theReaderAccountsForEveryByte(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var pieces: [[UInt8]] = []
        var total = 0
        for _ in 0..<300 {
            var piece: [UInt8]
            switch Int.random(in: 0..<6, using: &random) {
            case 0: piece = Self.garbage(&random, count: Int.random(in: 0...3_000, using: &random))
            case 1: piece = [UInt8](repeating: UInt8(ascii: "{"), count: Int.random(in: 0...9_000, using: &random))
            case 2: piece = Array("\r\n".utf8)
            default: piece = Self.mutated(&random)
            }
            if Bool.random(using: &random) { piece.append(0x0A) }
            total += piece.count
            pieces.append(piece)
        }
        let carriage = seed % 2 == 0
        let p = FedPipe(pieces)
        defer { p.close() }
        var reader = LineReader(fd: p.readEnd, splitsOnCarriageReturn: carriage, maxLineLength: 4_096)
        var parser = MetricLineParser()
        var accounted = 0
        loop: while true {
            switch reader.next(timeoutMilliseconds: 5_000) {
            case .line(let bytes), .progress(let bytes):
                #expect(bytes.count <= 4_096)
                _ = parser.parse(bytes)
                accounted += bytes.count
            case .cut(let head, let dropped):
                #expect(head.count == 4_096 && dropped > 0)
                parser.skip(head, length: head.count + dropped)
                accounted += head.count + dropped
            case .timedOut:
                Issue.record("the pipe stalled")
                break loop
            case .end:
                break loop
            }
        }
        // What is not text is line ends: "\n", "\r\n", or a lone "\r" when splitting on it.
        let all = pieces.flatMap { $0 }
        var ends = 0
        var i = 0
        while i < all.count {
            if all[i] == 0x0A {
                ends += 1
            } else if carriage && all[i] == 0x0D {
                ends += i + 1 < all.count && all[i + 1] == 0x0A ? 2 : 1
                if i + 1 < all.count && all[i + 1] == 0x0A { i += 1 }
            }
            i += 1
        }
        #expect(accounted + ends == total)
    }
}
