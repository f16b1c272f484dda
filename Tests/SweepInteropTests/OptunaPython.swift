import Foundation
import SweepCore
import SweepTestSupport
import Testing

@testable import SweepInterop

/// Runs `optuna_studies.py` (Optuna 5.0.0 from PyPI). Skipped when `python3 -c "import optuna"`
/// fails, unless `CI` is set: in CI it must run.
enum OptunaPython {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("optuna_studies.py")

    static let isEnabled: Bool = {
        if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty { return true }
        return imports("optuna")
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Builds the Optuna studies in a new file at `path`.
    static func make(_ path: String) async throws {
        let (status, _, errors) = try await run([script.path, "make", path])
        guard status == 0 else { throw Failure(description: "optuna_studies.py make exited with \(status):\n\(errors)") }
    }

    /// Runs `body` with a scratch folder and the path of a file `make` filled, then removes them.
    static func withStudies(_ body: (Scratch, String) async throws -> Void) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.path("optuna.db")
        try await make(file)
        try await body(scratch, file)
    }

    /// Every study of the file as `optuna.load_study` reads it.
    static func dump(_ path: String) async throws -> Dump {
        let (status, output, errors) = try await run([script.path, "dump", path])
        guard status == 0 else { throw Failure(description: "optuna_studies.py dump exited with \(status):\n\(errors)") }
        return try JSONDecoder().decode(Dump.self, from: output)
    }

    struct Dump: Decodable {
        var optuna: String
        var studies: [DumpedStudy]
    }

    struct DumpedStudy: Decodable {
        var name: String
        var directions: [String]
        /// Values as `json.dumps` wrote them.
        var user_attrs: [String: String]
        var system_attrs: [String: String]
        var trials: [DumpedTrial]
    }

    struct DumpedTrial: Decodable {
        var number: Int
        var state: String
        /// `float.hex()` texts.
        var values: [String]?
        var params: [String: DumpedParam]
        var distributions: [String: String]
        var intermediate: [[HexOrInt]]
        var user_attrs: [String: String]
        var system_attrs: [String: String]
        var start: Double?
        var complete: Double?
    }

    struct DumpedParam: Decodable {
        var type: String
        var value: PythonValue?
    }

    /// A JSON scalar of the dump.
    enum PythonValue: Decodable, Equatable {
        case bool(Bool), int(Int), string(String)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let i = try? c.decode(Int.self) { self = .int(i) } else {
                self = .string(try c.decode(String.self))
            }
        }
    }

    /// An intermediate pair: a step (int) and a value (`float.hex()`).
    enum HexOrInt: Decodable {
        case int(Int), hex(String)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int.self) { self = .int(i) } else { self = .hex(try c.decode(String.self)) }
        }
    }

    /// A `float.hex()` text as a Double (`nan`, `inf`, `-inf` too).
    static func double(_ text: String) throws -> Double {
        switch text {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default:
            guard let v = Double(text) else { throw Failure(description: "'\(text)' is not a float.hex() number") }
            return v
        }
    }

    /// The dumped parameter as Sweep holds it (None as the string "None").
    static func param(_ p: DumpedParam) throws -> ParamValue {
        switch (p.type, p.value) {
        case ("none", _): return OptunaDistribution.noneChoice
        case ("bool", .bool(let b)?): return .bool(b)
        case ("int", .int(let i)?): return .int(i)
        case ("float", .string(let hex)?): return .double(try double(hex))
        case ("str", .string(let s)?): return .string(s)
        default: throw Failure(description: "unexpected parameter \(p)")
        }
    }

    /// A `json.dumps` text as Sweep's JSON value.
    static func json(_ text: String) throws -> JSONValue { try PythonJSON(parsing: text).jsonValue }

    /// Runs python3 with `arguments` on a thread of its own; returns its exit status, standard
    /// output and standard error.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: Data, errors: String) {
        let ran = try await ChildProcess.python(arguments).run()
        return (ran.status, ran.stdout, ran.errors)
    }

    /// Whether python3 imports `modules` (asked once, while tests are planned).
    static func imports(_ modules: String) -> Bool {
        (try? ChildProcess.python(["-c", "import \(modules)"]).runOnThisThread().status) == 0
    }
}

/// A fresh folder for one test's files, removed by `remove()`.
struct Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
