import Hummingbird
import SweepCore
import SweepWire

/// The JSON API's read routes: studies, trials (paged, by state), one trial, and the curves of a
/// metric downsampled on the server.
struct StudyAPI: Sendable {
    let storage: any Storage

    /// The most trials one page of `/trials` returns.
    static let pageLimit = 1_000

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/studies") { _, _ in try await studies() }
        router.get("/api/studies/:name") { _, context in try await study(try studyName(context)) }
        router.get("/api/studies/:name/trials") { request, context in
            try await trials(try studyName(context), request)
        }
        router.get("/api/studies/:name/trials/:number") { _, context in
            try await trial(try studyName(context), number: try context.parameters.require("number", as: Int.self))
        }
        router.get("/api/studies/:name/curves") { request, context in
            try await curves(try studyName(context), request)
        }
    }

    func studies() async throws -> Response {
        let summaries = try await answering { try await storage.studies() }
        return try Responses.json(summaries.map { WireStudy($0.record, summary: $0) })
    }

    func study(_ name: String) async throws -> Response {
        let summary = try await Self.summary(of: name, in: storage)
        return try Responses.json(WireStudy(summary.record, summary: summary))
    }

    /// `?state=complete|pruned|...&offset=0&limit=100`, in number order, with the total.
    func trials(_ name: String, _ request: Request) async throws -> Response {
        let record = try await answering { try await storage.study(named: name) }
        var states: Set<TrialState>?
        if let text = request.uri.queryParameters["state"] {
            guard let state = TrialState(rawValue: String(text)) else {
                throw ServerError(.badRequest, "query parameter state must be one of waiting, running, complete, pruned, failed; got '\(text)'")
            }
            states = [state]
        }
        let offset = try queryInt(request, "offset", in: 0...Int.max) ?? 0
        let limit = try queryInt(request, "limit", in: 1...Self.pageLimit) ?? 100
        // The objective's last report only: a trial's last step, without its curves.
        let all = try await answering {
            try await storage.trials(study: record.id, states: states, curves: .lastOnly([record.config.objective]))
        }
        let page = all.dropFirst(offset).prefix(limit).map { WireTrial($0, record: record) }
        return try Responses.json(TrialPage(total: all.count, offset: offset, trials: Array(page)))
    }

    func trial(_ name: String, number: Int) async throws -> Response {
        let record = try await answering { try await storage.study(named: name) }
        let trial = try await answering { try await storage.trial(study: record.id, number: number) }
        return try Responses.json(WireTrialDetail(trial, record: record))
    }

    /// `?metric=NAME` (default the objective) `&points=300`: every trial's curve of the metric,
    /// at most about `points` points each, extremes kept.
    func curves(_ name: String, _ request: Request) async throws -> Response {
        let record = try await answering { try await storage.study(named: name) }
        let metric = request.uri.queryParameters["metric"].map(String.init) ?? record.config.objective
        let points = try queryInt(request, "points", in: 3...100_000) ?? 300
        let all = try await answering { try await storage.trials(study: record.id, states: nil, curves: .only([metric])) }
        let curves = all.compactMap { trial -> TrialCurve? in
            let curve = trial.curve(metric)
            guard !curve.isEmpty else { return nil }
            let kept = CurvesPlot.downsampled(curve, points: points)
            return TrialCurve(
                number: trial.number, state: trial.state.rawValue, value: trial.value,
                points: kept.map { [Double($0.step), $0.value] })
        }
        return try Responses.json(CurveSet(metric: metric, trials: curves))
    }

    /// The study's summary (counts and best) by name.
    static func summary(of name: String, in storage: any Storage) async throws -> StudySummary {
        let summaries = try await answering { try await storage.studies() }
        guard let summary = summaries.first(where: { $0.record.name == name }) else {
            throw ServerError(.unknownStudy(name))
        }
        return summary
    }
}

/// One page of a study's trials.
struct TrialPage: Encodable {
    var total: Int
    var offset: Int
    var trials: [WireTrial]
}

/// One trial's curve of a metric, downsampled: `[step, value]` pairs.
struct TrialCurve: Encodable {
    var number: Int
    var state: String
    var value: Double?
    var points: [[Double]]
}

/// Every trial's curve of one metric.
struct CurveSet: Encodable {
    var metric: String
    var trials: [TrialCurve]
}
