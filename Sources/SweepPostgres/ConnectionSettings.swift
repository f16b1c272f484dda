import Foundation
import Logging
import PostgresNIO
import SweepCore

/// How the storage connects, made from a `PostgresURL`: the pool's configuration and the single
/// connection that opening uses.
struct ConnectionSettings: Sendable {
    let location: PostgresURL
    let client: PostgresClient.Configuration
    private let tls: PostgresConnection.Configuration.TLS

    /// Settings every session gets at its start, so that a client that vanished (a host cut off,
    /// a worker killed) never holds a study's lock for long:
    /// - a transaction left open is ended after 30 s;
    /// - a lock waited for longer than 60 s fails (and is retried as `storageUnavailable`);
    /// - the server probes a silent connection after 10 s and drops it after 3 more missed probes.
    ///
    /// And two for speed: every statement Sweep sends looks rows up by key, so
    /// - a statement is planned once, at its first execution, not at every one
    ///   (`force_generic_plan`: PostgreSQL otherwise kept planning the report statement anew at each
    ///   report, 0.34 ms of planning for 0.13 ms of work);
    /// - no statement is compiled to machine code (JIT took 21 ms for one report when a generic
    ///   plan's estimate crossed its threshold).
    /// Both need PostgreSQL 12 or later.
    static let sessionSettings: [(String, String)] = [
        ("idle_in_transaction_session_timeout", "30s"),
        ("lock_timeout", "60s"),
        ("tcp_keepalives_idle", "10"),
        ("tcp_keepalives_interval", "5"),
        ("tcp_keepalives_count", "3"),
        ("plan_cache_mode", "force_generic_plan"),
        ("jit", "off"),
    ]

    /// The connections' and the pool's logger: silent (the storage reports through its errors),
    /// or PostgresNIO's own messages on stderr at the level `SWEEP_POSTGRES_LOG` names (`debug`,
    /// `trace`, ...), for finding out why a connection misbehaves.
    static let quiet: Logger = {
        guard let name = ProcessInfo.processInfo.environment["SWEEP_POSTGRES_LOG"],
            let level = Logger.Level(rawValue: name)
        else { return Logger(label: "sweep.postgres", factory: { _ in SwiftLogNoOpLogHandler() }) }
        var logger = Logger(label: "sweep.postgres", factory: { label in StreamLogHandler.standardError(label: label) })
        logger.logLevel = level
        return logger
    }()

    init(_ location: PostgresURL) throws {
        self.location = location
        var client = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        let startup = [("application_name", location.applicationName)] + Self.sessionSettings
        client.options.additionalStartupParameters = startup
        client.options.connectTimeout = .milliseconds(Int64(location.connectTimeout * 1000))
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable:
            tls = .disable
        case .prefer, .require:
            tlsConfiguration.certificateVerification = .none
            let context = try Self.context(tlsConfiguration, location)
            if location.sslMode == .prefer {
                client.tls = .prefer(tlsConfiguration)
                tls = .prefer(context)
            } else {
                client.tls = .require(tlsConfiguration)
                tls = .require(context)
            }
        case .verifyCA, .verifyFull:
            tlsConfiguration.certificateVerification = location.sslMode == .verifyCA ? .noHostnameVerification : .fullVerification
            client.tls = .require(tlsConfiguration)
            tls = .require(try Self.context(tlsConfiguration, location))
        }
        self.client = client
    }

    /// Opens one connection (not pooled): opening fails at once, naming the reason, when the
    /// server, the user or the database is wrong.
    func connection() async throws -> PostgresConnection {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        configuration.options.additionalStartupParameters = client.options.additionalStartupParameters
        configuration.options.connectTimeout = .milliseconds(Int64(location.connectTimeout * 1000))
        return try await PostgresConnection.connect(configuration: configuration, id: 0, logger: Self.quiet)
    }

    private static func context(_ configuration: TLSConfiguration, _ location: PostgresURL) throws -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw SweepError.storage("\(location): cannot set up TLS (sslmode=\(location.sslMode.rawValue)): \(error)")
        }
    }
}
