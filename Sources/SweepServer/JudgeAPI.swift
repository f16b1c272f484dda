import Foundation
import Hummingbird
import SweepCore
import SweepWire

/// The judging routes: questions judges wait on (`Checkpoint`) and their answers, pairwise labels
/// (`PairLabel`) and the next pair to label.
struct JudgeAPI: Sendable {
    let storage: any Storage

    /// The longest reason or name kept (longer ones are refused, not cut).
    static let maxText = 4_000

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/studies/:name/checkpoints") { request, context in try await checkpoints(try studyName(context), request) }
        router.post("/api/studies/:name/checkpoints/:id/answer") { request, context in
            try await answer(try studyName(context), try Self.checkpointID(context), request)
        }
        router.get("/api/studies/:name/labels") { _, context in try await labels(try studyName(context)) }
        router.post("/api/studies/:name/labels") { request, context in try await label(try studyName(context), request) }
        router.get("/api/studies/:name/pair") { request, context in try await pair(try studyName(context), request) }
    }

    /// `?open=true` (the default): questions waiting for an answer; `?open=false`: all of them.
    func checkpoints(_ name: String, _ request: Request) async throws -> Response {
        let record = try await answering { try await storage.study(named: name) }
        let openOnly = try Self.flag(request, "open", default: true)
        let questions = try await answering { try await storage.checkpoints(study: record.id, openOnly: openOnly) }
        return try Responses.json(questions.map(WireCheckpoint.init))
    }

    /// `{"prune": true, "reason": "flat", "by": "ada"}`: answers a waiting question; 409 when it
    /// had an answer already (the judge's deadline, or another person), naming it.
    func answer(_ name: String, _ id: Int64, _ request: Request) async throws -> Response {
        let body = try await TrialAPI.object(request, allowed: ["prune", "reason", "by"])
        guard case .bool(let prune)? = body["prune"] else {
            throw ServerError(.badRequest, "an answer needs \"prune\": true (stop the trial) or false (let it go on)")
        }
        let reason = try Self.text(body, "reason")
        let by = try Self.text(body, "by") ?? "browser"
        guard by != CheckpointAnswer.timeoutName else { throw ServerError(.badRequest, "\"by\" may not be '\(by)': the judge's deadline answers as that") }
        let question = try await question(id, of: name)
        let stored = try await answering {
            try await storage.answerCheckpoint(id: question.id, answer: CheckpointAnswer(prune: prune, reason: reason, by: by))
        }
        guard stored.answer?.by == by, stored.answer?.prune == prune, stored.answer?.reason == reason, question.isOpen else {
            let given = stored.answer.map { "\($0.by) (\($0.prune ? "prune" : "continue"))" } ?? "someone"
            throw ServerError(.conflict, "checkpoint \(id) of trial \(stored.trialNumber) was answered already by \(given)")
        }
        return try Responses.json(WireCheckpoint(stored))
    }

    func labels(_ name: String) async throws -> Response {
        let record = try await answering { try await storage.study(named: name) }
        return try Responses.json(try await answering { try await storage.labels(study: record.id) }.map(WireLabel.init))
    }

    /// `{"first": 3, "second": 7, "choice": "second", "by": "ada"}`: stores a label.
    func label(_ name: String, _ request: Request) async throws -> Response {
        let body = try await TrialAPI.object(request, allowed: ["first", "second", "choice", "by"])
        let first = try Self.trialNumber(body, "first")
        let second = try Self.trialNumber(body, "second")
        guard let text = body["choice"]?.stringValue, let choice = PairChoice(rawValue: text) else {
            throw ServerError(.badRequest, "a label needs \"choice\": \"first\", \"second\" or \"same\"")
        }
        let by = try Self.text(body, "by") ?? "browser"
        let record = try await answering { try await storage.study(named: name) }
        let stored = try await answering {
            try await storage.addLabel(study: record.id, label: PairLabel(first: first, second: second, choice: choice, by: by))
        }
        return try Responses.json(WireLabel(stored))
    }

    /// `{"first": 3, "second": 7}`: the next two finished trials to label (`PairPicker`); 404
    /// when fewer than two finished trials have a curve. `?seed=` fixes the draw.
    func pair(_ name: String, _ request: Request) async throws -> Response {
        let record = try await answering { try await storage.study(named: name) }
        let seed = try queryInt(request, "seed", in: 0...APISchemas.exactInteger).map(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        guard let pair = try await Self.nextPair(record, storage: storage, seed: seed) else {
            throw ServerError(.notFound, "study '\(name)' has fewer than two finished trials with a curve to compare")
        }
        return try Responses.json(["first": pair.first, "second": pair.second])
    }

    /// The next pair to label in the study (finished trials that reported the objective).
    static func nextPair(_ record: StudyRecord, storage: any Storage, seed: UInt64) async throws -> (first: Int, second: Int)? {
        let finished = try await answering {
            try await storage.trials(study: record.id, states: [.complete, .pruned], curves: .lastOnly([record.config.objective]))
        }
        let candidates = finished.filter { !$0.curve(record.config.objective).isEmpty }.map(\.number)
        let labels = try await answering { try await storage.labels(study: record.id) }
        return PairPicker(candidates: candidates, labels: labels).next(seed: seed)
    }

    /// The study's question `id`; 404 when it has none by that id.
    private func question(_ id: Int64, of name: String) async throws -> Checkpoint {
        let record = try await answering { try await storage.study(named: name) }
        let question: Checkpoint
        do {
            question = try await storage.checkpoint(id: id)
        } catch SweepError.invalidArgument {
            throw ServerError(.notFound, "study '\(name)' has no checkpoint \(id)")
        } catch let error as SweepError {
            throw ServerError(error)
        }
        guard question.study == record.id else { throw ServerError(.notFound, "study '\(name)' has no checkpoint \(id)") }
        return question
    }

    /// The `:id` path parameter: a question's id; anything else is a 400 naming it.
    private static func checkpointID(_ context: BasicRequestContext) throws -> Int64 {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), (0...Int64(APISchemas.exactInteger)).contains(id) else {
            throw ServerError(.badRequest, "a checkpoint id in the path must be a whole number from 0 to \(APISchemas.exactInteger), got '\(raw)'")
        }
        return id
    }

    private static func text(_ body: [String: JSONValue], _ key: String) throws -> String? {
        guard let value = body[key], value != .null else { return nil }
        guard let text = value.stringValue else { throw ServerError(.badRequest, "\"\(key)\" must be a string, got \(value)") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count <= maxText else { throw ServerError(.badRequest, "\"\(key)\" is longer than \(maxText) bytes") }
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func trialNumber(_ body: [String: JSONValue], _ key: String) throws -> Int {
        guard let value = try TrialAPI.number(body, key), let number = Int(exactly: value), number >= 0 else {
            throw ServerError(.badRequest, "a label needs \"\(key)\": a trial number")
        }
        return number
    }

    private static func flag(_ request: Request, _ key: String, default value: Bool) throws -> Bool {
        guard let text = request.uri.queryParameters[Substring(key)] else { return value }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw ServerError(.badRequest, "query parameter \(key) must be true or false, got '\(text)'")
        }
    }
}
