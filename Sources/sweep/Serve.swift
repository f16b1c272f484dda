import ArgumentParser
import Foundation
import SweepRunner
import SweepServer

#if canImport(Glibc)
    import Glibc
#endif

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the studies of a storage: pages to read them and a JSON API.",
        discussion: """
            Pages: / (every study), /studies/NAME (its curves and trials, updated live) and \
            /studies/NAME/trials/N (one trial), /studies/NAME/compare?trials=3,7,12 (2 to 10 trials \
            overlaid), /studies/NAME/log?q=WORDS (the research log). JSON: \
            /api/studies, /api/studies/NAME, /api/studies/NAME/trials?state=S&offset=O&limit=L, \
            /api/studies/NAME/trials/N, /api/studies/NAME/curves?metric=M&points=P, \
            /api/studies/NAME/live?cursor=C; POST /api/studies/NAME/ask, \
            /api/studies/NAME/trials/N/report, .../tell, .../heartbeat. It works beside sweep run and \
            sweep worker on the same storage; Ctrl-C stops it. It serves 127.0.0.1 by default; any \
            other address needs a token.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "The address to listen on (127.0.0.1: this machine only; any other needs --token).") var host = "127.0.0.1"
    @Option(parsing: .unconditional, help: "The port (0: any free one, printed when serving).") var port = 8080
    @Option(help: "A token every request must carry (default: $SWEEP_TOKEN; none on 127.0.0.1).") var token: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, got \(port)") }
        if let token = effectiveToken, token.count < 8 || token.contains(where: { $0.isWhitespace || $0 == ";" }) {
            throw ValidationError("--token must be at least 8 characters without spaces or ';'")
        }
        if effectiveToken == nil && !Self.isLoopback(host) { throw ValidationError(Self.needsToken(host)) }
    }

    /// `--token`, else `$SWEEP_TOKEN`.
    var effectiveToken: String? { token ?? ProcessInfo.processInfo.environment["SWEEP_TOKEN"] }

    /// Whether `host` only reaches this machine: `localhost`, 127.0.0.0/8 or ::1.
    static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        return withUnsafeBytes(of: &v6) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
    }

    func run() async throws {
        let storage = try common.openStorage()
        let open: StudyHandleOpener = { name in try await StudyOpener.open(named: name, storage: storage) }
        try await SweepServer.run(storage: storage, open: open, token: effectiveToken, host: host, port: port) { [host] port in
            Output.line("sweep serve: http://\(host):\(port)/")
        }
    }
}

extension Serve {
    /// Why serving `host` without a token is refused, and what to do.
    static func needsToken(_ host: String) -> String {
        "serving \(host) without a token would let anyone who reaches this machine read and change the studies: "
            + "pass --token T (at least 8 characters) or set $SWEEP_TOKEN, or serve 127.0.0.1 only"
    }
}
