import Foundation
import SweepTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `sweep serve` as a user starts it: it says where it serves, answers the API and the pages from
/// the study a `sweep run` wrote, refuses a bad port and another address without a token, and
/// stops on SIGTERM.
@Suite(.timeLimit(.minutes(10))) struct ServeCommandTests {
    /// A fresh folder whose `sweep.db` holds the study `toy` of `examples/toy.toml`, run to its end.
    static func toyStudyFolder() async throws -> URL {
        let dir = try SweepProcess.temporaryDirectory()
        let toy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/toy.toml")
        let run = try await SweepProcess.run(["run", toy.path], in: dir)
        try #require(run.status == 0, "\(run.stderr)")
        return dir
    }

    @Test func servesTheStudiesOfTheStorageUntilStopped() async throws {
        let dir = try await Self.toyStudyFolder()
        defer { try? FileManager.default.removeItem(at: dir) }

        let (server, line, port) = try await Self.start(["serve", "--port", "0"], in: dir)
        defer { if server.isRunning { server.terminate() } }
        #expect(line.hasPrefix("sweep serve: http://127.0.0.1:"))

        let studies = try await Self.get("http://127.0.0.1:\(port)/api/studies")
        #expect(studies.status == 200)
        #expect(studies.body.contains("\"name\":\"toy\""), "\(studies.body.prefix(200))")
        let page = try await Self.get("http://127.0.0.1:\(port)/studies/toy")
        #expect(page.status == 200 && page.body.contains("<svg"))

        #expect(try await Self.stop(server), "SIGTERM stops the server")
    }

    @Test func aBadPortOrTokenIsRefused() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let port = try await SweepProcess.run(["serve", "--port", "70000"], in: dir)
        #expect(port.status == 64)
        #expect(port.stderr.contains("--port must be 0...65535, got 70000"), "\(port.stderr)")
        let token = try await SweepProcess.run(["serve", "--token", "short"], in: dir)
        #expect(token.status == 64)
        #expect(token.stderr.contains("--token must be at least 8 characters"), "\(token.stderr)")
    }

    /// Serving any address but this machine's needs a token: without one (none given, none in
    /// `$SWEEP_TOKEN`) `sweep serve` says how to give one and exits 64; with one it serves.
    @Test func anotherAddressNeedsAToken() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for host in ["0.0.0.0", "::", "192.168.1.20"] {
            let refused = try await offPool { try Self.run(["serve", "--host", host, "--port", "0"], in: dir, token: nil) }
            #expect(refused.status == 64, "\(host): \(refused.status) \(refused.stderr)")
            #expect(refused.stderr.contains("serving \(host) without a token"), "\(refused.stderr)")
            #expect(refused.stderr.contains("pass --token T (at least 8 characters) or set $SWEEP_TOKEN"), "\(refused.stderr)")
        }
        // This machine's addresses need none.
        let (local, _, _) = try await Self.start(["serve", "--storage", "memory:", "--host", "127.0.0.2", "--port", "0"], in: dir, token: nil)
        #expect(try await Self.stop(local))
        // A token from the environment is enough, and the server then asks for it.
        let (server, line, port) = try await Self.start(["serve", "--storage", "memory:", "--host", "0.0.0.0", "--port", "0"], in: dir, token: "from-the-env-42")
        defer { if server.isRunning { server.terminate() } }
        #expect(line.hasPrefix("sweep serve: http://0.0.0.0:"), "\(line)")
        #expect(try await Self.get("http://127.0.0.1:\(port)/api/studies").status == 401)
        #expect(try await Self.stop(server))
    }

    /// `sweep` with `$SWEEP_TOKEN` set to `token` (removed when nil), whatever the test's own
    /// environment holds.
    static func process(_ arguments: [String], in dir: URL, token: String?) -> Process {
        let process = Process()
        process.executableURL = SweepProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment["SWEEP_TOKEN"] = token
        process.environment = environment
        return process
    }

    /// Runs `sweep` to its end; its status and standard error.
    static func run(_ arguments: [String], in dir: URL, token: String?) throws -> (status: Int32, stderr: String) {
        let process = process(arguments, in: dir, token: token)
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let text = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: text, as: UTF8.self))
    }

    /// Starts `sweep serve` and waits for its first line ("sweep serve: http://HOST:PORT/").
    static func start(_ arguments: [String], in dir: URL, token: String? = nil) async throws -> (Process, String, Int) {
        let server = process(arguments, in: dir, token: token)
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        let line = try await offPool { () -> String in
            var text = ""
            while !text.contains("\n") {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return text
        }
        guard let port = line.split(separator: ":").last.flatMap({ Int($0.prefix { $0.isNumber }) }) else {
            server.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no port in '\(line)'"])
        }
        return (server, line, port)
    }

    /// Sends SIGTERM and waits up to 20 s; whether the server stopped.
    static func stop(_ server: Process) async throws -> Bool {
        server.terminate()
        return try await offPool { () -> Bool in
            let deadline = Date().addingTimeInterval(20)
            while server.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            return !server.isRunning
        }
    }

    static func get(_ address: String) async throws -> (status: Int, body: String) {
        let url = try #require(URL(string: address))
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: url) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                continuation.resume(
                    returning: ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data ?? Data(), as: UTF8.self)))
            }.resume()
        }
    }
}
