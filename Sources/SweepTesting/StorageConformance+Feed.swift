import Foundation
import SweepCore
import Testing

extension StorageConformance {
    static let feedChecks: [Check] = [
        Check("feed.finished") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            #expect(try await storage.changes(study: study.id, after: 0).isEmpty, "a new study has no changes")
            let trials = try await Support.times(4) { try await Support.running(storage, study) }
            for (i, t) in trials.enumerated() {
                for step in 0..<3 {
                    try await storage.report(trial: t.id, step: step, metrics: ["value": Double(i * 10 + step), "loss": -Double(step)])
                }
            }
            #expect(try await storage.changes(study: study.id, after: 0).finished.isEmpty, "running trials are not in the feed")
            try await storage.finishTrial(trial: trials[2].id, state: .complete, value: 22, finished: Date())
            try await storage.finishTrial(trial: trials[0].id, state: .pruned, value: 2, finished: Date())
            try await storage.finishTrial(trial: trials[3].id, state: .failed, value: nil, finished: Date())
            let changes = try await storage.changes(study: study.id, after: 0)
            #expect(changes.finished.map(\.number) == [2, 0, 3], "finished trials in the order they finished")
            #expect(changes.finished.map(\.state) == [.complete, .pruned, .failed])
            #expect(changes.finished.map(\.value) == [22, 2, nil])
            if let first = changes.finished.first {
                #expect(first.curve("value").steps == [0, 1, 2], "a finished trial comes with its curves")
                #expect(first.curve("value").values == [20, 21, 22])
                #expect(first.curve("loss").values == [0, -1, -2])
                Support.expectSame(first, try await storage.trial(id: trials[2].id), "the feed's trial and the stored one")
            }
            #expect(changes.trialAttributes.isEmpty && changes.studyAttributes.isEmpty)
        },
        Check("feed.attributes") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let t0 = try await Support.running(storage, study)
            let t1 = try await Support.running(storage, study)
            try await storage.setTrialAttribute(trial: t0.id, key: "rung_0", value: .number(0.5), system: true)
            try await storage.setTrialAttribute(trial: t1.id, key: "rung_0", value: .number(0.25), system: true)
            try await storage.setTrialAttribute(trial: t0.id, key: "user", value: .string("not in the feed"), system: false)
            try await storage.setTrialAttribute(trial: t0.id, key: "rung_1", value: .number(0.75), system: true)
            try await storage.setTrialAttribute(trial: t0.id, key: "rung_0", value: .null, system: true)
            try await storage.setStudyAttribute(study: study.id, key: "bracket", value: .number(1), system: true)
            try await storage.setStudyAttribute(study: study.id, key: "user", value: .number(1), system: false)
            try await storage.setStudyAttribute(study: study.id, key: "state", value: .object(["n": .number(1)]), system: true)
            try await storage.setStudyAttribute(study: study.id, key: "bracket", value: .number(2), system: true)
            let changes = try await storage.changes(study: study.id, after: 0)
            #expect(
                changes.trialAttributes == [
                    TrialAttributeChange(trialNumber: 0, key: "rung_0", value: .number(0.5)),
                    TrialAttributeChange(trialNumber: 1, key: "rung_0", value: .number(0.25)),
                    TrialAttributeChange(trialNumber: 0, key: "rung_1", value: .number(0.75)),
                    TrialAttributeChange(trialNumber: 0, key: "rung_0", value: .null),
                ], "every trial system attribute set, in order; user attributes are not in the feed")
            #expect(
                changes.studyAttributes == ["bracket": .number(2), "state": .object(["n": .number(1)])],
                "study system attributes, latest value per key")
            #expect(changes.finished.isEmpty)
            #expect(try await storage.trial(id: t0.id).systemAttributes == ["rung_0": .null, "rung_1": .number(0.75)])
            #expect(try await storage.study(named: "s").systemAttributes == ["bracket": .number(2), "state": .object(["n": .number(1)])])
        },
        Check("feed.cursor") { make in
            let storage = try await make()
            let study = try await Support.study(storage, "a")
            let other = try await Support.study(storage, "b")
            let t0 = try await Support.running(storage, study)
            let t1 = try await Support.running(storage, study)
            try await storage.report(trial: t0.id, step: 0, metrics: ["value": 1])
            try await storage.finishTrial(trial: t0.id, state: .complete, value: 1, finished: Date())
            try await storage.setTrialAttribute(trial: t1.id, key: "r", value: .number(1), system: true)
            let first = try await storage.changes(study: study.id, after: 0)
            #expect(first.finished.map(\.number) == [0] && first.trialAttributes.count == 1)
            let again = try await storage.changes(study: study.id, after: first.cursor)
            #expect(again.isEmpty, "the returned cursor returns nothing new")
            #expect(try await storage.changes(study: study.id, after: again.cursor).isEmpty, "and stays usable")
            // Changes elsewhere and non-feed writes do not show up.
            let u0 = try await Support.running(storage, other)
            try await storage.finishTrial(trial: u0.id, state: .complete, value: 1, finished: Date())
            try await storage.setStudyAttribute(study: other.id, key: "k", value: .number(1), system: true)
            try await storage.report(trial: t1.id, step: 0, metrics: ["value": 2])
            try await storage.setTrialAttribute(trial: t1.id, key: "u", value: .number(1), system: false)
            try await storage.addTrialNote(trial: t1.id, note: Note(time: Date(), text: "n"))
            _ = try await Support.running(storage, study)
            #expect(try await storage.changes(study: study.id, after: again.cursor).isEmpty, "other studies' changes are theirs")
            // New changes: only those after the cursor.
            try await storage.setTrialAttribute(trial: t1.id, key: "r", value: .number(2), system: true)
            try await storage.finishTrial(trial: t1.id, state: .pruned, value: 2, finished: Date())
            try await storage.setStudyAttribute(study: study.id, key: "s", value: .string("x"), system: true)
            let next = try await storage.changes(study: study.id, after: again.cursor)
            #expect(next.finished.map(\.number) == [1])
            #expect(next.trialAttributes == [TrialAttributeChange(trialNumber: 1, key: "r", value: .number(2))])
            #expect(next.studyAttributes == ["s": .string("x")])
            #expect(next.finished.first?.curve("value").values == [2])
            #expect(try await storage.changes(study: study.id, after: next.cursor).isEmpty)
            // From the start again: everything, in order.
            let replay = try await storage.changes(study: study.id, after: 0)
            #expect(replay.finished.map(\.number) == [0, 1])
            #expect(replay.trialAttributes.map(\.value) == [.number(1), .number(2)])
            #expect(replay.cursor == next.cursor)
            let elsewhere = try await storage.changes(study: other.id, after: 0)
            #expect(elsewhere.finished.map(\.number) == [0] && elsewhere.studyAttributes == ["k": .number(1)])
        },
        Check("feed.curveSelection") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let trial = try await Support.running(storage, study)
            try await storage.report(
                trial: trial.id, steps: [StepReport(step: 0, metrics: ["value": 1, "loss": 3]), StepReport(step: 1, metrics: ["value": 2])])
            try await storage.finishTrial(trial: trial.id, state: .complete, value: 2, finished: Date())
            let all = try await storage.changes(study: study.id, after: 0, curves: .all)
            #expect(all.finished.first?.metrics.keys.sorted() == ["loss", "value"])
            let objective = try await storage.changes(study: study.id, after: 0, curves: .only(["value"]))
            #expect(objective.finished.first?.metrics.keys.sorted() == ["value"], "only the chosen curve")
            #expect(objective.finished.first?.curve("value").values == [1, 2])
            #expect(objective.cursor == all.cursor)
            let none = try await storage.changes(study: study.id, after: 0, curves: .only([]))
            #expect(none.finished.count == 1 && none.finished.first?.metrics.isEmpty == true, "no curves, the trial still")
            #expect(none.finished.first?.value == 2 && none.finished.first?.state == .complete)
            #expect(try await storage.trial(id: trial.id).metrics.keys.sorted() == ["loss", "value"], "reading a trial still has every curve")
        },
        Check("trials.curveSelection") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let done = try await Support.running(storage, study)
            try await storage.report(
                trial: done.id,
                steps: [StepReport(step: 0, metrics: ["value": 1, "loss": 3]), StepReport(step: 7, metrics: ["value": 4]),
                        StepReport(step: 3, metrics: ["value": 2])])
            try await storage.finishTrial(trial: done.id, state: .complete, value: 1, finished: Date())
            let running = try await Support.running(storage, study)
            try await storage.report(trial: running.id, steps: [StepReport(step: 0, metrics: ["loss": 2])])
            let all = try await storage.trials(study: study.id, states: nil, curves: .all)
            #expect(all.map { $0.metrics.keys.sorted() } == [["loss", "value"], ["loss"]])
            let bare = try await storage.trials(study: study.id, states: nil, curves: .only([]))
            #expect(bare.map(\.id) == all.map(\.id) && bare.allSatisfy { $0.metrics.isEmpty }, "no curve, every trial")
            #expect(bare.first?.value == 1 && bare.first?.state == .complete && bare.last?.state == .running)
            let objective = try await storage.trials(study: study.id, states: [.complete], curves: .only(["value"]))
            #expect(objective.count == 1 && objective.first?.metrics.keys.sorted() == ["value"])
            let last = try await storage.trials(study: study.id, states: nil, curves: .lastOnly(["value", "loss"]))
            #expect(last.first?.curve("value").steps == [7] && last.first?.curve("value").values == [4], "the largest step only")
            #expect(last.first?.curve("loss").steps == [0] && last.last?.curve("loss").values == [2])
            #expect(last.last?.metrics["value"] == nil, "a metric never reported stays absent")
            let picked = try await storage.trials(ids: [running.id, done.id, running.id + 1000], curves: .only(["value"]))
            #expect(picked.map(\.id) == [done.id, running.id], "the ones that exist, in number order, each once")
            #expect(picked.first?.curve("value").steps == [0, 3, 7] && picked.last?.metrics.isEmpty == true)
            #expect(try await storage.trials(ids: [], curves: .all).isEmpty)
        },
        Check("feed.withReport") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let other = try await Support.study(storage, "other")
            let done = try await Support.running(storage, study)
            try await storage.report(trial: done.id, steps: [StepReport(step: 0, metrics: ["value": 4, "loss": 1])])
            try await storage.addTrialNote(trial: done.id, note: Note(time: Date(), text: "tried <b>"))
            try await storage.endTrial(
                trial: done.id, state: .complete, value: 4, finished: Date(),
                attributes: TrialEndAttributes(system: ["why": .string("done")]))
            try await storage.setStudyAttribute(study: other.id, key: "elsewhere", value: .bool(true), system: true)
            let trial = try await Support.running(storage, study)
            let steps = [StepReport(step: 0, metrics: ["value": 1]), StepReport(step: 1, metrics: ["value": 2, "loss": 0.5])]
            let (added, changes) = try await storage.report(
                trial: trial.id, steps: steps, thenChangesOf: study.id, after: 0, curves: .only(["value"]))
            #expect(added == 2)
            let alone = try await storage.changes(study: study.id, after: 0, curves: .only(["value"]))
            #expect(changes.cursor == alone.cursor && changes.finished.map(\.id) == [done.id])
            #expect(changes.finished.first?.metrics.keys.sorted() == ["value"] && changes.finished.first?.notes.map(\.text) == ["tried <b>"])
            #expect(changes.finished.first?.curve("value").values == [4] && changes.finished.first?.value == 4)
            #expect(changes.finished.first?.systemAttributes["why"] == .string("done"), "as it finished")
            #expect(changes.trialAttributes.map(\.key) == ["why"] && changes.studyAttributes.isEmpty, "this study's feed only")
            #expect(try await storage.trial(id: trial.id).curve("loss").values == [0.5], "every metric is stored")
            let again = try await storage.report(
                trial: trial.id, steps: [StepReport(step: 1, metrics: ["value": 9])], thenChangesOf: study.id,
                after: changes.cursor, curves: .all)
            #expect(again.added == 0 && again.changes.isEmpty && again.changes.cursor == changes.cursor)
            await #expect(throws: SweepError.self, "a finished trial takes no report") {
                try await storage.report(
                    trial: done.id, steps: [StepReport(step: 5, metrics: ["value": 1])], thenChangesOf: study.id, after: 0,
                    curves: .all)
            }
            #expect(try await storage.trial(id: done.id).curve("value").steps == [0])
            await #expect(throws: SweepError.self, "no such trial") {
                try await storage.report(
                    trial: trial.id + 1000, steps: steps, thenChangesOf: study.id, after: 0, curves: .all)
            }
        },
    ]
}
