import Hummingbird
import SweepCore
import SweepWire

/// `GET /api/studies/NAME/live?cursor=C`: what changed in a study since the cursor C of an earlier
/// answer (or of the study page), for the page's live updates and for scripts that watch a study.
///
/// Built on the storage's change feed: the trials that finished after C (`changes(study:after:)`,
/// objective curve only), every running trial with its objective curve so far, the counts by
/// state and the best trial, and the cursor to pass next. Each finished trial comes once; a
/// running trial comes in every answer while it runs (its curve grows). The feed is read before
/// the running trials, so a trial that finishes in between is in the next answer, never lost.
struct LiveAPI: Sendable {
    let storage: any Storage

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/studies/:name/live") { request, context in try await live(try studyName(context), request) }
    }

    func live(_ name: String, _ request: Request) async throws -> Response {
        let cursor = Int64(try queryInt(request, "cursor", in: 0...APISchemas.exactInteger) ?? 0)
        let summary = try await StudyAPI.summary(of: name, in: storage)
        let record = summary.record
        let objective = record.config.objective
        // The finished trials without curves; then the objective's curve of at most
        // `DrawnCurves.cap` of them (every one of a usual answer; the best of a first poll from 0
        // on a study of thousands, which would otherwise read and send every curve).
        let changes = try await answering {
            try await storage.changes(study: record.id, after: cursor, curves: .only([]))
        }
        let drawn = DrawnCurves(trials: changes.finished, direction: record.config.direction, best: summary.bestNumber)
        let curves = drawn.ids.isEmpty ? [] : try await answering { try await storage.trials(ids: drawn.ids, curves: .only([objective])) }
        let byID = Dictionary(curves.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let running = try await answering {
            try await storage.trials(study: record.id, states: [.running], curves: .only([objective]))
        }
        let update = LiveUpdate(
            cursor: Int(changes.cursor),
            trials: Dictionary(uniqueKeysWithValues: summary.counts.map { ($0.key.rawValue, $0.value) }),
            bestTrial: summary.bestNumber, best: summary.best,
            finished: changes.finished.map { LiveTrial($0, curve: byID[$0.id], objective: objective) },
            running: running.map { LiveTrial($0, curve: $0, objective: objective) })
        return try Responses.json(update)
    }

    /// The feed's position now, for a page to start its live updates from. Read without curves
    /// from the furthest position known: the last one `known` read, or the stored index snapshot's
    /// cursor (a short tail), from the start where neither is kept.
    static func cursor(study: Int64, in storage: any Storage, known: FeedCursors) async throws -> Int64 {
        try await answering {
            let from = max(known.start(study: study), try await storage.indexSnapshotCursor(study: study) ?? 0)
            let cursor = try await storage.changes(study: study, after: from, curves: .only([])).cursor
            known.read(cursor, study: study)
            return cursor
        }
    }
}

/// One answer of the live route.
struct LiveUpdate: Encodable {
    /// Pass this as `cursor` next time (an `Int`: SweepWire's encoder writes no `Int64`).
    var cursor: Int
    /// Trials by state.
    var trials: [String: Int]
    var bestTrial: Int?
    var best: Double?
    /// The trials that finished after the cursor, in the order they finished.
    var finished: [LiveTrial]
    /// Every running trial.
    var running: [LiveTrial]

    enum CodingKeys: String, CodingKey {
        case cursor, trials, best, finished, running
        case bestTrial = "best_trial"
    }
}

/// A trial as the live route sends it: its objective's last report and its curve downsampled as
/// the study page draws it (a finished trial beyond the first `DrawnCurves.cap` of one answer comes
/// without them: `/curves` and `/trials` have them).
struct LiveTrial: Encodable {
    var number: Int
    var state: String
    var value: Double?
    var params: [String: ParamValue]
    var lastStep: Int?
    var lastValue: Double?
    /// `[step, value]` pairs of the objective, about `Pages.plotPoints` of them, extremes kept.
    var points: [[Double]]

    enum CodingKeys: String, CodingKey {
        case number, state, value, params, points
        case lastStep = "last_step"
        case lastValue = "last_value"
    }

    /// `trial`, with its objective's curve from `curve` (the same trial read with it) when sent.
    init(_ trial: Trial, curve: Trial?, objective: String) {
        number = trial.number
        state = trial.state.rawValue
        value = trial.value
        params = trial.params
        let whole = curve?.curve(objective) ?? MetricCurve()
        lastStep = whole.lastStep
        lastValue = whole.lastValue
        points = CurvesPlot.downsampled(whole, points: Pages.plotPoints).map { [Double($0.step), $0.value] }
    }
}
