import Foundation
import Hummingbird
import SweepCore
import SweepWire

/// Queued trials, the research log and asking the pruner without reporting, over HTTP.
struct LogAPI: Sendable {
    let storage: any Storage
    let open: StudyHandleOpener

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/studies/:name/enqueue") { request, context in try await enqueue(try studyName(context), request) }
        router.get("/api/studies/:name/notes") { _, context in try await notes(try studyName(context)) }
        router.post("/api/studies/:name/notes") { request, context in try await note(try studyName(context), request) }
        router.post("/api/studies/:name/trials/:number/should-prune") { _, context in
            try await shouldPrune(try studyName(context), try trialNumber(context))
        }
    }

    /// `{"params": {"x": 1, "opt": "adam"}}`: queues a trial the next ask runs (`Study.enqueue`
    /// checks the names and takes each value as its distribution's kind); answers its number.
    func enqueue(_ name: String, _ request: Request) async throws -> Response {
        let body = try await TrialAPI.object(request, allowed: ["params"])
        guard case .object(let given)? = body["params"] else {
            throw ServerError(.badRequest, "an enqueue needs \"params\": an object of names to numbers, strings or booleans")
        }
        var params: [String: ParamValue] = [:]
        for (key, value) in given {
            switch value {
            case .number(let d): params[key] = d.rounded() == d && abs(d) < 9e15 ? .int(Int(d)) : .double(d)
            case .string(let s): params[key] = .string(s)
            case .bool(let b): params[key] = .bool(b)
            default: throw ServerError(.badRequest, "\"params.\(key)\" must be a number, a string or a boolean, got \(value)")
            }
        }
        let study = try await answering { try await open(name) }
        let trial = try await answering { try await study.enqueue(params: params) }
        return try Responses.json(["number": trial.number])
    }

    /// The research log: the study's notes and its trials' notes, oldest first.
    func notes(_ name: String) async throws -> Response {
        let record = try await answering { try await storage.study(named: name) }
        let trials = try await answering { try await storage.trials(study: record.id, states: nil, curves: .only([])) }
        var entries = record.notes.map { LogEntry(time: $0.time, trial: nil, text: $0.text) }
        for trial in trials { entries += trial.notes.map { LogEntry(time: $0.time, trial: trial.number, text: $0.text) } }
        return try Responses.json(entries.sorted { ($0.time, $0.trial ?? -1) < ($1.time, $1.trial ?? -1) })
    }

    /// `{"text": "gamma 0.5 -> 0.8, worse", "trial": 7}` (trial optional): adds a note.
    func note(_ name: String, _ request: Request) async throws -> Response {
        let body = try await TrialAPI.object(request, allowed: ["text", "trial"])
        guard let text = body["text"]?.stringValue, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ServerError(.badRequest, "a note needs \"text\" with something in it")
        }
        let trial = try TrialAPI.number(body, "trial").map { value -> Int in
            guard let n = Int(exactly: value), n >= 0 else { throw ServerError(.badRequest, "\"trial\" must be a trial number, got \(value)") }
            return n
        }
        let study = try await answering { try await open(name) }
        try await answering { try await study.note(text, trial: trial) }
        return try Responses.json(["noted": true])
    }

    /// Asks the pruner about a running trial without reporting; a prune's reason is stored.
    func shouldPrune(_ name: String, _ number: Int) async throws -> Response {
        let study = try await answering { try await open(name) }
        let prune = try await TrialAPI.onTrial { () -> Bool in
            let decision = try await study.shouldPrune(trial: number)
            try await study.recordPruneReason(decision, trial: number)
            return decision.prune
        }
        return try Responses.json(WireDecision(trial: number, step: nil, prune: prune))
    }
}

/// One entry of the research log.
struct LogEntry: Encodable {
    var time: Date
    var trial: Int?
    var text: String
}
