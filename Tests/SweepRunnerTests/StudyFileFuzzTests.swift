import Foundation
import SweepCore
import Testing

@testable import SweepRunner

/// The study-file reader takes any text: mutations of a valid file (bytes dropped, repeated,
/// swapped, replaced with TOML's punctuation, huge and negative numbers, long lines) and random
/// bytes either parse or fail with a `SweepError` that names the file; none crash or hang, and
/// reading takes time linear in the file's size.
///
/// toml++ (TOMLKit's C++ core) asserts on headers such as `[=]` and array elements such as
/// `[1, }]`; `TOMLPreflight` refuses those first. This suite found that and three other bugs (a
/// direction error without its line; a Foundation trap in `SearchSpaceFile.lineNumber`; that
/// function run for every parameter, quadratic in a file of many parameters).
@Suite(.timeLimit(.minutes(10))) struct StudyFileFuzzTests {
    static let valid = """
        name = "fuzz"
        direction = "minimize"
        metric = "loss"
        trials = 20
        workers = 4
        seed = 7
        sampler = "tpe:n_startup_trials=5"
        pruner = "median:n_warmup_steps=2"
        heartbeat_timeout = 60
        [objective]
        command = ["python3", "train.py", "--epochs", "3"]
        timeout = 30
        retries = 1
        [params]
        lr = { type = "float", low = 1e-5, high = 0.1, log = true }
        layers = "int:1:8"
        opt = "cat:adam,sgd"
        """

    static let pieces: [String] = [
        "\n[", "\n[[", "\n[ ", "\r", "\"\"\"", "'''", "\\", "=", "\"", "[", "]", "{", "}", ",", "\n", "#", "'", ".", "-", "1e308", "-1e308", "nan", "inf",
        "99999999999999999999", "-1", "0", "true", "[[params]]", "\u{0}", "é", String(repeating: "x", count: 70_000),
    ]

    @Test(arguments: 0..<24)
    func mutatedFilesParseOrFailByName(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let base = Array(Self.valid.utf8)
        for _ in 0..<150 {
            var bytes = base
            for _ in 0...Int(rng.next() % 4) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(contentsOf: Array(Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))].utf8), at: at)
                case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 12)], at: at)
                default: bytes.swapAt(at, Int(rng.next() % UInt64(bytes.count)))
                }
            }
            Self.expectParsesOrFailsByName(bytes)
        }
    }

    /// Purely random bytes (invalid UTF-8 and all), and random text of TOML's characters, which
    /// gets further into the parser.
    @Test(arguments: 0..<8)
    func randomBytesParseOrFailByName(seed: UInt64) {
        var rng = SplitMix64(seed: 1_000 + seed)
        let alphabet = Array("ab_1e.-+=\"'[]{},#\n\r\t \\:".utf8)
        for k in 0..<300 {
            let count = Int(rng.next() % 300)
            let bytes = (0..<count).map { _ in
                k % 2 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            Self.expectParsesOrFailsByName(bytes)
        }
    }

    static func expectParsesOrFailsByName(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let file = try StudyFile.parse(text, source: "fuzz.toml")
            #expect(file.trials >= 1 && file.workers >= 1, "a parsed file is usable: \(file.trials) trials, \(file.workers) workers")
        } catch {
            #expect("\(error)".contains("fuzz.toml"), "the error names the file: \(error)")
        }
    }

    /// What grows in a long study file: `unit(i)` is repeated after `head`.
    static let growing: [(name: String, head: String, unit: @Sendable (Int) -> String)] = [
        ("parameters", valid + "\n", { "p\($0) = \"float:0:\($0 + 1)\"\n" }),
        ("inline tables", valid + "\n", { "q\($0) = { type = \"int\", low = 0, high = \($0 + 1) }\n" }),
        ("comments", "# a study\n", { "# line \($0) of a long comment\n" }),
        ("a long string", "name = \"", { _ in "abcdefghij" }),
        ("a long array", "[objective]\ncommand = [\"python3\"", { ", \"--flag\($0)\"" }),
    ]

    /// Reading a file takes time linear in its length, whatever grows.
    @Test(arguments: 0..<growing.count)
    func readingTakesLinearTime(kind: Int) {
        let (name, head, unit) = Self.growing[kind]
        func time(_ bytes: Int) -> Duration {
            var text = head
            var i = 0
            while text.utf8.count < bytes {
                text += unit(i)
                i += 1
            }
            let started = ContinuousClock.now
            _ = try? StudyFile.parse(text, source: "long.toml")
            return ContinuousClock.now - started
        }
        let size = 200_000
        expectLinearTime(upTo: size, slack: .milliseconds(100), name, time: time)
        #expect(time(size) < .seconds(30), "\(name): a quadratic read of \(size) bytes")
    }
}
