import Foundation
import SweepCore
import SweepCurves

/// What a judge (a program or a person) is shown at a checkpoint: the running trial's curve beside
/// the best completed trials at the same steps, with the study's context and the answer expected.
struct JudgeBrief {
    /// How the brief is written: `markdown` for people and language models, `json` for scripts.
    enum Format: String, CaseIterable {
        case markdown
        case json
    }

    static let answerFormat =
        #"{"decision": "prune" or "continue", "reason": "why, in one sentence", "suggest": {"param": value, ...} (optional: a configuration to try next)}"#

    var study: String
    var direction: Direction
    var objective: String
    var trial: Int
    var params: [String: ParamValue]
    var curve: CurveRecord
    var peers: [CurveRecord]
    var completed: Int
    /// The longest completed trial's last step: about where a trial ends.
    var horizon: Int?
    var withBest: Int

    /// The brief for a running trial, its peers the `withBest` best completed trials.
    init(trial: TrialProgress, study index: StudyIndex, withBest: Int) {
        study = index.name
        direction = index.direction
        objective = index.objective
        self.trial = trial.number
        params = trial.params
        self.withBest = withBest
        let dir = index.direction.rawValue
        curve = CurveRecord(
            id: "trial \(trial.number)", params: trial.params.mapValues(Self.json), curve: trial.curve.values,
            steps: trial.curve.steps, direction: dir)
        let best = index.winners.prefix(max(0, withBest))
        peers = best.map { t in
            let c = t.curve(index.objective)
            return CurveRecord(
                id: "trial \(t.number)", params: t.params.mapValues(Self.json), curve: c.values, steps: c.steps,
                direction: dir)
        }
        completed = index.completedCount
        horizon = index.maxCompletedLastStep
    }

    /// The brief as text in `format`.
    func render(_ format: Format) -> String {
        switch format {
        case .markdown: return markdown()
        case .json: return json()
        }
    }

    private func markdown() -> String {
        let step = curve.steps?.last ?? max(0, curve.curve.count - 1)
        let ofAbout = horizon.map { " of about \($0) (the longest completed trial)" } ?? ""
        let paramText = params.isEmpty ? "none" : Self.describe(params)
        let besideText = peers.isEmpty ? "" : " Beside it: the \(peers.count) best by final value, best first."
        var lines: [String] = []
        lines.append("# Should trial \(trial) of study \"\(study)\" go on?")
        lines.append("")
        lines.append("Objective: \(objective), to \(direction.rawValue). Checkpoint: step \(step)\(ofAbout).")
        lines.append("Parameters: \(paramText)")
        lines.append("Completed trials so far: \(completed).\(besideText)")
        lines.append("")
        lines.append(CurveRendering.besideBest(curve, peers: peers, k: withBest, by: .final, rows: 12, format: .markdown))
        for peer in peers where !peer.params.isEmpty {
            let text = peer.params.keys.sorted().map { key in "\(key)=\(peer.params[key]!)" }.joined(separator: ", ")
            lines.append("- \(peer.id): \(text)")
        }
        lines.append("")
        lines.append("Answer with one JSON object on one line: \(Self.answerFormat)")
        return lines.joined(separator: "\n") + "\n"
    }

    private func json() -> String {
        func curveObject(_ r: CurveRecord) -> JSONValue {
            .object([
                "id": .string(r.id),
                "params": .object(r.params.mapValues(Self.jsonValue)),
                "steps": .array((r.steps ?? Array(0..<r.curve.count)).map { .number(Double($0)) }),
                "values": .array(r.curve.map { $0.isNaN ? .null : .number($0) }),
            ])
        }
        let object: JSONValue = .object([
            "study": .string(study),
            "direction": .string(direction.rawValue),
            "objective": .string(objective),
            "trial": .number(Double(trial)),
            "curve": curveObject(curve),
            "peers": .array(peers.map(curveObject)),
            "completed": .number(Double(completed)),
            "horizon": horizon.map { .number(Double($0)) } ?? .null,
            "rendering": .string(markdown()),
            "answer_format": .string(Self.answerFormat),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(object)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    static func describe(_ params: [String: ParamValue]) -> String {
        params.keys.sorted().map { key in "\(key)=\(params[key]!)" }.joined(separator: ", ")
    }

    static func json(_ value: ParamValue) -> CurveJSON {
        switch value {
        case .int(let v): return .number(Double(v))
        case .double(let v): return .number(v)
        case .string(let v): return .string(v)
        case .bool(let v): return .bool(v)
        }
    }

    static func jsonValue(_ value: CurveJSON) -> JSONValue {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let d): return .number(d)
        case .string(let s): return .string(s)
        case .array(let a): return .array(a.map(jsonValue))
        case .object(let o): return .object(o.mapValues(jsonValue))
        }
    }
}
