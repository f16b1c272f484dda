import Foundation
import SweepCore

/// A study's history as a research log: notes and finished trials in time order, each trial with
/// what changed from the trial before it ("lr 0.01 -> 0.003") and whether it beat the best so far.
public enum ResearchLog {
    public struct Entry: Sendable, Hashable, Encodable {
        public var time: Date
        public var kind: String
        public var trial: Int?
        public var text: String

        /// "2026-11-21 18:57:20  trial 7 complete 0.93 (new best) — lr 0.01 -> 0.003".
        public var line: String {
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd HH:mm:ss"
            f.timeZone = TimeZone(identifier: "UTC")
            return "\(f.string(from: time))  \(text)"
        }
    }

    public static func entries(study: StudyRecord, trials: [Trial]) -> [Entry] {
        var entries: [Entry] = study.notes.map { Entry(time: $0.time, kind: "note", trial: nil, text: "note: \($0.text)") }
        for t in trials {
            for n in t.notes { entries.append(Entry(time: n.time, kind: "note", trial: t.number, text: "note on trial \(t.number): \(n.text)")) }
        }
        let finished = trials.filter { $0.state.isFinished && $0.finished != nil }.sorted { ($0.finished ?? .distantPast) < ($1.finished ?? .distantPast) }
        var previous: Trial?
        var best: Double?
        for t in finished {
            var text = "trial \(t.number) \(t.state.rawValue)"
            if let v = t.value { text += " \(formatNumber(v))" }
            if t.state == .complete, let v = t.value {
                if best == nil || study.config.direction.isBetter(v, than: best ?? v) {
                    text += best == nil ? " (first result)" : " (new best)"
                    best = v
                } else if let b = best {
                    text += " (best stays \(formatNumber(b)))"
                }
            }
            if t.state == .failed, let reason = t.systemAttributes["fail_reason"]?.stringValue { text += ": \(reason)" }
            let changes = changed(from: previous?.params, to: t.params)
            if !changes.isEmpty { text += " — " + changes.joined(separator: ", ") }
            entries.append(Entry(time: t.finished ?? Date.distantPast, kind: "trial", trial: t.number, text: text))
            previous = t
        }
        return entries.sorted { $0.time < $1.time }
    }

    static func changed(from old: [String: ParamValue]?, to new: [String: ParamValue]) -> [String] {
        guard let old else { return new.keys.sorted().map { "\($0) \(new[$0]?.description ?? "")" } }
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            let a = old[key]
            let b = new[key]
            guard a != b else { return nil }
            return "\(key) \(a?.description ?? "-") -> \(b?.description ?? "-")"
        }
    }
}
