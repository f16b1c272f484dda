import Foundation
import SweepCore
import Testing

extension StorageConformance {
    static let trialChecks: [Check] = [
        Check("trial.numbers") { make in
            let storage = try await make()
            let a = try await Support.study(storage, "a")
            let b = try await Support.study(storage, "b")
            var numbers: [Int] = []
            var ids: Set<Int64> = []
            for i in 0..<7 {
                let t = i % 3 == 1 ? try await Support.waiting(storage, a) : try await Support.running(storage, a)
                numbers.append(t.number)
                ids.insert(t.id)
            }
            #expect(numbers == Array(0..<7), "running and waiting trials share one numbering without gaps")
            let inB = try await Support.times(3) { try await Support.running(storage, b) }
            #expect(inB.map(\.number) == [0, 1, 2], "each study numbers its trials from 0")
            ids.formUnion(inB.map(\.id))
            #expect(ids.count == 10, "trial ids are unique across studies")
            for t in inB { #expect(try await storage.trial(study: b.id, number: t.number).id == t.id) }
            _ = try await Support.claimWaiting(storage, a, started: Date())
            try await Support.finished(storage, a, .failed, nil)
            #expect(try await Support.running(storage, a).number == 8, "claiming and finishing leave no gap")
        },
        Check("trial.draft") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let space = try await Support.space()
            let started = Date(timeIntervalSince1970: 1_800_000_000.123456)
            let draft = TrialDraft(
                state: .running, params: Support.params, distributions: space.distributions,
                userAttributes: ["who": .string("me"), "n": .number(3)],
                systemAttributes: ["rung": .number(0), "tags": .array([.string("a"), .bool(false)])], started: started)
            let created = try await storage.createTrial(study: study.id, draft: draft)
            #expect(created.state == .running)
            #expect(created.params == Support.params)
            #expect(created.distributions == space.distributions)
            #expect(created.userAttributes == draft.userAttributes)
            #expect(created.systemAttributes == draft.systemAttributes)
            #expect(Support.close(created.started, started))
            #expect(created.value == nil && created.finished == nil && created.metrics.isEmpty && created.notes.isEmpty)
            let byID = try await storage.trial(id: created.id)
            Support.expectSame(byID, created, "read by id")
            Support.expectSame(try await storage.trial(study: study.id, number: created.number), created, "read by number")
            #expect(byID.params["x"] == .double(1), "a float parameter of 1.0 stays a float")
            let waiting = try await storage.createTrial(study: study.id, draft: TrialDraft(state: .waiting))
            #expect(waiting.state == .waiting && waiting.started == nil)
            #expect(try await storage.trial(id: waiting.id).state == .waiting)
        },
        Check("trial.claim") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let other = try await Support.study(storage, "other")
            #expect(try await Support.claimWaiting(storage, study, started: Date()) == nil, "nothing waiting")
            let w0 = try await Support.waiting(storage, study, ["x": .double(0.25)])
            _ = try await Support.running(storage, study)
            let w2 = try await Support.waiting(storage, study, ["x": .double(0.5)])
            let w3 = try await Support.waiting(storage, study)
            _ = try await Support.waiting(storage, other)
            let when = Date(timeIntervalSince1970: 1_750_000_000.5)
            let first = try #require(try await Support.claimWaiting(storage, study, started: when))
            #expect(first.id == w0.id && first.number == 0, "the oldest waiting trial first")
            #expect(first.state == .running)
            #expect(Support.close(first.started, when))
            #expect(first.params == ["x": .double(0.25)], "a claimed trial keeps its enqueued parameters")
            #expect(try await storage.trial(id: w0.id).state == .running, "the claim is stored")
            #expect(try await Support.claimWaiting(storage, study, started: when)?.id == w2.id)
            #expect(try await Support.claimWaiting(storage, study, started: when)?.id == w3.id)
            #expect(try await Support.claimWaiting(storage, study, started: when) == nil, "each trial is claimed once")
            #expect(try await storage.trials(study: other.id, states: [.waiting]).count == 1, "other studies' queues are untouched")
            let w5 = try await Support.waiting(storage, study)
            #expect(try await Support.claimWaiting(storage, study, started: when)?.id == w5.id, "a later enqueue is claimed")
        },
        Check("trial.params") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let trial = try await Support.running(storage, study)
            let space = try await Support.space()
            let x = try #require(space["x"])
            let opt = try #require(space["opt"])
            try await storage.setParams(trial: trial.id, params: ["x": .double(0.5)], distributions: ["x": x])
            try await storage.setParams(trial: trial.id, params: ["opt": .double(1)], distributions: ["opt": opt])
            var read = try await storage.trial(id: trial.id)
            #expect(read.params == ["x": .double(0.5), "opt": .double(1)], "parameters set later are merged in")
            #expect(read.distributions == ["x": x, "opt": opt])
            try await storage.setParams(trial: trial.id, params: ["x": .double(-0.5)], distributions: [:])
            read = try await storage.trial(id: trial.id)
            #expect(read.params == ["x": .double(-0.5), "opt": .double(1)], "a parameter set again takes the new value")
            #expect(read.distributions == ["x": x, "opt": opt])
            let queued = try await Support.waiting(storage, study, ["layers": .int(2)])
            try await storage.setParams(trial: queued.id, params: ["x": .double(0)], distributions: [:])
            #expect(try await storage.trial(id: queued.id).params == ["layers": .int(2), "x": .double(0)])
            await #expect(throws: SweepError.self) { try await storage.setParams(trial: queued.id + 1000, params: [:], distributions: [:]) }
        },
        Check("trial.attributes") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let trial = try await Support.running(storage, study)
            try await storage.setTrialAttribute(trial: trial.id, key: "k", value: .string("user"), system: false)
            try await storage.setTrialAttribute(trial: trial.id, key: "k", value: .number(1), system: true)
            try await storage.setTrialAttribute(trial: trial.id, key: "k", value: .number(2), system: true)
            try await storage.setTrialAttribute(trial: trial.id, key: "note", value: .object(["a": .array([])]), system: false)
            try await storage.addTrialNote(trial: trial.id, note: Note(time: Date(), text: "first"))
            try await storage.addTrialNote(trial: trial.id, note: Note(time: Date(), text: "second"))
            let read = try await storage.trial(id: trial.id)
            #expect(read.userAttributes == ["k": .string("user"), "note": .object(["a": .array([])])])
            #expect(read.systemAttributes == ["k": .number(2)])
            #expect(read.notes.map(\.text) == ["first", "second"])
            let missing = trial.id + 1000
            await #expect(throws: SweepError.self) { try await storage.setTrialAttribute(trial: missing, key: "k", value: .null, system: false) }
            await #expect(throws: SweepError.self) { try await storage.addTrialNote(trial: missing, note: Note(time: Date(), text: "x")) }
        },
        Check("trial.finish") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let cases: [(TrialState, Double?)] = [
                (.complete, 0.5), (.complete, -.infinity), (.pruned, 0.25), (.pruned, .nan), (.pruned, nil),
                (.failed, nil), (.failed, 3),
            ]
            for (state, value) in cases {
                let trial = try await Support.running(storage, study)
                try await storage.report(trial: trial.id, step: 0, metrics: ["value": 0.1, "loss": 2])
                let when = Date(timeIntervalSince1970: 1_760_000_000.75)
                let done = try await storage.finishTrial(trial: trial.id, state: state, value: value, finished: when)
                #expect(done.state == state)
                #expect(Support.same(done.value, value), "\(state) with \(String(describing: value))")
                #expect(Support.close(done.finished, when))
                #expect(done.metrics["loss"]?.value(at: 0) == 2, "the finished trial comes back with its curves")
                Support.expectSame(try await storage.trial(id: trial.id), done, "finished \(state) read back")
            }
            let running = try await Support.running(storage, study)
            for state in [TrialState.running, .waiting] {
                await #expect(throws: SweepError.self, "finishing as \(state) is refused") {
                    try await storage.finishTrial(trial: running.id, state: state, value: nil, finished: Date())
                }
            }
            #expect(try await storage.trial(id: running.id).state == .running)
            await #expect(throws: SweepError.self) {
                try await storage.finishTrial(trial: running.id + 1000, state: .complete, value: 1, finished: Date())
            }
        },
        Check("trial.end") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let trial = try await Support.running(storage, study)
            try await storage.setTrialAttribute(trial: trial.id, key: "kept", value: .number(1), system: false)
            try await storage.report(trial: trial.id, step: 0, metrics: ["value": 0.3])
            let start = try await storage.changes(study: study.id, after: 0).cursor
            let when = Date(timeIntervalSince1970: 1_760_000_000.5)
            let attributes = TrialEndAttributes(
                user: ["prune_reason": .string("below the median")], system: ["b": .number(2), "a": .bool(true)])
            try await storage.endTrial(trial: trial.id, state: .pruned, value: 0.3, finished: when, attributes: attributes)
            let ended = try await storage.trial(id: trial.id)
            #expect(ended.state == .pruned && ended.value == 0.3 && Support.close(ended.finished, when))
            #expect(ended.userAttributes == ["kept": .number(1), "prune_reason": .string("below the median")])
            #expect(ended.systemAttributes == ["a": .bool(true), "b": .number(2)])
            let feed = try await storage.changes(study: study.id, after: start)
            #expect(feed.trialAttributes.map(\.key) == ["a", "b"], "system attributes reach the feed in key order")
            #expect(feed.finished.map(\.id) == [trial.id])
            #expect(feed.finished.first?.userAttributes["prune_reason"] == .string("below the median"))
            await #expect(throws: SweepError.self, "a finished trial cannot end again") {
                try await storage.endTrial(
                    trial: trial.id, state: .complete, value: 1, finished: Date(),
                    attributes: TrialEndAttributes(user: ["late": .bool(true)]))
            }
            #expect(try await storage.trial(id: trial.id).userAttributes["late"] == nil, "a refused end sets nothing")
            let plain = try await Support.running(storage, study)
            try await storage.endTrial(trial: plain.id, state: .complete, value: 2, finished: when, attributes: TrialEndAttributes())
            #expect(try await storage.trial(id: plain.id).value == 2)
            // A trial without attributes takes the end's as they are (PostgreSQL: in one statement).
            let fresh = try await Support.running(storage, study)
            let beforeFresh = try await storage.changes(study: study.id, after: 0).cursor
            try await storage.endTrial(
                trial: fresh.id, state: .failed, value: nil, finished: when,
                attributes: TrialEndAttributes(user: ["u": .number(-1)], system: ["z": .string("x"), "y": .bool(false)]))
            let freshEnded = try await storage.trial(id: fresh.id)
            #expect(freshEnded.state == .failed && freshEnded.value == nil)
            #expect(freshEnded.userAttributes == ["u": .number(-1)])
            #expect(freshEnded.systemAttributes == ["y": .bool(false), "z": .string("x")])
            let freshFeed = try await storage.changes(study: study.id, after: beforeFresh)
            #expect(freshFeed.trialAttributes.map(\.key) == ["y", "z"] && freshFeed.finished.map(\.id) == [fresh.id])
            await #expect(throws: SweepError.self, "ending as running is refused") {
                try await storage.endTrial(
                    trial: try await Support.running(storage, study).id, state: .running, value: nil, finished: Date(),
                    attributes: TrialEndAttributes())
            }
        },
        Check("trial.import") { make in
            let storage = try await make()
            let study = try await Support.study(storage)
            let first = try await Support.running(storage, study)
            let cursor = try await storage.changes(study: study.id, after: 0).cursor
            let when = Date(timeIntervalSince1970: 1_760_000_000)
            let drafts = [
                FinishedTrialDraft(
                    params: ["lr": .double(0.1)], state: .complete, value: 0.5,
                    metrics: ["value": MetricCurve(steps: [0, 1, 5], values: [0.1, .nan, 0.5]), "loss": MetricCurve(steps: [1], values: [2])],
                    userAttributes: ["group": .string("g")], started: when, finished: when),
                FinishedTrialDraft(state: .pruned, value: nil, metrics: ["value": MetricCurve(steps: [0], values: [-1e308])]),
            ]
            await #expect(throws: SweepError.self, "a running draft is refused") {
                try await storage.importTrials(study: study.id, drafts + [FinishedTrialDraft(state: .running, value: nil)])
            }
            #expect(try await storage.trialCount(study: study.id) == 1, "nothing written")
            try await storage.importTrials(study: study.id, drafts)
            let all = try await storage.trials(study: study.id, states: nil)
            #expect(all.map(\.number) == [0, 1, 2] && all[0].id == first.id)
            #expect(all[1].state == .complete && all[1].value == 0.5 && all[1].params == ["lr": .double(0.1)])
            #expect(all[1].curve("value").steps == [0, 1, 5] && all[1].curve("value").values[1].isNaN)
            #expect(all[1].curve("loss").values == [2] && all[1].userAttributes == ["group": .string("g")])
            #expect(Support.close(all[1].finished, when) && Support.close(all[1].started, when))
            #expect(all[2].state == .pruned && all[2].value == nil && all[2].curve("value").values == [-1e308])
            let feed = try await storage.changes(study: study.id, after: cursor)
            #expect(feed.finished.map(\.number) == [1, 2], "each imported trial reaches the feed")
        },
        Check("trial.frozen") { make in
            let storage = try await make()
            let study = try await Support.study(storage, "frozen")
            for state in [TrialState.complete, .pruned, .failed] {
                let trial = try await Support.running(storage, study)
                try await storage.setParams(trial: trial.id, params: ["x": .double(0.5)], distributions: [:])
                try await storage.report(trial: trial.id, step: 0, metrics: ["value": 1])
                try await storage.finishTrial(trial: trial.id, state: state, value: state == .failed ? nil : 1, finished: Date())
                let error = SweepError.trialFinished(study: "frozen", number: trial.number, state: state)
                await #expect(throws: error) { try await storage.report(trial: trial.id, step: 1, metrics: ["value": 2]) }
                await #expect(throws: error) { try await storage.report(trial: trial.id, step: 0, metrics: ["value": 2]) }
                await #expect(throws: error) {
                    try await storage.setParams(trial: trial.id, params: ["x": .double(0.75)], distributions: [:])
                }
                await #expect(throws: error) {
                    try await storage.finishTrial(trial: trial.id, state: .complete, value: 5, finished: Date())
                }
                try await storage.addTrialNote(trial: trial.id, note: Note(time: Date(), text: "why it ended"))
                try await storage.setTrialAttribute(trial: trial.id, key: "verdict", value: .string("meh"), system: false)
                let read = try await storage.trial(id: trial.id)
                #expect(read.state == state, "a refused change leaves the state")
                #expect(read.curve("value").steps == [0] && read.curve("value").values == [1], "and the curve")
                #expect(read.params == ["x": .double(0.5)], "and the parameters")
                #expect(read.notes.map(\.text) == ["why it ended"], "notes may still be added")
                #expect(read.userAttributes == ["verdict": .string("meh")], "user attributes may still be set")
            }
            #expect(try await Support.claimWaiting(storage, study, started: Date()) == nil)
        },
    ]
}
