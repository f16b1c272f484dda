import ArgumentParser
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

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, got \(port)") }
    }

    func run() async throws {
        let storage = try common.openStorage()
        let open: StudyHandleOpener = { name in try await StudyOpener.open(named: name, storage: storage) }
        try await SweepServer.run(storage: storage, open: open, host: host, port: port) { [host] port in
            Output.line("sweep serve: http://\(host):\(port)/")
        }
    }
}
