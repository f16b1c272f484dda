import Foundation
import SweepCore

/// A study whose name and strings would run as markup if a page forgot to escape them: the
/// study `<script>alert(1)</script>` (maximize reward) with four parameters (a log float, an int,
/// a categorical with a `<b>` choice, a linear float), seven trials — complete 0, 1, 2, 4, pruned
/// 3 (reason `<b>slow</b>`), failed 5, running 6 — reward and loss curves, a study note and a
/// trial note containing `<b>`, at known times a minute apart.
enum HostileStudy {
    static let name = "<script>alert(1)</script>"
    /// The name as a path segment of a link.
    static let path = "%3Cscript%3Ealert%281%29%3C%2Fscript%3E"
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    static func storage() throws -> InMemoryStorage {
        let storage = InMemoryStorage()
        let space = SearchSpace([
            .init(name: "lr", distribution: .float(try FloatDistribution(low: 0.0001, high: 1, log: true))),
            .init(name: "layers", distribution: .int(try IntDistribution(low: 1, high: 8))),
            .init(name: "opt", distribution: .categorical(try CategoricalDistribution([.string("adam"), .string("<b>sgd</b>"), .string("rmsprop")]))),
            .init(name: "dropout", distribution: .float(try FloatDistribution(low: 0, high: 0.5))),
        ])
        let study = try storage.createStudy(StudyConfig(name: name, direction: .maximize, objective: "reward", space: space))
        try storage.addStudyNote(study: study.id, note: Note(time: start, text: "<b>baseline</b> first"))
        let rows: [(lr: Double, layers: Int, opt: String, dropout: Double, rate: Double, state: TrialState)] = [
            (0.001, 2, "adam", 0.1, 0.3, .complete), (0.01, 4, "<b>sgd</b>", 0.1, 0.5, .complete),
            (0.1, 4, "adam", 0.3, 0.2, .complete), (0.0003, 1, "rmsprop", 0.4, 0.05, .pruned),
            (0.03, 8, "<b>sgd</b>", 0.2, 0.8, .complete), (0.5, 3, "adam", 0.5, 0.1, .failed), (0.002, 6, "rmsprop", 0.0, 0.4, .running),
        ]
        for (i, row) in rows.enumerated() {
            let params: [String: ParamValue] = ["lr": .double(row.lr), "layers": .int(row.layers), "opt": .string(row.opt), "dropout": .double(row.dropout)]
            let trial = try storage.createTrial(study: study.id, draft: TrialDraft(params: params, started: time(i)))
            let steps = row.state == .complete ? 10 : 4
            for step in 0..<steps {
                let reward = 0.9 * (1 - exp(-row.rate * Double(step + 1)))
                _ = try storage.report(trial: trial.id, step: step, metrics: ["reward": reward, "loss": 1 - reward])
            }
            if i == 1 { try storage.addTrialNote(trial: trial.id, note: Note(time: time(i).addingTimeInterval(30), text: "<b>spiky</b> start")) }
            switch row.state {
            case .complete:
                _ = try storage.finishTrial(trial: trial.id, state: .complete, value: 0.9 * (1 - exp(-row.rate * 10)), finished: time(i).addingTimeInterval(50))
            case .pruned:
                try storage.setTrialAttribute(trial: trial.id, key: "prune_reason", value: .string("<b>slow</b> below median"), system: false)
                _ = try storage.finishTrial(trial: trial.id, state: .pruned, value: nil, finished: time(i).addingTimeInterval(50))
            case .failed:
                try storage.setTrialAttribute(trial: trial.id, key: Replacement.failReasonKey, value: .string("exit status 1"), system: true)
                _ = try storage.finishTrial(trial: trial.id, state: .failed, value: nil, finished: time(i).addingTimeInterval(50))
            default: break
            }
        }
        return storage
    }

    /// Trial `i` starts `i + 1` minutes after the study's note.
    static func time(_ i: Int) -> Date { start.addingTimeInterval(60 * Double(i + 1)) }
}
