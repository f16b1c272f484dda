import Foundation
import SweepCore
import SweepSQLite
import Testing

@testable import SweepInterop

/// `sweep export tensorboard`'s files as TensorBoard 2.21.0 reads them: its multiplexer and the
/// Scalars dashboard's data provider find every scalar at its step (the value as a 32-bit float),
/// its HParams metadata parser every parameter, status and the experiment, and its event-file
/// loader (which checks both checksums of every record) every file.
@Suite(.enabled(if: TensorBoardPython.isEnabled, "needs python3 with tensorboard 2.21.0 (CI makes it required)"))
struct TensorBoardReaderTests {
    @Test(arguments: ["memory", "sqlite"])
    func tensorBoardReadsEveryScalarAndHyperparameter(storageKind: String) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let storage: any Storage = storageKind == "sqlite" ? try SQLiteStorage(path: scratch.path("sweep.db")) : InMemoryStorage()
        let record = try await SweepStudyFixture.make("tb", in: storage)
        let trials = try await storage.trials(study: record.id, states: nil, curves: .all)
        let export = TensorBoardExport(study: record, trials: trials, time: SweepStudyFixture.start, host: "host")
        let written = try export.write(to: scratch.url.appendingPathComponent("runs"))
        let found = try await TensorBoardPython.read(scratch.path("runs"))

        #expect(written.runs == trials.count)
        // Every file (the root's and one per trial) has the file version first and reads whole.
        #expect(found.files.count == trials.count + 1)
        #expect(found.files.values.allSatisfy { $0.file_version == "brain.Event:2" })
        for trial in trials {
            let run = try #require(found.runs[export.runName(trial.number)], "trial \(trial.number)")
            #expect((run.scalars ?? [:]) == Self.scalars(trial), "trial \(trial.number)")
            // HParams: every parameter the trial has, typed as the experiment says.
            #expect(run.hparams == Dictionary(uniqueKeysWithValues: trial.params.map { ($0.key, Self.hparam($0.key, $0.value)) }), "trial \(trial.number)")
            #expect(run.status == Self.status[trial.state] ?? nil, "trial \(trial.number)")
            // A waiting trial has not started: no start time (protobuf's unset double is 0).
            #expect(run.start == trial.started?.timeIntervalSince1970 ?? 0)
            if trial.state.isFinished { #expect(run.end == trial.finished?.timeIntervalSince1970) }
        }
        let experiment = try #require(found.experiment)
        #expect(experiment.run == ".")
        #expect(experiment.name == "tb")
        #expect(experiment.metrics == ["loss", "reward"])
        #expect(experiment.hparams.map(\.name) == ["c", "k", "lr", "m", "n", "q", "x"])
        let byName = Dictionary(uniqueKeysWithValues: experiment.hparams.map { ($0.name, $0) })
        // A float or integer range is an interval; the mixed categorical is strings, its choices discrete.
        #expect(byName["x"]?.type == "DATA_TYPE_FLOAT64")
        #expect(try byName["x"]?.interval?.map(OptunaPython.double) == [-2, 3])
        #expect(try byName["m"]?.interval?.map(OptunaPython.double) == [1, 1024])
        #expect(byName["c"]?.type == "DATA_TYPE_STRING")
        #expect(byName["c"]?.discrete == ["2", "2.5", "s é", "true"].map { TensorBoardPython.HParam(string: $0) })
        #expect(byName["x"]?.differs == true)
    }

    @Test func tensorBoardItselfServesTheScalarsAndSessions() async throws {
        // `tensorboard --logdir DIR` as a user runs it: the fast loader (its Rust data server), which
        // drops scalars of any type but 32-bit floats, behind the HTTP API the tabs read.
        let scratch = try Scratch()
        defer { scratch.remove() }
        let storage = InMemoryStorage()
        let record = try await SweepStudyFixture.make("served", in: storage)
        let trials = try await storage.trials(study: record.id, states: nil, curves: .all)
        let export = TensorBoardExport(study: record, trials: trials)
        _ = try export.write(to: scratch.url.appendingPathComponent("runs"))
        let withScalars = trials.filter { $0.metrics.values.contains { !$0.isEmpty } }
        let served = try await TensorBoardPython.serve(scratch.path("runs"), runs: withScalars.count)
        for trial in trials {
            let name = export.runName(trial.number)
            #expect((served.runs[name] ?? [:]) == Self.scalars(trial), "trial \(trial.number)")
            // Every trial is a session of the HParams table; a waiting one (no end) is unknown.
            #expect(served.sessions[name]?.status == (Self.status[trial.state] ?? nil) ?? "STATUS_UNKNOWN", "trial \(trial.number)")
        }
    }

    /// Every metric's every point, in step order, as 32-bit floats; NaN and infinities as NaN.
    static func scalars(_ trial: Trial) -> [String: [TensorBoardPython.Point]] {
        trial.metrics.filter { !$0.value.isEmpty }.mapValues { curve in
            curve.sortedPairs.map { TensorBoardPython.Point(step: $0.step, value: Double(Float($0.value.isFinite ? $0.value : .nan))) }
        }
    }

    /// The fixture's parameters as the HParams plugin gets them: numbers, except the mixed
    /// categorical `c`, which is strings.
    static func hparam(_ name: String, _ value: ParamValue) -> TensorBoardPython.HParam {
        if name == "c" { return .init(string: value.description) }
        return .init(number: value.doubleValue?.hexText)
    }

    static let status: [TrialState: String?] = [
        .complete: "STATUS_SUCCESS", .failed: "STATUS_FAILURE", .pruned: "STATUS_UNKNOWN", .running: "STATUS_RUNNING", .waiting: nil,
    ]
}

extension Double {
    /// Python's `float.hex()` text of the value, for comparing with what the scripts print.
    fileprivate var hexText: String {
        if isNaN { return "nan" }
        if isInfinite { return self < 0 ? "-inf" : "inf" }
        let sign = self < 0 || (self == 0 && sign == .minus) ? "-" : ""
        if self == 0 { return sign + "0x0.0p+0" }
        let bits = bitPattern
        let exponentBits = Int((bits >> 52) & 0x7FF)
        let mantissa = bits & 0xF_FFFF_FFFF_FFFF
        let lead = exponentBits == 0 ? "0" : "1"
        let exponent = exponentBits == 0 ? -1022 : exponentBits - 1023
        let digits = String(mantissa, radix: 16)
        return "\(sign)0x\(lead).\(String(repeating: "0", count: 13 - digits.count) + digits)p\(exponent < 0 ? "-" : "+")\(abs(exponent))"
    }
}
