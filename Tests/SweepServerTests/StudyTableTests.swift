import Foundation
import SweepCore
import Testing

/// The study page's trial table and the trials API: paged, filtered by state and by a parameter,
/// sorted, on the server; and `/best`.
@Suite(.timeLimit(.minutes(10))) struct StudyTableTests {
    /// The study `big` (maximize reward): `count` trials, number n with `opt` adam (n even) or sgd,
    /// value n % 97 (complete, n % 5 != 0), pruned without value (n % 5 == 0, n % 10 != 5), running
    /// (n % 10 == 5) with a report at step 3; an empty study `empty`.
    static func storage(trials count: Int) throws -> InMemoryStorage {
        let storage = InMemoryStorage()
        let study = try storage.createStudy(StudyConfig(name: "big", direction: .maximize, objective: "reward"))
        for n in 0..<count {
            let trial = try storage.createTrial(
                study: study.id, draft: TrialDraft(params: ["opt": .string(n % 2 == 0 ? "adam" : "sgd"), "layers": .int(n % 3)], started: Date()))
            _ = try storage.report(trial: trial.id, step: 3, metrics: ["reward": Double(n % 97)])
            if n % 10 == 5 { continue }
            _ = try storage.finishTrial(
                trial: trial.id, state: n % 5 == 0 ? .pruned : .complete, value: n % 5 == 0 ? nil : Double(n % 97), finished: Date())
        }
        _ = try storage.createStudy(StudyConfig(name: "empty"))
        return storage
    }

    /// The trial numbers of a page's rows, in order.
    static func rows(_ body: String) -> [Int] {
        body.components(separatedBy: "<tr data-trial=\"").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
    }

    static func states(_ body: String) -> Set<String> {
        Set(body.components(separatedBy: "<td class=\"state\">").dropFirst().map { String($0.prefix { $0 != "<" }) })
    }

    @Test func tenThousandTrialsRenderOnePageOfRowsWithLinksToTheOthers() async throws {
        try await ServerTests.serving(try Self.storage(trials: 10_000)) { port in
            let first = try await ServerTests.get(port, "/studies/big")
            #expect(first.status == 200)
            #expect(Self.rows(first.body) == Array(0..<100), "the first 100 in number order")
            #expect(first.body.contains("<span id=\"range\">trials 1–100 of 10,000</span>"))
            #expect(first.body.contains("<a id=\"page-next\" href=\"/studies/big?offset=100\">next</a>"))
            #expect(first.body.contains("<a id=\"page-last\" href=\"/studies/big?offset=9900\">last</a>"))
            #expect(first.body.contains("<span class=\"muted\">previous</span>"), "no page before the first")
            #expect(first.body.contains("data-append=\"false\""), "new trials do not belong on the first of many pages")
            #expect(first.body.utf8.count < 2_000_000, "\(first.body.utf8.count) bytes")

            let middle = try await ServerTests.get(port, "/studies/big?offset=100&limit=200")
            #expect(Self.rows(middle.body) == Array(100..<300))
            #expect(middle.body.contains("trials 101–300 of 10,000"))
            #expect(middle.body.contains("<a id=\"page-previous\" href=\"/studies/big?limit=200\">previous</a>"))
            #expect(middle.body.contains("<a id=\"page-next\" href=\"/studies/big?offset=300&amp;limit=200\">next</a>"))
            #expect(middle.body.contains("<a href=\"/studies/big?offset=100&amp;limit=50\">50</a>"), "other page sizes keep the place")

            let last = try await ServerTests.get(port, "/studies/big?offset=9900")
            #expect(Self.rows(last.body) == Array(9900..<10_000) && last.body.contains("data-append=\"true\""))
        }
    }

    @Test func theTableFiltersByStateAndParameterAndSortsOnTheServer() async throws {
        try await ServerTests.serving(try Self.storage(trials: 200)) { port in
            let pruned = try await ServerTests.get(port, "/studies/big?state=pruned")
            #expect(Self.states(pruned.body) == ["pruned"] && Self.rows(pruned.body).count == 20, "\(Self.rows(pruned.body))")
            #expect(pruned.body.contains("trials 1–20 of 20 (of 200 in the study)"))
            #expect(pruned.body.contains("<b>pruned (20)</b>") && pruned.body.contains("<a href=\"/studies/big\">all (200)</a>"))

            let adam = try await ServerTests.get(port, "/studies/big?param=opt%3Dadam&limit=500")
            #expect(Self.rows(adam.body) == Array(stride(from: 0, to: 200, by: 2)), "\(Self.rows(adam.body))")
            #expect(adam.body.contains("value=\"opt=adam\"") && adam.body.contains("id=\"param-clear\""))

            // Best first; trials without a value (pruned, running) after every valued one.
            let byValue = try await ServerTests.get(port, "/studies/big?sort=value&order=desc&limit=500")
            let numbers = Self.rows(byValue.body)
            #expect(numbers.count == 200 && numbers.first == 96, "96 % 97 = 96 is the highest value: \(numbers.prefix(5))")
            let valued = numbers.prefix { $0 % 5 != 0 }
            #expect(valued.count == 160 && numbers.dropFirst(160).allSatisfy { $0 % 5 == 0 })
            #expect(byValue.body.contains("aria-sort=\"descending\"><a class=\"sort\" href=\"/studies/big?sort=value&amp;limit=500\">reward ▼</a>"),
                    "the column's link sorts the other way")

            let byState = try await ServerTests.get(port, "/studies/big?sort=state&limit=500")
            let order = Self.rows(byState.body)
            #expect(order.prefix(20).allSatisfy { $0 % 10 == 5 } && order.suffix(20).allSatisfy { $0 % 10 == 0 }, "running, complete, pruned")

            for (query, message) in [("state=done", "state must be one of"), ("sort=loss", "sort must be one of"),
                                     ("order=up", "order must be asc or desc"), ("limit=0", "limit must be an integer"), ("param=", "param must be")] {
                let bad = try await ServerTests.get(port, "/studies/big?\(query)")
                #expect(bad.status == 400 && bad.contentType.hasPrefix("text/html") && bad.body.contains(message), "\(query): \(bad.status)")
            }
            let none = try await ServerTests.get(port, "/studies/big?param=opt%3Drmsprop")
            #expect(Self.rows(none.body).isEmpty && none.body.contains("no trial passes the filter"))
        }
    }

    @Test func theTrialsAPIFiltersSortsAndPagesAndBestAnswersTheBestTrial() async throws {
        try await ServerTests.serving(try Self.storage(trials: 200)) { port in
            let page = try #require(try await ServerTests.get(port, "/api/studies/big/trials?param=opt%3Dsgd&sort=value&order=desc&limit=3").json as? [String: Any])
            let trials = page["trials"] as? [[String: Any]] ?? []
            #expect(page["total"] as? Int == 100 && trials.compactMap { $0["number"] as? Int } == [193, 191, 93], "\(trials.map { $0["number"] ?? "" })")
            #expect(trials.first?["last_step"] as? Int == 3, "the page's rows come with their last step")

            let best = try await ServerTests.get(port, "/api/studies/big/best")
            let trial = try #require(best.json as? [String: Any])
            #expect(best.status == 200 && [96, 193].contains(trial["number"] as? Int) && trial["value"] as? Double == 96, "\(best.body.prefix(200))")
            #expect((trial["metrics"] as? [String: Any])?["reward"] != nil, "with its curves")
            let none = try await ServerTests.get(port, "/api/studies/empty/best")
            #expect(none.status == 404 && none.body.contains("no completed trial"), "\(none.body)")
            #expect(try await ServerTests.get(port, "/api/studies/nope/best").status == 404)
        }
    }

    /// A first poll of the live route from cursor 0 on a big study sends every finished trial once,
    /// the curves and last reports of the best 150 only, and every running trial with its curve.
    @Test func aFirstLivePollFromZeroSendsAtMost150Curves() async throws {
        try await ServerTests.serving(try Self.storage(trials: 400)) { port in
            let live = try #require(try await ServerTests.get(port, "/api/studies/big/live").json as? [String: Any])
            let finished = live["finished"] as? [[String: Any]] ?? []
            #expect(finished.count == 360)
            let drawn = finished.filter { !(($0["points"] as? [Any]) ?? []).isEmpty }
            #expect(drawn.count == 150 && drawn.allSatisfy { $0["last_step"] as? Int == 3 })
            #expect(drawn.contains { $0["number"] as? Int == live["best_trial"] as? Int }, "the best trial's curve is among them")
            let values = drawn.compactMap { $0["value"] as? Double }
            #expect(values.count == 150 && values.min() == 50, "the best by value (the 150th highest is 50): \(values.min() ?? 0)")
            #expect((live["running"] as? [[String: Any]])?.allSatisfy { ($0["points"] as? [Any])?.count == 1 } == true)
        }
    }

    @Test func aMethodAPathDoesNotTakeIs405WithAllow() async throws {
        try await ServerTests.serving(try Self.storage(trials: 3)) { port in
            let reply = try await ServerTests.send(port, "/api/studies/big/trials", method: "DELETE", body: nil)
            #expect(reply.status == 405 && reply.body.contains("DELETE is not served"), "\(reply.status) \(reply.body)")
            let wrongNumber = try await ServerTests.get(port, "/api/studies/big/trials/99999999999999999999")
            #expect(wrongNumber.status == 400 && wrongNumber.body.contains("a trial number in the path"), "\(wrongNumber.body)")
        }
    }
}
