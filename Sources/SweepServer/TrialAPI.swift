import Foundation
import Hummingbird
import SweepCore
import SweepWire

/// Opens a handle on a stored study with its sampler and pruner (the CLI builds them from the
/// study's specs); each write request gets its own handle, as each `sweep` command does.
public typealias StudyHandleOpener = @Sendable (_ name: String) async throws -> Study

/// The JSON API's write routes, so that a training script in any language can be a trial over
/// HTTP: ask, report (answers continue or prune), tell, heartbeat. Bodies are JSON objects;
/// a value `null` stands for NaN, as in curve files.
struct TrialAPI: Sendable {
    let open: StudyHandleOpener

    /// The largest request body read (a report with many metrics fits many times over).
    static let maxBody = 1 << 20
    /// The largest step a report takes: the largest whole number a JSON number carries exactly.
    static let maxStep = APISchemas.exactInteger

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/studies/:name/ask") { request, context in try await ask(try studyName(context), request) }
        router.post("/api/studies/:name/trials/:number/report") { request, context in
            try await report(try studyName(context), try trialNumber(context), request)
        }
        router.post("/api/studies/:name/trials/:number/tell") { request, context in
            try await tell(try studyName(context), try trialNumber(context), request)
        }
        router.post("/api/studies/:name/trials/:number/heartbeat") { _, context in
            try await heartbeat(try studyName(context), try trialNumber(context))
        }
    }

    /// `{"heartbeat_timeout": 60}` (optional): starts a trial; answers its number, parameters, seed.
    func ask(_ name: String, _ request: Request) async throws -> Response {
        let body = try await Self.object(request, allowed: ["heartbeat_timeout"])
        let timeout = try Self.number(body, "heartbeat_timeout")
        if let timeout, !(timeout > 0 && timeout.isFinite) {
            throw ServerError(.badRequest, "heartbeat_timeout must be a positive number of seconds, got \(timeout)")
        }
        let study = try await answering { try await open(name) }
        let claim = try await answering { try await study.claim(heartbeatTimeout: timeout) }
        guard case .claimed(let trial) = claim else { throw ServerError(.internalServerError, "a claim without a target came back full") }
        return try Responses.json(WireAsk(number: trial.number, params: trial.params, seed: study.record.config.trialSeed(trial.number)))
    }

    /// `{"step": 3, "value": 0.5, "metrics": {"loss": 1.2}}`: records the values; with the
    /// objective's, asks the pruner. A prune is recorded at once (the trial is told pruned).
    func report(_ name: String, _ number: Int, _ request: Request) async throws -> Response {
        let body = try await Self.object(request, allowed: ["step", "value", "metrics"])
        guard let stepValue = try Self.number(body, "step"), let step = Int(exactly: stepValue), (0...Self.maxStep).contains(step) else {
            throw ServerError(.badRequest, "a report needs \"step\": a whole number from 0 to \(Self.maxStep)")
        }
        let study = try await answering { try await open(name) }
        var metrics: [String: Double] = [:]
        if case .object(let extra)? = body["metrics"] {
            for (key, value) in extra { metrics[key] = try Self.metricValue(value, "metrics.\(key)") }
        } else if let other = body["metrics"] {
            throw ServerError(.badRequest, "\"metrics\" must be an object of names to numbers, got \(other)")
        }
        if let value = body["value"] { metrics[study.objective] = try Self.metricValue(value, "value") }
        guard !metrics.isEmpty else { throw ServerError(.badRequest, "a report needs \"value\" and/or \"metrics\"") }
        let prune = try await Self.onTrial { try await study.reportAndJudge(trial: number, step: step, metrics: metrics) }
        return try Responses.json(WireDecision(trial: number, step: step, prune: prune))
    }

    /// `{"value": 0.93, "state": "complete"}` (state complete by default; pruned and failed take
    /// no value or one): ends the trial.
    func tell(_ name: String, _ number: Int, _ request: Request) async throws -> Response {
        let body = try await Self.object(request, allowed: ["value", "state"])
        var state = TrialState.complete
        if let text = body["state"] {
            guard let name = text.stringValue, let parsed = TrialState(rawValue: name), parsed.isFinished else {
                throw ServerError(.badRequest, "\"state\" must be complete, pruned or failed, got \(text)")
            }
            state = parsed
        }
        let value = try body["value"].map { try Self.metricValue($0, "value") }
        let study = try await answering { try await open(name) }
        let end = try await Self.onTrial { try await study.tell(trial: number, state: state, value: value) }
        return try Responses.json(WireEnd(trial: end.number, state: end.state.rawValue, value: end.value))
    }

    /// Marks a running trial alive (a report does too).
    func heartbeat(_ name: String, _ number: Int) async throws -> Response {
        let study = try await answering { try await open(name) }
        try await Self.onTrial { try await study.beat(trial: number) }
        return try Responses.json(["trial": number])
    }

    /// Runs a study's call on one trial once the request was checked: what the study still
    /// refuses is the trial's state (waiting in the queue; no report to take a value from), a 409.
    static func onTrial<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await answering(body)
        } catch let error as ServerError where error.status == .badRequest {
            throw ServerError(.conflict, error.message)
        }
    }

    // MARK: - Reading bodies

    /// The request's body as a JSON object (an empty body is an empty object), with only the
    /// `allowed` keys.
    static func object(_ request: Request, allowed: Set<String>) async throws -> [String: JSONValue] {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBody)
        } catch {
            throw ServerError(.contentTooLarge, "the body is larger than \(maxBody) bytes")
        }
        let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [:] }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: text)
        } catch {
            throw ServerError(.badRequest, "the body is \(error)")
        }
        guard case .object(let object) = value else { throw ServerError(.badRequest, "the body must be a JSON object, got \(value)") }
        if let unknown = object.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw ServerError(.badRequest, "unknown key \"\(unknown)\"; expected \(allowed.sorted().joined(separator: ", "))")
        }
        return object
    }

    static func number(_ body: [String: JSONValue], _ key: String) throws -> Double? {
        guard let value = body[key], value != .null else { return nil }
        guard let number = value.doubleValue, case .number = value else {
            throw ServerError(.badRequest, "\"\(key)\" must be a number, got \(value)")
        }
        return number
    }

    /// A metric's value: a number, or null for NaN.
    static func metricValue(_ value: JSONValue, _ what: String) throws -> Double {
        switch value {
        case .null: return .nan
        case .number(let d): return d
        default: throw ServerError(.badRequest, "\"\(what)\" must be a number (or null for NaN), got \(value)")
        }
    }
}

/// How a trial ended (`tell`).
struct WireEnd: Encodable {
    var trial: Int
    var state: String
    var value: Double?
}
