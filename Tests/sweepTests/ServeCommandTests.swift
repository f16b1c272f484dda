import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `sweep serve` as a user starts it: it says where it serves, answers the API and the pages from
/// the study a `sweep run` wrote, refuses a bad port, and stops on SIGTERM.
@Suite(.timeLimit(.minutes(2))) struct ServeCommandTests {
    @Test func servesTheStudiesOfTheStorageUntilStopped() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let toy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/toy.toml")
        let run = try await SweepProcess.offPool { try SweepProcess.run(["run", toy.path], in: dir) }
        try #require(run.status == 0, "\(run.stderr)")

        let server = Process()
        server.executableURL = SweepProcess.binary
        server.arguments = ["serve", "--port", "0"]
        server.currentDirectoryURL = dir
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        // "sweep serve: http://127.0.0.1:PORT/"
        let line = try await SweepProcess.offPool { () -> String in
            var text = ""
            while !text.contains("\n") {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return text
        }
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) }, "\(line)")
        #expect(line.hasPrefix("sweep serve: http://127.0.0.1:"))

        let studies = try await Self.get("http://127.0.0.1:\(port)/api/studies")
        #expect(studies.status == 200)
        #expect(studies.body.contains("\"name\":\"toy\""), "\(studies.body.prefix(200))")
        let page = try await Self.get("http://127.0.0.1:\(port)/studies/toy")
        #expect(page.status == 200 && page.body.contains("<svg"))

        server.terminate()
        let stopped = try await SweepProcess.offPool { () -> Bool in
            let deadline = Date().addingTimeInterval(20)
            while server.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            return !server.isRunning
        }
        #expect(stopped, "SIGTERM stops the server")
    }

    @Test func aBadPortOrTokenIsRefused() throws {
        let dir = try SweepProcess.temporaryDirectory()
        let port = try SweepProcess.run(["serve", "--port", "70000"], in: dir)
        #expect(port.status == 64)
        #expect(port.stderr.contains("--port must be 0...65535, got 70000"), "\(port.stderr)")
        let token = try SweepProcess.run(["serve", "--token", "short"], in: dir)
        #expect(token.status == 64)
        #expect(token.stderr.contains("--token must be at least 8 characters"), "\(token.stderr)")
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
