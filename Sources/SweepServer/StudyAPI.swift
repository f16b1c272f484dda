import Hummingbird
import SweepCore
import SweepWire

/// The JSON API's read routes: studies, trials (filtered, sorted, paged), one trial, the best
/// trial, and the curves of a metric downsampled on the server.
struct StudyAPI: Sendable {
    let storage: any Storage

    /// How many trials a page of `/trials` holds unless `limit` says.
    static let defaultLimit = 100

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/studies") { _, _ in try await studies() }
        router.get("/api/studies/:name") { _, context in try await study(try studyName(context)) }
        router.get("/api/studies/:name/trials") { request, context in
            try await trials(try studyName(context), request)
        }
        router.get("/api/studies/:name/trials/:number") { _, context in
            try await trial(try studyName(context), number: try trialNumber(context))
        }
        router.get("/api/studies/:name/curves") { request, context in
            try await curves(try studyName(context), request)
        }
        router.get("/api/studies/:name/best") { _, context in try await best(try studyName(context)) }
    }

    func studies() async throws -> Response {
        let summaries = try await answering { try await storage.studies() }
        return try Responses.json(summaries.map { WireStudy($0.record, summary: $0) })
    }

    func study(_ name: String) async throws -> Response {
        let summary = try await Self.summary(of: name, in: storage)
        return try Responses.json(WireStudy(summary.record, summary: summary))
    }

    /// `?state=pruned&param=opt=adam&sort=value&order=desc&offset=0&limit=100` (`TrialQuery`): a
    /// page of the trials that pass the filters, in that order, with how many pass.
    func trials(_ name: String, _ request: Request) async throws -> Response {
        let query = try TrialQuery(request, defaultLimit: Self.defaultLimit)
        let record = try await answering { try await storage.study(named: name) }
        let (total, page) = try await Self.page(of: record, query, in: storage)
        return try Responses.json(TrialPage(total: total, offset: query.offset, trials: page.map { WireTrial($0, record: record) }))
    }

    /// The trials `query` selects, with how many pass its filters: every trial is read without
    /// curves, and the page's trials again with the objective's last report (their last step).
    static func page(of record: StudyRecord, _ query: TrialQuery, in storage: any Storage) async throws -> (total: Int, trials: [Trial]) {
        let states = query.state.map { Set([$0]) }
        let all = try await answering { try await storage.trials(study: record.id, states: states, curves: .only([])) }
        let kept = query.filtered(all)
        let page = query.page(kept)
        let read = try await answering { try await storage.trials(ids: page.map(\.id), curves: .lastOnly([record.config.objective])) }
        let byID = Dictionary(read.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return (kept.count, page.map { byID[$0.id] ?? $0 })
    }

    /// The best trial by the study's direction (its value rule made the values), with its curves;
    /// 404 while no trial has completed with a value.
    func best(_ name: String) async throws -> Response {
        let record = try await answering { try await storage.study(named: name) }
        guard let best = try await answering({ try await storage.bestTrial(study: record.id, direction: record.config.direction) }) else {
            throw ServerError(.notFound, "study '\(name)' has no completed trial with a value yet")
        }
        let trial = try await answering { try await storage.trial(id: best.id) }
        return try Responses.json(WireTrialDetail(trial, record: record))
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
