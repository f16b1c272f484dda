import Foundation
import SweepCore

/// Where a PostgreSQL storage lives: `postgres://user[:password]@host[:port]/database[?sslmode=...]`
/// (also `postgresql://`), as libpq and Optuna's `RDBStorage` write it.
///
/// - User, password and database are percent-decoded (`p%40ss` is `p@ss`).
/// - The host may be a name, an IPv4 address or a bracketed IPv6 address (`[::1]`); the port
///   defaults to 5432.
/// - Without a password in the URL, `PGPASSWORD` from the environment is used (when set).
/// - Query parameters: `sslmode` (`disable`, `prefer` — the default, as in libpq — `require`,
///   `verify-ca`, `verify-full`), `connect_timeout` (seconds) and `application_name`. Any other
///   parameter is refused by name.
///
/// ```swift
/// let url = try PostgresURL("postgres://sweep@db.lab:5432/studies?sslmode=require")
/// ```
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is encrypted (libpq's `sslmode`).
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        /// Never TLS.
        case disable
        /// TLS when the server offers it, else plain (certificates are not checked).
        case prefer
        /// TLS or nothing; the certificate is not checked (libpq's meaning).
        case require
        /// TLS with a certificate signed by a trusted authority (any host name).
        case verifyCA = "verify-ca"
        /// TLS with a trusted certificate for this host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// Seconds to wait for a connection to open.
    public var connectTimeout: Double
    /// What `pg_stat_activity` shows for the storage's connections.
    public var applicationName: String

    /// The schemes this storage opens.
    public static let schemes = ["postgres://", "postgresql://"]
    /// What a URL looks like, for error messages.
    public static let expectedForm = "postgres://user[:password]@host[:port]/database"

    /// Parses a storage URL; `environment` supplies `PGPASSWORD` when the URL has no password.
    public init(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(SweepError) {
        guard let scheme = Self.schemes.first(where: { url.hasPrefix($0) }) else {
            if let plus = url.range(of: "+"), url[..<plus.lowerBound].hasPrefix("postgres"),
                let rest = url.range(of: "://")
            {
                throw Self.bad(url, "driver suffixes are not used here; write postgresql://\(url[rest.upperBound...])")
            }
            throw Self.bad(url, "expected it to start with postgres:// or postgresql://")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw Self.bad(url, "it names no database after the host") }
        let authority = rest[..<slash]
        let databaseText = rest[rest.index(after: slash)...]
        guard let at = authority.lastIndex(of: "@") else {
            throw Self.bad(url, "it names no user; expected user@ before the host")
        }
        let userInfo = authority[..<at]
        let hostPort = authority[authority.index(after: at)...]
        let userText: Substring
        var passwordText: Substring?
        if let colon = userInfo.firstIndex(of: ":") {
            userText = userInfo[..<colon]
            passwordText = userInfo[userInfo.index(after: colon)...]
        } else {
            userText = userInfo
        }
        user = try Self.decode(userText, "user", url)
        guard !user.isEmpty else { throw Self.bad(url, "the user before @ is empty") }
        if let passwordText {
            password = try Self.decode(passwordText, "password", url)
        } else {
            password = environment["PGPASSWORD"]
        }
        (host, port) = try Self.hostPort(hostPort, url)
        database = try Self.decode(databaseText, "database", url)
        guard !database.isEmpty else { throw Self.bad(url, "the database name after the host is empty") }
        guard !database.contains("/") else { throw Self.bad(url, "the database name '\(database)' contains '/'") }
        sslMode = .prefer
        connectTimeout = 10
        applicationName = "sweep"
        try parseQuery(query, url)
    }

    /// The URL with its password hidden, for messages and logs.
    public var description: String {
        let credentials = Self.encode(user) + (password == nil ? "" : ":***")
        let hostText = host.contains(":") ? "[\(host)]" : host
        var text = "postgres://\(credentials)@\(hostText):\(port)/\(Self.encode(database))"
        if sslMode != .prefer { text += "?sslmode=\(sslMode.rawValue)" }
        return text
    }

    /// The same server and credentials with another database (tests make one per check).
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    // MARK: - Parts

    private static func hostPort(_ text: Substring, _ url: String) throws(SweepError) -> (String, Int) {
        var hostText = text
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw bad(url, "the IPv6 address after [ has no closing ]") }
            hostText = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw bad(url, "expected :port after the IPv6 address, got '\(after)'") }
                portText = after.dropFirst()
            }
        } else if let colon = text.lastIndex(of: ":") {
            hostText = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        let host = try decode(hostText, "host", url)
        guard !host.isEmpty else { throw bad(url, "the host after @ is empty") }
        guard let portText else { return (host, 5432) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw bad(url, "the port '\(portText)' is not a number from 1 to 65535")
        }
        return (host, port)
    }

    private mutating func parseQuery(_ query: Substring, _ url: String) throws(SweepError) {
        guard !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard let equals = pair.firstIndex(of: "=") else {
                throw Self.bad(url, "the parameter '\(pair)' has no value; expected name=value")
            }
            let name = try Self.decode(pair[..<equals], "parameter name", url)
            let value = try Self.decode(pair[pair.index(after: equals)...], "parameter \(name)", url)
            switch name {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    let modes = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw Self.bad(url, "sslmode '\(value)' is not one of \(modes)")
                }
                sslMode = mode
            case "connect_timeout":
                guard let seconds = Double(value), seconds.isFinite, seconds > 0 else {
                    throw Self.bad(url, "connect_timeout '\(value)' is not a positive number of seconds")
                }
                connectTimeout = seconds
            case "application_name":
                applicationName = value
            default:
                throw Self.bad(url, "unknown parameter '\(name)'; expected sslmode, connect_timeout or application_name")
            }
        }
    }

    private static func decode(_ text: Substring, _ what: String, _ url: String) throws(SweepError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw bad(url, "the \(what) '\(text)' has a broken %-escape")
        }
        return decoded
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/?#")))
            ?? text
    }

    private static func bad(_ url: String, _ reason: String) -> SweepError {
        .invalidArgument("storage URL '\(redacted(url))': \(reason); expected \(expectedForm)")
    }

    /// The URL as given, with any password between `:` and `@` replaced by `***`.
    static func redacted(_ url: String) -> String {
        guard let start = url.range(of: "://"), let at = url[start.upperBound...].lastIndex(of: "@"),
            let colon = url[start.upperBound..<at].firstIndex(of: ":")
        else { return url }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
    }
}
