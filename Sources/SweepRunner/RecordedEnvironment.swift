/// The study file's environment as provenance keeps it: storage and dashboards show provenance,
/// so secrets stay out. A variable whose name says it holds one (`PASSWORD`, `SECRET`, `TOKEN`,
/// `API_KEY`, `CREDENTIAL`, `PRIVATE_KEY`, `ACCESS_KEY`, ...) is withheld by name only (the
/// reproduced line takes it from the user's environment), and a URL's password
/// (`postgres://user:pw@host/db`, as in `SWEEP_STORAGE`) is dropped from the value (the user's
/// `PGPASSWORD` or `.pgpass` supplies it).
enum RecordedEnvironment {
    static let secretWords = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "CREDENTIAL", "PRIVATE_KEY", "ACCESS_KEY"]

    /// The variables to record, and the names of those withheld (sorted).
    static func split(_ environment: [String: String]) -> (kept: [String: String], withheld: [String]) {
        var kept: [String: String] = [:]
        var withheld: [String] = []
        for (name, value) in environment {
            let upper = name.uppercased()
            if secretWords.contains(where: { upper.contains($0) }) {
                withheld.append(name)
            } else {
                kept[name] = withoutPassword(value)
            }
        }
        return (kept, withheld.sorted())
    }

    /// `scheme://user:password@host...` without `:password`; any other text as it is.
    static func withoutPassword(_ value: String) -> String {
        guard let scheme = value.range(of: "://") else { return value }
        let rest = value[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return value }
        return String(value[..<colon]) + String(value[at...])
    }
}
