import Foundation
import SweepTestSupport
import SweepCore
import SweepPruners
import Testing

/// The decisions of every pruner, step by step, against Optuna 5's on the same trials: the cases
/// come from `optuna_parity.py`, which generates seeded random studies and runs them through Optuna.
/// Also numpy's percentiles, SciPy's Wilcoxon p-values and `binascii.crc32` against ours.
///
/// Skipped when `python3 -c "import optuna"` fails, unless `CI` is `true`: in CI it must run.
/// `SWEEP_PARITY_SEED=7 SWEEP_PARITY_SCALE=5` runs other and more cases.
@Suite(.enabled(if: OptunaParity.isEnabled, "needs python3 with optuna 5.0.0 and scipy (CI=true makes it required)"))
struct OptunaParityTests {
    @Test func optunaIsVersion5() async throws {
        let data = try await OptunaParity.data()
        #expect(data.optuna == "5.0.0")
        #expect(data.cases.count >= 500)
    }

    @Test(arguments: Pruners.names)
    func decisionsMatchOptuna(pruner name: String) async throws {
        let cases = try await OptunaParity.data().cases.enumerated().filter { $0.element.pruner == name }
        #expect(cases.count >= (name == "nop" ? 1 : 50), "too few cases for \(name)")
        var mismatches: [String] = []
        var prunedTrials = 0
        for (number, c) in cases {
            let curves = try c.curves.map { try $0.map(OptunaParity.double) }
            let pruner = try Pruners.make(parsing: c.spec)
            let sweep = try await replay(pruner, curves, steps: c.steps, direction: try Direction(parsing: c.direction), name: c.study)
            prunedTrials += c.pruned.compactMap { $0 }.count
            guard sweep != c.pruned else { continue }
            mismatches.append(describe(number, c, curves: curves, sweep: sweep))
        }
        if name != "nop" { #expect(prunedTrials > 0, "no case pruned anything for \(name)") }
        #expect(
            mismatches.isEmpty,
            "\(mismatches.count) of \(cases.count) \(name) cases differ from Optuna:\n\(mismatches.prefix(8).joined(separator: "\n"))")
    }

    private func describe(_ number: Int, _ c: OptunaParity.Case, curves: [[Double]], sweep: [Int?]) -> String {
        let trial = c.pruned.indices.first { sweep[$0] != c.pruned[$0] } ?? 0
        let optuna = c.pruned[trial].map { String($0) } ?? "none"
        let ours = sweep[trial].map { String($0) } ?? "none"
        let curve = curves[trial]
        let shown = curve.prefix(12).map { "\($0)" }.joined(separator: ", ") + (curve.count > 12 ? ", …" : "")
        let steps = c.steps.map { " at steps \($0[trial].prefix(12))" } ?? ""
        return "case \(number) '\(c.spec)' \(c.direction) study '\(c.study)': trial \(trial) pruned at step "
            + "\(optuna) by Optuna, \(ours) by Sweep; curve [\(shown)]\(steps)"
    }

    @Test func percentilesMatchNumpy() async throws {
        for check in try await OptunaParity.data().percentiles {
            let values = try check.values.map(OptunaParity.double)
            let q = try OptunaParity.double(check.q)
            let expected = try OptunaParity.double(check.expected)
            let got = SortedMultiset(values).percentile(q)
            #expect(got?.bitPattern == expected.bitPattern, "nanpercentile(\(values), \(q)) = \(expected), Sweep \(String(describing: got))")
        }
    }

    @Test func wilcoxonMatchesScipy() async throws {
        for check in try await OptunaParity.data().wilcoxon {
            let d = try check.d.map(OptunaParity.double)
            let expected = try OptunaParity.double(check.p)
            let alternative = try #require(WilcoxonSignedRank.Alternative(rawValue: check.alternative))
            let result = WilcoxonSignedRank.test(d, alternative: alternative)
            if result.method == .normal {
                #expect(
                    Swift.abs(result.pValue - expected) <= 1e-13 * Swift.max(expected, 1e-300),
                    "wilcoxon(\(d), \(check.alternative)) = \(expected), Sweep \(result.pValue) (normal)")
            } else {
                #expect(
                    result.pValue.bitPattern == expected.bitPattern,
                    "wilcoxon(\(d), \(check.alternative)) = \(expected), Sweep \(result.pValue) (\(result.method))")
            }
        }
    }

    @Test func crc32MatchesBinascii() async throws {
        for check in try await OptunaParity.data().crc32 {
            #expect(CRC32.checksum(check.text) == check.crc, "crc32('\(check.text)')")
        }
    }
}

/// Runs `optuna_parity.py` once per test process.
enum OptunaParity {
    struct Data: Decodable, Sendable {
        var optuna: String
        var cases: [Case]
        var percentiles: [PercentileCheck]
        var wilcoxon: [WilcoxonCheck]
        var crc32: [CRCCheck]
    }

    struct Case: Decodable, Sendable {
        var pruner: String
        var spec: String
        var direction: String
        var study: String
        /// Values as `float.hex()`: exact, and NaN and infinities too.
        var curves: [[String]]
        /// Each trial's steps when they are not 0..n-1.
        var steps: [[Int]]?
        /// The step each trial was pruned at, nil when it completed.
        var pruned: [Int?]
    }

    struct PercentileCheck: Decodable, Sendable {
        var values: [String]
        var q: String
        var expected: String
    }

    struct WilcoxonCheck: Decodable, Sendable {
        var d: [String]
        var alternative: String
        var p: String
    }

    struct CRCCheck: Decodable, Sendable {
        var text: String
        var crc: UInt32
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("optuna_parity.py")

    static let isEnabled: Bool = {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        return (try? ChildProcess.python(["-c", "import optuna"]).runOnThisThread().status) == 0
    }()

    /// Optuna's decisions, computed once per test process by a task the tests await (a lazy
    /// `static let` that ran Python held a thread in every test that waited for it).
    private static let loaded = Task { () async -> Result<Data, Failure> in
        do {
            // SWEEP_PARITY_SEED and SWEEP_PARITY_SCALE run other or more cases (for a deeper check).
            var arguments = [script.path]
            let environment = ProcessInfo.processInfo.environment
            if let seed = environment["SWEEP_PARITY_SEED"], !seed.isEmpty { arguments += ["--seed", seed] }
            if let scale = environment["SWEEP_PARITY_SCALE"], !scale.isEmpty { arguments += ["--scale", scale] }
            let (status, output, errors) = try await python(arguments)
            guard status == 0 else {
                return .failure(Failure(description: "optuna_parity.py exited with \(status):\n\(errors)"))
            }
            return .success(try JSONDecoder().decode(Data.self, from: output))
        } catch {
            return .failure(Failure(description: "could not run optuna_parity.py: \(error)"))
        }
    }

    static func data() async throws -> Data { try await loaded.value.get() }

    static func double(_ text: String) throws -> Double {
        guard let v = Double(text) else { throw Failure(description: "'\(text)' is not a float.hex() number") }
        return v
    }

    /// Runs python3 with `arguments` on a thread of its own; returns its exit status, standard
    /// output and standard error.
    static func python(_ arguments: [String]) async throws -> (status: Int32, output: Foundation.Data, errors: String) {
        let ran = try await ChildProcess.python(arguments).run()
        return (ran.status, ran.stdout, ran.errors)
    }
}
