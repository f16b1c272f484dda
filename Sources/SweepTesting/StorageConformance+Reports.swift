import Foundation
import SweepCore
import Testing

extension StorageConformance {
    static let reportChecks: [Check] = [
        Check("report.metrics") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let trial = try await Support.running(storage, study)
            #expect(try await storage.report(trial: trial.id, step: 0, metrics: ["value": 1, "loss": 2]) == true)
            #expect(try await storage.report(trial: trial.id, step: 1, metrics: ["value": 1.5]) == true)
            #expect(try await storage.report(trial: trial.id, step: 0, metrics: ["value": 9]) == false, "a step is reported once")
            #expect(try await storage.report(trial: trial.id, step: 0, metrics: ["value": 9, "loss": 9]) == false)
            #expect(
                try await storage.report(trial: trial.id, step: 0, metrics: ["value": 9, "accuracy": 0.75]) == true,
                "a new metric at a reported step is recorded")
            #expect(try await storage.report(trial: trial.id, step: 2, metrics: ["value": .nan, "loss": .infinity]) == true)
            #expect(try await storage.report(trial: trial.id, step: 10, metrics: ["value": -.infinity]) == true)
            #expect(try await storage.report(trial: trial.id, step: 5, metrics: ["value": -0.5]) == true)
            #expect(try await storage.report(trial: trial.id, step: 1_000_000, metrics: ["value": 1e-300]) == true)
            let read = try await storage.trial(id: trial.id)
            let value = read.curve("value")
            #expect(value.steps == [0, 1, 2, 5, 10, 1_000_000], "steps in step order, whatever order they were reported in")
            #expect(value.value(at: 0) == 1, "the first value at a step is kept")
            #expect(value.value(at: 1) == 1.5)
            #expect(value.value(at: 2)?.isNaN == true, "NaN is kept as NaN")
            #expect(value.value(at: 10) == -.infinity)
            #expect(value.value(at: 5) == -0.5)
            #expect(value.value(at: 1_000_000) == 1e-300)
            #expect(read.curve("loss").steps == [0, 2])
            #expect(read.curve("loss").values == [2, .infinity])
            #expect(read.curve("accuracy").steps == [0] && read.curve("accuracy").values == [0.75])
            #expect(Set(read.metrics.keys) == ["value", "loss", "accuracy"])
            await #expect(throws: SweepError.self) { try await storage.report(trial: trial.id + 1000, step: 0, metrics: ["value": 1]) }
        },
        Check("report.isolation") { make in
            let storage = try await make()
            let a = try await Support.study(storage, "a")
            let b = try await Support.study(storage, "b")
            let t0 = try await Support.running(storage, a)
            let t1 = try await Support.running(storage, a)
            let u0 = try await Support.running(storage, b)
            try await storage.report(trial: t0.id, step: 0, metrics: ["value": 1])
            #expect(try await storage.report(trial: t1.id, step: 0, metrics: ["value": 2]) == true, "steps are per trial")
            #expect(try await storage.report(trial: u0.id, step: 0, metrics: ["value": 3]) == true)
            #expect(try await storage.trial(id: t0.id).curve("value").values == [1])
            #expect(try await storage.trial(id: t1.id).curve("value").values == [2])
            #expect(try await storage.trial(id: u0.id).curve("value").values == [3])
        },
    ]

    static let readingChecks: [Check] = [
        Check("read.best") { make in
            let storage = try await make()
            let up = try await Support.study(storage, "up", direction: .maximize)
            let down = try await Support.study(storage, "down", direction: .minimize)
            #expect(try await storage.bestTrial(study: up.id, direction: .maximize) == nil, "no complete trial: none")
            for study in [up, down] {
                try await Support.finished(storage, study, .complete, 0.5, curve: [0.1, 0.5])
                try await Support.finished(storage, study, .pruned, 5, curve: [5])
                try await Support.finished(storage, study, .complete, 0.9, curve: [0.9])
                try await Support.finished(storage, study, .complete, 0.9)
                try await Support.finished(storage, study, .complete, .nan)
                try await Support.finished(storage, study, .failed, -3)
                try await Support.finished(storage, study, .complete, nil)
            }
            let high = try #require(try await storage.bestTrial(study: up.id, direction: .maximize))
            #expect(high.number == 2, "the best complete value, the first to finish on a tie; pruned, NaN and none left out")
            #expect(high.curve("value").values == [0.9], "with its curves")
            let low = try #require(try await storage.bestTrial(study: down.id, direction: .minimize))
            #expect(low.number == 0 && low.value == 0.5)
        },
        Check("read.trials") { make in
            let storage = try await make()
            let study = try await Support.study(storage, "r")
            let other = try await Support.study(storage, "o")
            _ = try await Support.running(storage, other)
            let c0 = try await Support.finished(storage, study, .complete, 1, curve: [0.5, 1])
            let w1 = try await Support.waiting(storage, study, ["x": .double(0.1)])
            let r2 = try await Support.running(storage, study)
            try await storage.report(trial: r2.id, step: 0, metrics: ["value": 0.2, "loss": 3])
            try await storage.addTrialNote(trial: r2.id, note: Note(time: Date(), text: "look at this one"))
            let p3 = try await Support.finished(storage, study, .pruned, 0.1, curve: [0.1])
            let c4 = try await Support.finished(storage, study, .complete, 2)
            let all = try await storage.trials(study: study.id, states: nil)
            #expect(all.map(\.number) == [0, 1, 2, 3, 4], "trials in number order")
            #expect(all.map(\.id) == [c0.id, w1.id, r2.id, p3.id, c4.id])
            #expect(try await storage.trials(study: study.id, states: [.complete]).map(\.number) == [0, 4])
            #expect(try await storage.trials(study: study.id, states: [.running, .waiting]).map(\.number) == [1, 2])
            #expect(try await storage.trials(study: study.id, states: [.failed]).isEmpty)
            #expect(try await storage.trials(study: study.id, states: []).isEmpty)
            #expect(try await storage.trials(study: study.id, states: Set(TrialState.allCases)).count == 5)
            if all.count == 5 {
                #expect(all[0].curve("value").values == [0.5, 1], "listed trials carry their curves")
                #expect(all[2].curve("loss").values == [3])
                #expect(all[2].notes.map(\.text) == ["look at this one"], "and their notes")
                #expect(all[1].params == ["x": .double(0.1)])
                for t in all { Support.expectSame(t, try await storage.trial(id: t.id), "trial \(t.number) listed and read") }
            }
            let byNumber = try await storage.trial(study: study.id, number: 2)
            Support.expectSame(byNumber, try await storage.trial(id: r2.id), "by number and by id")
            await #expect(throws: SweepError.unknownTrial(study: "r", number: 5)) { try await storage.trial(study: study.id, number: 5) }
            await #expect(throws: SweepError.unknownTrial(study: "r", number: -1)) { try await storage.trial(study: study.id, number: -1) }
            await #expect(throws: SweepError.self) { try await storage.trial(id: c4.id + 1000) }
            #expect(try await storage.trials(study: other.id, states: nil).count == 1)
            #expect(try await storage.trialCount(study: study.id) == 5, "every state counts")
            #expect(try await storage.trialCount(study: other.id) == 1)
            #expect(try await storage.trialCount(study: try await Support.study(storage, "empty").id) == 0)
        },
    ]
}
