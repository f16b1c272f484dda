import Foundation

/// Runs `tensorboard_read.py` (tensorboard 2.21.0 from PyPI): TensorBoard's own readers on a folder
/// `sweep export tensorboard` wrote. Skipped when `python3 -c "import tensorboard"` fails, unless
/// `CI` is set: in CI it must run.
enum TensorBoardPython {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("tensorboard_read.py")

    static let isEnabled: Bool = {
        if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty { return true }
        return OptunaPython.imports("tensorboard")
    }()

    /// What TensorBoard found under `directory`.
    static func read(_ directory: String) async throws -> Found {
        let (status, output, errors) = try await OptunaPython.run([script.path, directory])
        guard status == 0 else { throw OptunaPython.Failure(description: "tensorboard_read.py exited with \(status):\n\(errors)") }
        return try JSONDecoder().decode(Found.self, from: output)
    }

    /// What TensorBoard itself (its fast loader, behind its HTTP API) serves from `directory`, once
    /// it has loaded `runs` runs with scalars.
    static func serve(_ directory: String, runs: Int) async throws -> Served {
        let (status, output, errors) = try await OptunaPython.run([script.path, "--serve", directory, String(runs)])
        guard status == 0 else { throw OptunaPython.Failure(description: "tensorboard_read.py --serve exited with \(status):\n\(errors)") }
        return try JSONDecoder().decode(Served.self, from: output)
    }

    struct Served: Decodable {
        /// Points by tag by run, as the Scalars tab gets them.
        var runs: [String: [String: [Point]]]
        /// Each session (run) of the HParams tab's table: its status and group.
        var sessions: [String: Session]
    }

    struct Session: Decodable, Equatable {
        var status: String
        var group: String
    }

    struct Found: Decodable {
        var runs: [String: Run]
        var experiment: Experiment?
        var files: [String: FileInfo]
    }

    struct Run: Decodable {
        /// Points by tag, as the Scalars dashboard's data provider reads them.
        var scalars: [String: [Point]]?
        var hparams: [String: HParam]?
        var group: String?
        var status: String?
        var start: Double?
        var end: Double?
    }

    /// A scalar: its step and its value (`float.hex()`).
    struct Point: Decodable, Equatable {
        var step: Int
        var value: Double

        init(step: Int, value: Double) {
            self.step = step
            self.value = value
        }

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            step = try c.decode(Int.self)
            value = try OptunaPython.double(try c.decode(String.self))
        }

        /// Equal steps and the same bits (NaN equals NaN).
        static func == (a: Point, b: Point) -> Bool {
            a.step == b.step && (a.value == b.value || (a.value.isNaN && b.value.isNaN))
        }
    }

    /// A `google.protobuf.Value`: one of a number (`float.hex()`), a string or a boolean.
    struct HParam: Decodable, Equatable {
        var number: String?
        var string: String?
        var bool: Bool?
    }

    struct Experiment: Decodable {
        var run: String
        var name: String
        var description: String
        var hparams: [Info]
        var metrics: [String]
    }

    struct Info: Decodable {
        var name: String
        var type: String
        var differs: Bool
        var interval: [String]?
        var discrete: [HParam]?
    }

    struct FileInfo: Decodable {
        var events: Int
        var file_version: String?
    }
}
