import SweepCore
import SweepPostgres
import Testing

/// Storage URLs: what parses, what each part becomes, and bad URLs refused naming what was wrong.
@Suite struct PostgresURLTests {
    @Test func fullURL() throws {
        let url = try PostgresURL(
            "postgresql://ann:s%40cret@db.lab:6543/studies?sslmode=require&connect_timeout=2.5&application_name=w1",
            environment: [:])
        #expect(url.user == "ann")
        #expect(url.password == "s@cret", "percent-escapes are decoded")
        #expect(url.host == "db.lab" && url.port == 6543 && url.database == "studies")
        #expect(url.sslMode == .require && url.connectTimeout == 2.5 && url.applicationName == "w1")
        #expect(url.description == "postgres://ann:***@db.lab:6543/studies?sslmode=require", "the password is hidden")
    }

    @Test func defaults() throws {
        let url = try PostgresURL("postgres://postgres@127.0.0.1/postgres", environment: [:])
        #expect(url.port == 5432, "libpq's default port")
        #expect(url.password == nil)
        #expect(url.sslMode == .prefer, "libpq's default sslmode")
        #expect(url.with(database: "other").database == "other")
    }

    @Test func passwordFromTheEnvironment() throws {
        #expect(try PostgresURL("postgres://u@h/d", environment: ["PGPASSWORD": "pw"]).password == "pw")
        #expect(
            try PostgresURL("postgres://u:inurl@h/d", environment: ["PGPASSWORD": "pw"]).password == "inurl",
            "the URL's password wins")
    }

    @Test func ipv6Host() throws {
        let url = try PostgresURL("postgres://u@[::1]:5433/d", environment: [:])
        #expect(url.host == "::1" && url.port == 5433)
        #expect(url.description == "postgres://u@[::1]:5433/d")
    }

    @Test(arguments: [
        ("sqlite:x.db", "expected it to start with postgres:// or postgresql://"),
        ("postgresql+psycopg2://u@h/d", "write postgresql://u@h/d"),
        ("postgres://u@h", "names no database"),
        ("postgres://u@h/", "database name after the host is empty"),
        ("postgres://h/d", "names no user"),
        ("postgres://@h/d", "user before @ is empty"),
        ("postgres://u@/d", "host after @ is empty"),
        ("postgres://u@h:port/d", "port 'port' is not a number from 1 to 65535"),
        ("postgres://u@h:70000/d", "port '70000' is not a number"),
        ("postgres://u@[::1/d", "no closing ]"),
        ("postgres://u@h/d?sslmode=maybe", "sslmode 'maybe' is not one of disable, prefer, require, verify-ca, verify-full"),
        ("postgres://u@h/d?connect_timeout=-1", "connect_timeout '-1' is not a positive number"),
        ("postgres://u@h/d?pool=3", "unknown parameter 'pool'"),
        ("postgres://u@h/d?sslmode", "has no value"),
        ("postgres://u%zz@h/d", "broken %-escape"),
        ("postgres://u@h/a/b", "contains '/'"),
    ])
    func badURL(_ text: String, _ expected: String) {
        do {
            _ = try PostgresURL(text, environment: [:])
            Issue.record("'\(text)' was accepted")
        } catch {
            guard case .invalidArgument(let message) = error else {
                Issue.record("'\(text)': \(error) is not invalidArgument")
                return
            }
            #expect(message.contains(expected), "'\(text)': \(message)")
            #expect(message.contains(PostgresURL.expectedForm), "the message shows the expected form")
        }
    }

    @Test func badURLMessagesHideThePassword() {
        #expect(throws: SweepError.self) { try PostgresURL("postgres://u:hunter2@h:x/d", environment: [:]) }
        do {
            _ = try PostgresURL("postgres://u:hunter2@h:x/d", environment: [:])
        } catch {
            #expect(!error.description.contains("hunter2"), "\(error)")
        }
    }
}
