import Foundation
import SweepCore
import Testing
@testable import SweepServer

/// The judging routes over a live server: questions and their answers, pairwise labels, the
/// next pair; and the judging pages rendered from the same storage.
@Suite(.timeLimit(.minutes(10))) struct JudgeAPITests {
    /// `ServerTests.storage()` with a question open on the running trial 2 of `demo`.
    static func storage() async throws -> (InMemoryStorage, Checkpoint) {
        let storage = try await ServerTests.storage()
        let demo = try storage.study(named: "demo")
        let running = try storage.trial(study: demo.id, number: 2)
        let question = try storage.openCheckpoint(trial: running.id, step: 0, brief: "# Should trial 2 go on?\n<script>x</script>", timeout: 60)
        return (storage, question)
    }

    @Test func aWaitingQuestionIsListedAndAnsweredOnce() async throws {
        let (storage, question) = try await Self.storage()
        try await ServerTests.serving(storage) { port in
            let listed = try await ServerTests.get(port, "/api/studies/demo/checkpoints")
            let open = listed.json as? [[String: Any]] ?? []
            #expect(listed.status == 200 && open.count == 1, "\(listed.body)")
            #expect(open.first?["trial"] as? Int == 2 && open.first?["status"] as? String == "open")
            #expect((open.first?["deadline"] as? String)?.hasSuffix("Z") == true, "times are ISO 8601")
            let path = "/api/studies/demo/checkpoints/\(question.id)/answer"
            let answered = try await ServerTests.post(port, path, #"{"prune": true, "reason": "flat", "by": "ada"}"#)
            #expect(answered.status == 200, "\(answered.body)")
            let object = answered.json as? [String: Any] ?? [:]
            #expect(object["status"] as? String == "prune" && object["answered_by"] as? String == "ada" && object["reason"] as? String == "flat")
            let again = try await ServerTests.post(port, path, #"{"prune": false, "by": "bo"}"#)
            #expect(again.status == 409 && again.body.contains("answered already by ada (prune)"), "\(again.body)")
            #expect((try await ServerTests.get(port, "/api/studies/demo/checkpoints").json as? [Any])?.isEmpty == true)
            #expect((try await ServerTests.get(port, "/api/studies/demo/checkpoints?open=false").json as? [Any])?.count == 1)
            #expect(try storage.checkpoint(id: question.id).answer?.by == "ada")
        }
    }

    @Test func badAnswersAreRefusedByName() async throws {
        let (storage, question) = try await Self.storage()
        try await ServerTests.serving(storage) { port in
            let path = "/api/studies/demo/checkpoints/\(question.id)/answer"
            for (body, says) in [
                ("{}", "an answer needs"), (#"{"prune": "yes"}"#, "an answer needs"), (#"{"prune": true, "why": 1}"#, "unknown key"),
                (#"{"prune": true, "by": 3}"#, "must be a string"), (#"{"prune": true, "by": "timeout"}"#, "may not be"),
                ("[1]", "JSON object"), (#"{"prune": true, "reason": "\#(String(repeating: "x", count: 5_000))"}"#, "longer than"),
            ] {
                let reply = try await ServerTests.post(port, path, body)
                #expect(reply.status == 400 && reply.body.contains(says), "\(body.prefix(40)): \(reply.status) \(reply.body.prefix(200))")
            }
            #expect(try await ServerTests.post(port, "/api/studies/demo/checkpoints/999/answer", #"{"prune": true}"#).status == 404)
            #expect(try await ServerTests.post(port, "/api/studies/nope/checkpoints/\(question.id)/answer", #"{"prune": true}"#).status == 404)
            // Another study's question is not this study's.
            #expect(try await ServerTests.post(port, "/api/studies/%3Cb%3Ex%26y%3C%2Fb%3E/checkpoints/\(question.id)/answer", #"{"prune": true}"#).status == 404)
            #expect(try await ServerTests.get(port, "/api/studies/demo/checkpoints?open=maybe").status == 400)
            #expect(try storage.checkpoint(id: question.id).isOpen, "nothing refused was stored")
        }
    }

    @Test func labelsAreStoredAndListed() async throws {
        let (storage, _) = try await Self.storage()
        try await ServerTests.serving(storage) { port in
            let pair = try await ServerTests.get(port, "/api/studies/demo/pair?seed=7")
            let shown = pair.json as? [String: Int] ?? [:]
            #expect(pair.status == 200 && Set([shown["first"], shown["second"]]) == [0, 1], "the two finished trials: \(pair.body)")
            let stored = try await ServerTests.post(port, "/api/studies/demo/labels", #"{"first": 1, "second": 0, "choice": "second", "by": "ada"}"#)
            #expect(stored.status == 200, "\(stored.body)")
            #expect((stored.json as? [String: Any])?["choice"] as? String == "second")
            let all = try await ServerTests.get(port, "/api/studies/demo/labels").json as? [[String: Any]] ?? []
            #expect(all.count == 1 && all.first?["by"] as? String == "ada" && all.first?["first"] as? Int == 1)
            for (body, status) in [
                (#"{"first": 0, "second": 0, "choice": "first"}"#, 400), (#"{"first": 0, "second": 9, "choice": "first"}"#, 404),
                (#"{"first": 0, "second": 1, "choice": "left"}"#, 400), (#"{"first": -1, "second": 1, "choice": "first"}"#, 400),
                (#"{"first": 0.5, "second": 1, "choice": "first"}"#, 400), (#"{"second": 1, "choice": "first"}"#, 400),
            ] {
                let reply = try await ServerTests.post(port, "/api/studies/demo/labels", body)
                #expect(reply.status == status, "\(body): \(reply.status) \(reply.body)")
            }
            #expect(try storage.labels(study: try storage.study(named: "demo").id).count == 1)
            #expect(try await ServerTests.get(port, "/api/studies/%3Cb%3Ex%26y%3C%2Fb%3E/pair").status == 404, "no two finished trials")
        }
    }

    @Test func theQueuePageShowsTheQuestionEscaped() async throws {
        let (storage, question) = try await Self.storage()
        try await ServerTests.serving(storage) { port in
            let page = try await ServerTests.get(port, "/studies/demo/judge")
            #expect(page.status == 200 && page.body.contains("id=\"q\(question.id)\""), "\(page.body.prefix(400))")
            #expect(page.body.contains("&lt;script&gt;x&lt;/script&gt;") && !page.body.contains("<script>x</script>"), "the brief is text")
            #expect(page.body.contains("data-trial=\"0\""), "the best complete trial is drawn beside it")
            let label = try await ServerTests.get(port, "/studies/demo/label")
            #expect(label.status == 200 && label.body.contains("id=\"pair\"") && label.body.contains("A is better"))
            let empty = try await ServerTests.get(port, "/studies/%3Cb%3Ex%26y%3C%2Fb%3E/label")
            #expect(empty.status == 200 && empty.body.contains("nothing to compare yet"))
            #expect(try await ServerTests.get(port, "/studies/nope/judge").status == 404)
            let study = try await ServerTests.get(port, "/studies/demo")
            for page in ["judge", "label", "quiz"] {
                #expect(study.body.contains("href=\"/studies/demo/\(page)\""), "the study page links its \(page) page")
            }
        }
    }

    @Test func theQuizIsMadeAgainFromItsSeedAndMarked() async throws {
        let storage = try await BrowserTests.liveStudy()
        try await ServerTests.serving(storage) { port in
            let quiz = try await ServerTests.get(port, "/studies/live/quiz?seed=3&count=4")
            #expect(quiz.status == 200 && quiz.body.contains("<form id=\"quiz\""), "\(quiz.body.prefix(300))")
            #expect(try await ServerTests.get(port, "/studies/live/quiz?seed=3&count=4").body == quiz.body, "the same seed, the same quiz")
            let ids = quiz.body.components(separatedBy: "<li id=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
            #expect(!ids.isEmpty)
            let marked = try await ServerTests.get(port, "/studies/live/quiz/grade?seed=3&count=4")
            #expect(marked.status == 200 && marked.body.contains("0 of \(ids.count)</span> right"), "\(marked.body.prefix(500))")
            #expect(marked.body.components(separatedBy: "not answered").count - 1 == ids.count)
            #expect(try await ServerTests.get(port, "/studies/live/quiz/grade?seed=3&count=4&\(ids[0])=zz").status == 400)
            #expect(try await ServerTests.get(port, "/studies/live/quiz?count=0").status == 400)
            let none = try await ServerTests.get(port, "/studies/live/quiz?seed=1&count=2")
            #expect(none.status == 200)
        }
    }
}
