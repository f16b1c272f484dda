import Hummingbird
import Logging
import SweepCore

/// `sweep serve`: the JSON API and the pages, over a storage other processes write to.
public enum SweepServer {
    /// The API's version in `/openapi.json`.
    public static let apiVersion = "0.1.0"

    /// Every route: `/api/studies...` (JSON: reads, the live feed, and ask/report/tell/heartbeat
    /// through handles `open` makes) and `/`, `/studies/NAME` (pages).
    public static func router(storage: any Storage, open: @escaping StudyHandleOpener, token: String? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        if let token { router.add(middleware: TokenCheck(token: token)) }
        router.add(middleware: MethodCheck())
        StudyAPI(storage: storage).add(to: router)
        TrialAPI(open: open).add(to: router)
        LogAPI(storage: storage, open: open).add(to: router)
        LiveAPI(storage: storage).add(to: router)
        Pages(storage: storage).add(to: router)
        JudgeAPI(storage: storage).add(to: router)
        JudgePages(storage: storage).add(to: router)
        ImportancePage(storage: storage).add(to: router)
        router.get("/openapi.json") { _, _ in try Responses.json(OpenAPI.document) }
        return router
    }

    /// Serves until the task is cancelled or the process gets SIGINT or SIGTERM; `onRunning` gets
    /// the port (the one chosen when `port` is 0). With `token`, every request must carry it.
    public static func run(
        storage: any Storage, open: @escaping StudyHandleOpener, token: String? = nil, host: String, port: Int,
        onRunning: @escaping @Sendable (Int) -> Void
    ) async throws {
        var logger = Logger(label: "sweep-serve")
        logger.logLevel = .warning
        let app = Application(
            router: router(storage: storage, open: open, token: token),
            configuration: .init(address: .hostname(host, port: port), serverName: "sweep"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.runService()
    }
}
