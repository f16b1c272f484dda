import ArgumentParser
import Foundation
import SweepRunner
import SweepServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the studies of a storage: pages to read them and a JSON API.",
        discussion: """
            Pages: / (every study) and /studies/NAME (its curves and trials). JSON: /api/studies, \
            /api/studies/NAME, /api/studies/NAME/trials?state=S&offset=O&limit=L, \
            /api/studies/NAME/trials/N, /api/studies/NAME/curves?metric=M&points=P; POST \
            /api/studies/NAME/ask, /api/studies/NAME/trials/N/report, .../tell, .../heartbeat. It works \
            beside sweep run and sweep worker on the same storage; Ctrl-C stops it.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "The address to listen on (127.0.0.1: this machine only).") var host = "127.0.0.1"
    @Option(parsing: .unconditional, help: "The port (0: any free one, printed when serving).") var port = 8080
    @Option(help: "A token every request must carry (default: $SWEEP_TOKEN; none on 127.0.0.1).") var token: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, got \(port)") }
        if let token = effectiveToken, token.count < 8 || token.contains(where: { $0.isWhitespace || $0 == ";" }) {
            throw ValidationError("--token must be at least 8 characters without spaces or ';'")
        }
    }

    /// `--token`, else `$SWEEP_TOKEN`.
    var effectiveToken: String? { token ?? ProcessInfo.processInfo.environment["SWEEP_TOKEN"] }

    func run() async throws {
        let storage = try common.openStorage()
        let open: StudyHandleOpener = { name in try await StudyOpener.open(named: name, storage: storage) }
        if effectiveToken == nil && !["127.0.0.1", "localhost", "::1"].contains(host) {
            Output.notice("serving \(host) without a token: anyone who reaches it can read and change the studies (--token)")
        }
        try await SweepServer.run(storage: storage, open: open, token: effectiveToken, host: host, port: port) { [host] port in
            Output.line("sweep serve: http://\(host):\(port)/")
        }
    }
}
