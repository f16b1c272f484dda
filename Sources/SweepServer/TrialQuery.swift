import Foundation
import Hummingbird
import SweepCore

/// Which of a study's trials a table shows and in what order, from the query string, for the
/// trials API and the study page alike: `state=pruned`, `param=opt` (trials with that parameter) or
/// `param=opt=adam` (of that value, as the table shows it), `sort=number|value|state`,
/// `order=asc|desc`, `offset`, `limit`.
/// Trials without the sorted quantity (no value yet, still running) come last in either order.
struct TrialQuery: Sendable, Equatable {
    enum Key: String, CaseIterable, Sendable {
        case number, value, state
    }

    var state: TrialState?
    /// A parameter's name, and the value it must show (`param=NAME=VALUE`).
    var param: String?
    var equals: String?
    var sort = Key.number
    var descending = false
    var offset = 0
    var limit: Int

    /// The most trials one page holds.
    static let maxLimit = 1_000

    /// Reads the query; a bad value is a 400 naming the parameter and what it takes.
    init(_ request: Request, defaultLimit: Int) throws {
        let query = request.uri.queryParameters
        limit = try queryInt(request, "limit", in: 1...Self.maxLimit) ?? defaultLimit
        offset = try queryInt(request, "offset", in: 0...APISchemas.exactInteger) ?? 0
        if let text = query["state"] {
            guard let state = TrialState(rawValue: String(text)) else {
                throw ServerError(.badRequest, "query parameter state must be one of \(Self.names(TrialState.allCases.map(\.rawValue))); got '\(text)'")
            }
            self.state = state
        }
        if let text = query["sort"] {
            guard let key = Key(rawValue: String(text)) else {
                throw ServerError(.badRequest, "query parameter sort must be one of \(Self.names(Key.allCases.map(\.rawValue))); got '\(text)'")
            }
            sort = key
        }
        switch query["order"].map(String.init) {
        case nil, "asc": descending = false
        case "desc": descending = true
        case let other?: throw ServerError(.badRequest, "query parameter order must be asc or desc; got '\(other)'")
        }
        if let text = query["param"] {
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first, !name.isEmpty else {
                throw ServerError(.badRequest, "query parameter param must be a parameter's name, or NAME=VALUE as the table shows it (param=opt=adam); got '\(text)'")
            }
            param = String(name)
            equals = parts.count > 1 ? String(parts[1]) : nil
        }
    }

    /// The trials that pass the filters, in order.
    func filtered(_ trials: [Trial]) -> [Trial] {
        var kept = trials.filter { trial in
            (state.map { trial.state == $0 } ?? true) && (param.map { matches(trial.params[$0]) } ?? true)
        }
        if sort != .number || descending {
            kept.sort { a, b in
                switch (Self.key(a, sort), Self.key(b, sort)) {
                case (nil, nil): return a.number < b.number
                case (nil, _): return false
                case (_, nil): return true
                case (let x?, let y?): return x == y ? a.number < b.number : (descending ? x > y : x < y)
                }
            }
        }
        return kept
    }

    /// The page of `trials` (already filtered) that `offset` and `limit` select.
    func page<T>(_ trials: [T]) -> ArraySlice<T> {
        trials.dropFirst(offset).prefix(limit)
    }

    /// Without `equals`, a trial with the parameter at all; with it, one whose value reads so.
    private func matches(_ value: ParamValue?) -> Bool {
        guard let value else { return false }
        return equals.map { value.description == $0 } ?? true
    }

    private static func key(_ trial: Trial, _ key: Key) -> Double? {
        switch key {
        case .number: return Double(trial.number)
        case .value: return trial.value.flatMap { $0.isNaN ? nil : $0 }
        case .state: return Double(TrialState.allCases.firstIndex(of: trial.state) ?? 0)
        }
    }

    /// This query as a query string (without `?`), leaving out what is at its default.
    func text(defaultLimit: Int) -> String {
        items(defaultLimit: defaultLimit).map { "\($0.key)=\(Self.encoded($0.value))" }.joined(separator: "&")
    }

    /// The query items that say this selection (none for the default one).
    func items(defaultLimit: Int) -> [(key: String, value: String)] {
        var items: [(key: String, value: String)] = []
        if let state { items.append(("state", state.rawValue)) }
        if let param { items.append(("param", equals.map { "\(param)=\($0)" } ?? param)) }
        if sort != .number { items.append(("sort", sort.rawValue)) }
        if descending { items.append(("order", "desc")) }
        if offset != 0 { items.append(("offset", String(offset))) }
        if limit != defaultLimit { items.append(("limit", String(limit))) }
        return items
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryValue) ?? text
    }

    private static let queryValue = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func names(_ names: [String]) -> String {
        names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// The query parameters in `/openapi.json`.
    static func parameters(defaultLimit: Int) -> [JSONValue] {
        [
            OpenAPI.query("state", "only trials in this state", APISchemas.oneOf(TrialState.allCases.map(\.rawValue))),
            OpenAPI.query(
                "param", "only trials with this parameter (NAME), or with it at a value as the table shows it (NAME=VALUE, e.g. opt=adam)",
                .object(["type": .string("string"), "pattern": .string("^[^=]")])),
            OpenAPI.query("sort", "the order: number (default), value (trials without one last) or state (waiting, running, complete, pruned, failed)", APISchemas.oneOf(Key.allCases.map(\.rawValue))),
            OpenAPI.query("order", "asc (default) or desc", APISchemas.oneOf(["asc", "desc"])),
            OpenAPI.query("offset", "trials to skip", APISchemas.count),
            OpenAPI.query("limit", "at most this many (1 to \(maxLimit), default \(defaultLimit))", APISchemas.integer(1, maxLimit)),
        ]
    }
}
