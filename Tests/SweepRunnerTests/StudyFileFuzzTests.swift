import Foundation
import SweepCore
import Testing

@testable import SweepRunner

/// The study-file reader takes any text: mutations of a valid file (bytes dropped, repeated,
/// swapped, replaced with TOML's punctuation, huge and negative numbers, long lines) either parse
/// or fail with a `SweepError` that names the file; none crash or hang.
///
/// toml++ (TOMLKit's C++ core) asserts on headers such as `[=]`; `TOMLHeaderCheck` refuses those
/// first. This suite found that and two other bugs (a direction error without its line; a
/// Foundation trap in `SearchSpaceFile.lineNumber`).
struct StudyFileFuzzTests {
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
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let file = try StudyFile.parse(text, source: "fuzz.toml")
                #expect(file.trials >= 1 && file.workers >= 1, "a parsed file is usable: \(file.trials) trials, \(file.workers) workers")
            } catch {
                #expect("\(error)".contains("fuzz.toml"), "the error names the file: \(error)")
            }
        }
    }
}
