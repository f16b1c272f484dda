import Foundation
import SweepCore
import SweepServer
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `sweep serve` over a storage: the JSON API and the pages, from a real server on a free port
/// of this machine, read with an HTTP client as a browser or script would.
@Suite(.timeLimit(.minutes(10))) struct ServerTests {
    /// A storage with the study `demo` (a complete trial, a pruned one with a spike near 1e308, a
    /// running one) and a study whose name needs escaping.
    static func storage() async throws -> InMemoryStorage {
        let storage = InMemoryStorage()
        let space = SearchSpace([.init(name: "lr", distribution: .float(try FloatDistribution(low: 0.001, high: 1, log: true)))])
        let demo = try storage.createStudy(StudyConfig(name: "demo", direction: .maximize, objective: "reward", space: space))
        for (i, curve) in [[0.1, 0.5, 0.9], [0.2, 1e308, 0.1], [0.3]].enumerated() {
            let trial = try storage.createTrial(study: demo.id, draft: TrialDraft(params: ["lr": .double(0.01 * Double(i + 1))], started: Date()))
            for (step, value) in curve.enumerated() {
                _ = try storage.report(trial: trial.id, step: step, metrics: ["reward": value, "loss": 1 - value])
            }
            if i == 0 { _ = try storage.finishTrial(trial: trial.id, state: .complete, value: 0.9, finished: Date()) }
            if i == 1 { _ = try storage.finishTrial(trial: trial.id, state: .pruned, value: 0.1, finished: Date()) }
        }
        _ = try storage.createStudy(StudyConfig(name: "<b>x&y</b>", direction: .minimize))
        return storage
    }

    /// Draws each parameter's lowest value (a categorical's first choice).
    struct Lowest: Sampler {
        var readsStudy: Bool { false }
        func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) throws -> [String: ParamValue] {
            var values: [String: ParamValue] = [:]
            for p in space.parameters {
                switch p.distribution {
                case .float(let d): values[p.name] = .double(d.low)
                case .int(let d): values[p.name] = .int(d.low)
                case .categorical(let d): values[p.name] = d.choices.first
                }
            }
            return values
        }
    }

    /// Prunes a value below 0.2 from step 1 on.
    struct BelowFifth: Pruner {
        var readsStudy: Bool { false }
        func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
            guard let step = trial.lastStep, step >= 1, let v = trial.curve.value(at: step), v < 0.2 else { return .keepGoing }
            return PruneDecision(prune: true, reason: "below 0.2")
        }
    }

    /// Serves `storage` on a free port for the body, then stops the server.
    static func serving(_ storage: any Storage, token: String? = nil, _ body: (Int) async throws -> Void) async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let open: StudyHandleOpener = { name in
            Study(record: try await storage.study(named: name), storage: storage, sampler: Lowest(), pruner: BelowFifth())
        }
        let server = Task {
            try await SweepServer.run(storage: storage, open: open, token: token, host: "127.0.0.1", port: 0) { continuation.yield($0) }
        }
        defer { server.cancel() }
        var next = ports.makeAsyncIterator()
        guard let port = await next.next() else { throw CancellationError() }
        try await body(port)
    }

    struct Reply {
        var status: Int
        var body: String
        var contentType: String
        var setCookie = ""
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
    }

    static func get(_ port: Int, _ path: String) async throws -> Reply {
        try await send(port, path, method: "GET", body: nil)
    }

    static func post(_ port: Int, _ path: String, _ body: String = "") async throws -> Reply {
        try await send(port, path, method: "POST", body: body)
    }

    static func send(
        _ port: Int, _ path: String, method: String, body: String?, headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                let http = response as? HTTPURLResponse
                continuation.resume(
                    returning: Reply(
                        status: http?.statusCode ?? 0, body: String(decoding: data ?? Data(), as: UTF8.self),
                        contentType: http?.value(forHTTPHeaderField: "Content-Type") ?? "",
                        setCookie: http?.value(forHTTPHeaderField: "Set-Cookie") ?? ""))
            }.resume()
        }
    }

    @Test func studiesAndOneStudyAsJSON() async throws {
        try await Self.serving(try await Self.storage()) { port in
            let all = try await Self.get(port, "/api/studies")
            #expect(all.status == 200 && all.contentType.hasPrefix("application/json"))
            let studies = all.json as? [[String: Any]] ?? []
            #expect(studies.compactMap { $0["name"] as? String } == ["demo", "<b>x&y</b>"])
            let demo = try await Self.get(port, "/api/studies/demo")
            let object = demo.json as? [String: Any] ?? [:]
            #expect(object["objective"] as? String == "reward")
            #expect((object["trials"] as? [String: Int]) == ["complete": 1, "pruned": 1, "running": 1])
            #expect(object["best_trial"] as? Int == 0)
            #expect(object["seed"] is String, "seeds are strings, as in every --json")
        }
    }

    @Test func trialsArePagedAndFilteredByState() async throws {
        try await Self.serving(try await Self.storage()) { port in
            let page = try await Self.get(port, "/api/studies/demo/trials?offset=1&limit=1")
            let object = page.json as? [String: Any] ?? [:]
            #expect(object["total"] as? Int == 3)
            #expect((object["trials"] as? [[String: Any]])?.map { $0["number"] as? Int } == [1])
            let pruned = try await Self.get(port, "/api/studies/demo/trials?state=pruned")
            #expect(((pruned.json as? [String: Any])?["trials"] as? [[String: Any]])?.map { $0["state"] as? String } == ["pruned"])
            let one = try await Self.get(port, "/api/studies/demo/trials/0")
            let trial = one.json as? [String: Any] ?? [:]
            #expect(trial["value"] as? Double == 0.9)
            #expect(((trial["metrics"] as? [String: Any])?["loss"] as? [[Double]])?.count == 3, "one trial comes with every metric")
        }
    }

    @Test func curvesAreDownsampledWithTheirExtremesAndNonFiniteAsNull() async throws {
        let storage = try await Self.storage()
        let study = try storage.study(named: "demo")
        let long = try storage.createTrial(study: study.id, draft: TrialDraft(started: Date()))
        _ = try await storage.report(trial: long.id, steps: (0..<5_000).map { StepReport(step: $0, metrics: ["reward": $0 == 4_321 ? -7 : .nan]) })
        try await Self.serving(storage) { port in
            let reply = try await Self.get(port, "/api/studies/demo/curves?points=30")
            let trials = (reply.json as? [String: Any])?["trials"] as? [[String: Any]] ?? []
            #expect(trials.count == 4)
            let points = trials.last?["points"] as? [[Any]] ?? []
            #expect(points.count <= 31, "\(points.count) points")
            #expect(points.contains { ($0[0] as? Double) == 4_321 && ($0[1] as? Double) == -7 }, "the one real value survives")
            #expect(points.contains { $0[1] is NSNull }, "NaN is null")
            let loss = try await Self.get(port, "/api/studies/demo/curves?metric=loss")
            #expect((loss.json as? [String: Any])?["metric"] as? String == "loss")
        }
    }

    @Test func badRequestsAndMissingThingsAreNamed() async throws {
        try await Self.serving(try await Self.storage()) { port in
            let cases: [(String, Int, String)] = [
                ("/api/studies/nope", 404, "no study named 'nope'"),
                ("/api/studies/demo/trials/9", 404, "has no trial number 9"),
                ("/api/studies/demo/trials?limit=0", 400, "limit must be an integer in 1...1000"),
                ("/api/studies/demo/trials?state=done", 400, "state must be one of"),
                ("/api/studies/demo/curves?points=x", 400, "points must be an integer"),
            ]
            for (path, status, message) in cases {
                let reply = try await Self.get(port, path)
                #expect(reply.status == status, "\(path): \(reply.status) \(reply.body)")
                #expect(((reply.json as? [String: Any])?["error"] as? String)?.contains(message) == true, "\(path): \(reply.body)")
            }
            // A page that cannot be shown is a page saying why.
            let page = try await Self.get(port, "/studies/nope")
            #expect(page.status == 404 && page.contentType.hasPrefix("text/html"), "\(page.status) \(page.contentType)")
            #expect(page.body.contains("<p id=\"error\">no study named &#39;nope&#39; in this storage</p>"), "\(page.body)")
        }
    }

    @Test func pagesListStudiesAndDrawCurves() async throws {
        try await Self.serving(try await Self.storage()) { port in
            let index = try await Self.get(port, "/")
            #expect(index.status == 200 && index.contentType.hasPrefix("text/html"))
            #expect(index.body.contains("<a href=\"/studies/demo\">demo</a>"))
            #expect(index.body.contains("&lt;b&gt;x&amp;y&lt;/b&gt;") && !index.body.contains("<b>x&y</b>"), "names are escaped")
            #expect(index.body.contains("/studies/%3Cb%3Ex%26y%3C%2Fb%3E"), "and their links encoded")
            let study = try await Self.get(port, "/studies/demo")
            #expect(study.status == 200)
            let curves = study.body.components(separatedBy: "id=\"parallel\"")[0]
            #expect(study.body.contains("<svg") && curves.components(separatedBy: "<path").count - 1 == 3, "a line per trial")
            #expect(study.body.contains("stroke=\"#c01c28\""), "the best trial is drawn apart")
            let svg = curves.components(separatedBy: "<svg").last?.components(separatedBy: "</svg>").first ?? ""
            #expect(!svg.contains("nan") && !svg.contains("inf"), "1e308 is drawn, not turned into inf")
            #expect(study.body.contains("data-live=\"/api/studies/demo/live\"") && study.body.contains("<script>"), "the page updates itself")
            #expect(study.body.contains(
                "<tr data-trial=\"2\"><td class=\"pick\"><input type=\"checkbox\" value=\"2\" aria-label=\"compare trial 2\"></td><td class=\"n\"><a href=\"/studies/demo/trials/2\">2</a></td><td class=\"state\">running</td><td class=\"n step\">0</td>"))
            #expect(study.body.contains("<span id=\"counts\">3 trials: 1 running, 1 complete, 1 pruned</span>"))
            let empty = try await Self.get(port, "/studies/%3Cb%3Ex%26y%3C%2Fb%3E")
            #expect(empty.status == 200 && empty.body.contains("No trial has reported"))
            #expect(empty.body.contains("data-live=\"/api/studies/%3Cb%3Ex%26y%3C%2Fb%3E/live\"") && !empty.body.contains("<b>x&y</b>"))
        }
    }

    /// `GET /api/studies/NAME/live?cursor=C`: the trials that finished after C come once, every
    /// running trial comes each time with its curve so far, and the answer's cursor moves on.
    @Test func theLiveRouteSendsWhatChangedAfterTheCursor() async throws {
        let storage = try await Self.storage()
        let study = try storage.study(named: "demo")
        func numbers(_ answer: [String: Any], _ key: String) -> [Int] {
            (answer[key] as? [[String: Any]])?.compactMap { $0["number"] as? Int } ?? []
        }
        try await Self.serving(storage) { port in
            let all = try #require(try await Self.get(port, "/api/studies/demo/live").json as? [String: Any])
            #expect(numbers(all, "finished") == [0, 1] && numbers(all, "running") == [2], "from the start: everything")
            #expect(all["trials"] as? [String: Int] == ["complete": 1, "pruned": 1, "running": 1] && all["best_trial"] as? Int == 0)
            let cursor = try #require(all["cursor"] as? Int)
            let quiet = try #require(try await Self.get(port, "/api/studies/demo/live?cursor=\(cursor)").json as? [String: Any])
            #expect(numbers(quiet, "finished").isEmpty && quiet["cursor"] as? Int == cursor, "nothing finished again")
            #expect(numbers(quiet, "running") == [2], "a running trial comes every time")

            // A report of the running trial and a new trial: they come as running, the cursor stays.
            let running = try storage.trial(study: study.id, number: 2)
            _ = try storage.report(trial: running.id, step: 1, metrics: ["reward": 0.6])
            let new = try storage.createTrial(study: study.id, draft: TrialDraft(params: ["lr": .double(0.5)], started: Date()))
            _ = try storage.report(trial: new.id, step: 0, metrics: ["reward": 0.25])
            let reported = try #require(try await Self.get(port, "/api/studies/demo/live?cursor=\(cursor)").json as? [String: Any])
            #expect(numbers(reported, "finished").isEmpty && numbers(reported, "running") == [2, 3])
            let two = (reported["running"] as? [[String: Any]])?.first ?? [:]
            #expect(two["last_step"] as? Int == 1 && two["last_value"] as? Double == 0.6)
            #expect(two["points"] as? [[Double]] == [[0, 0.3], [1, 0.6]], "the curve so far, to draw")
            #expect((reported["running"] as? [[String: Any]])?.last?["params"] as? [String: Double] == ["lr": 0.5])
            #expect((reported["trials"] as? [String: Int])?["running"] == 2)

            // Trial 2 finishes best: it comes once as finished, and the cursor moves past it.
            _ = try storage.finishTrial(trial: running.id, state: .complete, value: 0.95, finished: Date())
            let finished = try #require(try await Self.get(port, "/api/studies/demo/live?cursor=\(cursor)").json as? [String: Any])
            #expect(numbers(finished, "finished") == [2] && numbers(finished, "running") == [3])
            let done = (finished["finished"] as? [[String: Any]])?.first ?? [:]
            #expect(done["state"] as? String == "complete" && done["value"] as? Double == 0.95 && (done["points"] as? [[Double]])?.count == 2)
            #expect(finished["best_trial"] as? Int == 2 && finished["best"] as? Double == 0.95)
            let next = try #require(finished["cursor"] as? Int)
            #expect(next > cursor)
            let after = try #require(try await Self.get(port, "/api/studies/demo/live?cursor=\(next)").json as? [String: Any])
            #expect(numbers(after, "finished").isEmpty && after["cursor"] as? Int == next, "polled again: nothing repeated")

            // The study page starts from the feed's position now.
            let page = try await Self.get(port, "/studies/demo")
            #expect(page.body.contains("data-cursor=\"\(next)\""), "the page's cursor is the feed's")
            let bad = try await Self.get(port, "/api/studies/demo/live?cursor=-1")
            #expect(bad.status == 400 && bad.body.contains("cursor must be an integer"), "\(bad.body)")
            #expect(try await Self.get(port, "/api/studies/nope/live").status == 404)
        }
    }

    /// `/studies/NAME/trials/N`: state, value, why it was pruned, parameters with their
    /// distributions, provenance (seed, command, git commit), a plot per metric (the objective
    /// first), attributes and notes, every user string escaped.
    @Test func aTrialPageShowsEverythingStoredAboutTheTrial() async throws {
        let storage = try await Self.storage()
        let study = try storage.study(named: "demo")
        let pruned = try storage.trial(study: study.id, number: 1)
        try storage.setTrialAttribute(trial: pruned.id, key: "prune_reason", value: .string("below <the> median"), system: false)
        try storage.setTrialAttribute(trial: pruned.id, key: "owner", value: .string("ana"), system: false)
        let provenance: JSONValue = .object([
            "command": .string("python train.py --lr 0.02"), "git_commit": .string("0123abc"), "git_dirty": .bool(true),
        ])
        try storage.setTrialAttribute(trial: pruned.id, key: "provenance", value: provenance, system: true)
        try storage.addTrialNote(trial: pruned.id, note: Note(time: Date(), text: "<script>alert(1)</script> spiked"))
        try await Self.serving(storage) { port in
            let page = try await Self.get(port, "/studies/demo/trials/1")
            #expect(page.status == 200 && page.contentType.hasPrefix("text/html"))
            let body = page.body
            #expect(body.contains("<h1>Trial 1</h1>") && body.contains("<a href=\"/studies/demo\">demo</a>"))
            #expect(body.contains("<p id=\"summary\">pruned · reward = 0.1 · last step 2"), "state and value")
            #expect(body.contains("<b>pruned:</b> below &lt;the&gt; median"), "the prune reason, escaped")
            #expect(body.contains("<tr><th>lr</th><td>0.02 <span class=\"muted\">float:0.001:1:log</span></td></tr>"), "\(body)")
            let seed = study.config.trialSeed(1)
            #expect(body.contains("<tr><th>seed</th><td>\(seed)</td></tr>"))
            #expect(body.contains("<tr><th>command</th><td>python train.py --lr 0.02</td></tr>"))
            #expect(body.contains("<tr><th>git_commit</th><td>0123abc</td></tr>") && body.contains("<tr><th>git_dirty</th><td>true</td></tr>"))
            #expect(body.contains("<tr><th>owner</th><td>ana</td></tr>"))
            #expect(body.components(separatedBy: "<svg").count - 1 == 3, "beside the best, then a plot per metric")
            let reward = try #require(body.range(of: "<h3>reward</h3>")), loss = try #require(body.range(of: "<h3>loss</h3>"))
            #expect(reward.lowerBound < loss.lowerBound, "the objective first")
            #expect(body.contains("&lt;script&gt;alert(1)&lt;/script&gt; spiked") && !body.contains("<script>alert(1)"), "notes escaped")
            #expect(try await Self.get(port, "/studies/demo/trials/9").status == 404)
            let bare = try await Self.get(port, "/studies/demo/trials/2")
            #expect(bare.status == 200 && bare.body.contains("No notes."), "a running trial without provenance")
        }
    }

    /// A training loop over HTTP: ask, report each step (a low value is pruned), tell.
    @Test func aTrialOverHTTPAsksReportsAndTells() async throws {
        let storage = try await Self.storage()
        try await Self.serving(storage) { port in
            let asked = try await Self.post(port, "/api/studies/demo/ask", #"{"heartbeat_timeout": 30}"#)
            #expect(asked.status == 200, "\(asked.body)")
            let trial = asked.json as? [String: Any] ?? [:]
            let number = try #require(trial["number"] as? Int)
            #expect(number == 3 && (trial["params"] as? [String: Double]) == ["lr": 0.001] && trial["seed"] is String)
            for (step, value) in [0.5, 0.7].enumerated() {
                let r = try await Self.post(port, "/api/studies/demo/trials/\(number)/report", #"{"step": \#(step), "value": \#(value), "metrics": {"loss": null}}"#)
                #expect((r.json as? [String: Any])?["decision"] as? String == "continue", "\(r.body)")
            }
            let beat = try await Self.post(port, "/api/studies/demo/trials/\(number)/heartbeat")
            #expect(beat.status == 200, "\(beat.body)")
            let told = try await Self.post(port, "/api/studies/demo/trials/\(number)/tell", #"{"value": 0.7}"#)
            #expect((told.json as? [String: Any])?["state"] as? String == "complete", "\(told.body)")
            let stored = try storage.trial(study: try storage.study(named: "demo").id, number: number)
            #expect(stored.state == .complete && stored.value == 0.7)
            #expect(stored.metrics["loss"]?.values.allSatisfy(\.isNaN) == true, "null is NaN")
            #expect(stored.heartbeatTimeout == 30)

            // A second trial is pruned at its second low value, and says so.
            let second = try #require((try await Self.post(port, "/api/studies/demo/ask").json as? [String: Any])?["number"] as? Int)
            _ = try await Self.post(port, "/api/studies/demo/trials/\(second)/report", #"{"step": 0, "value": 0.1}"#)
            let pruned = try await Self.post(port, "/api/studies/demo/trials/\(second)/report", #"{"step": 1, "value": 0.1}"#)
            #expect((pruned.json as? [String: Any])?["decision"] as? String == "prune", "\(pruned.body)")
            let after = try await Self.post(port, "/api/studies/demo/trials/\(second)/report", #"{"step": 2, "value": 0.1}"#)
            #expect(after.status == 409, "a pruned trial takes no report: \(after.status)")
            #expect(((after.json as? [String: Any])?["error"] as? String)?.contains("already pruned") == true, "\(after.body)")
        }
    }

    @Test func badWriteRequestsAreNamed() async throws {
        try await Self.serving(try await Self.storage()) { port in
            let cases: [(String, String, Int, String)] = [
                ("/api/studies/demo/ask", "{", 400, "the body is not JSON at byte"),
                ("/api/studies/demo/ask", "[1]", 400, "must be a JSON object"),
                ("/api/studies/demo/ask", #"{"heartbeat": 3}"#, 400, "unknown key \"heartbeat\""),
                ("/api/studies/demo/ask", #"{"heartbeat_timeout": -1}"#, 400, "positive number of seconds"),
                ("/api/studies/nope/ask", "", 404, "no study named 'nope'"),
                ("/api/studies/demo/trials/2/report", #"{"value": 1}"#, 400, "needs \"step\""),
                ("/api/studies/demo/trials/2/report", #"{"step": -1, "value": 1}"#, 400, "needs \"step\""),
                ("/api/studies/demo/trials/2/report", #"{"step": 1, "value": "high"}"#, 400, "\"value\" must be a number"),
                ("/api/studies/demo/trials/2/report", #"{"step": 1}"#, 400, "needs \"value\" and/or \"metrics\""),
                ("/api/studies/demo/trials/2/tell", #"{"state": "done"}"#, 400, "must be complete, pruned or failed"),
                ("/api/studies/demo/trials/9/tell", #"{"value": 1}"#, 404, "has no trial number 9"),
                ("/api/studies/demo/trials/0/heartbeat", "", 409, "is already complete"),
            ]
            for (path, body, status, message) in cases {
                let reply = try await Self.post(port, path, body)
                #expect(reply.status == status, "\(path) \(body): \(reply.status) \(reply.body)")
                #expect(((reply.json as? [String: Any])?["error"] as? String)?.contains(message) == true, "\(path) \(body): \(reply.body)")
            }
            let huge = try await Self.post(port, "/api/studies/demo/ask", "{\"heartbeat_timeout\": 1" + String(repeating: " ", count: 2 << 20) + "}")
            #expect(huge.status == 413, "\(huge.status)")
        }
    }

    /// `/openapi.json` describes every route the server answers, and a validator from PyPI
    /// (openapi-spec-validator, when installed; CI installs it) accepts it.
    @Test func theOpenAPIDocumentDescribesEveryRoute() async throws {
        try await Self.serving(try await Self.storage()) { port in
            let reply = try await Self.get(port, "/openapi.json")
            #expect(reply.status == 200)
            let paths = ((reply.json as? [String: Any])?["paths"] as? [String: Any]) ?? [:]
            let described = Set(paths.flatMap { path, methods in (methods as? [String: Any] ?? [:]).keys.map { "\($0.uppercased()) \(path)" } })
            let served: Set<String> = [
                "GET /api/studies", "GET /api/studies/{name}", "GET /api/studies/{name}/trials",
                "GET /api/studies/{name}/trials/{number}", "GET /api/studies/{name}/curves", "POST /api/studies/{name}/ask",
                "POST /api/studies/{name}/trials/{number}/report", "POST /api/studies/{name}/trials/{number}/tell",
                "POST /api/studies/{name}/trials/{number}/heartbeat", "POST /api/studies/{name}/trials/{number}/should-prune",
                "POST /api/studies/{name}/enqueue", "GET /api/studies/{name}/notes", "POST /api/studies/{name}/notes",
                "GET /api/studies/{name}/live", "GET /api/studies/{name}/best",
                "GET /api/studies/{name}/checkpoints", "POST /api/studies/{name}/checkpoints/{id}/answer",
                "GET /api/studies/{name}/labels", "POST /api/studies/{name}/labels", "GET /api/studies/{name}/pair",
            ]
            #expect(described == served)
            // Every described GET answers (with the study `demo` and its trial 0).
            for route in served where route.hasPrefix("GET ") {
                let path = route.dropFirst(4).replacingOccurrences(of: "{name}", with: "demo").replacingOccurrences(of: "{number}", with: "0")
                #expect(try await Self.get(port, path).status == 200, "\(path)")
            }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-openapi-\(UUID().uuidString).json")
            try Data(reply.body.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let check = Process()
            check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            check.arguments = ["python3", "-c", "import sys, json; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1])))", file.path]
            check.standardError = FileHandle.nullDevice
            try check.run()
            check.waitUntilExit()
            let required = ProcessInfo.processInfo.environment["CI"] == "true"
            if check.terminationStatus != 0 {
                // Exit 1 with an ImportError when the validator is missing: only CI must have it.
                #expect(!required, "openapi-spec-validator refused /openapi.json (or is not installed)")
            }
        }
    }

    /// With a token, nothing answers without it; a browser gives it once and keeps a cookie.
    @Test func aTokenGuardsEveryRoute() async throws {
        let token = "s3cret-token-42"
        try await Self.serving(try await Self.storage(), token: token) { port in
            for path in ["/api/studies", "/", "/openapi.json", "/studies/demo"] {
                let refused = try await Self.get(port, path)
                #expect(refused.status == 401, "\(path): \(refused.status)")
                #expect(((refused.json as? [String: Any])?["error"] as? String)?.contains("Authorization: Bearer") == true)
            }
            let wrong = try await Self.send(port, "/api/studies", method: "GET", body: nil, headers: ["Authorization": "Bearer s3cret-token-43"])
            #expect(wrong.status == 401)
            let right = try await Self.send(port, "/api/studies", method: "GET", body: nil, headers: ["Authorization": "Bearer \(token)"])
            #expect(right.status == 200)
            let asked = try await Self.send(port, "/api/studies/demo/ask", method: "POST", body: "", headers: ["Authorization": "Bearer \(token)"])
            #expect(asked.status == 200, "writes take the token too: \(asked.body)")
            let page = try await Self.get(port, "/?token=\(token)")
            #expect(page.status == 200)
            #expect(page.setCookie.hasPrefix("sweep_token=\(token);") && page.setCookie.contains("HttpOnly"), "\(page.setCookie)")
            let withCookie = try await Self.send(port, "/studies/demo", method: "GET", body: nil, headers: ["Cookie": "other=1; sweep_token=\(token)"])
            #expect(withCookie.status == 200)
        }
    }

    /// Enqueue, the research log and asking the pruner, over HTTP.
    @Test func enqueueNotesAndShouldPrune() async throws {
        let storage = try await Self.storage()
        try await Self.serving(storage) { port in
            let queued = try await Self.post(port, "/api/studies/demo/enqueue", #"{"params": {"lr": 1}}"#)
            #expect(queued.status == 200, "\(queued.body)")
            let number = try #require((queued.json as? [String: Any])?["number"] as? Int)
            let asked = try await Self.post(port, "/api/studies/demo/ask")
            #expect((asked.json as? [String: Any])?["number"] as? Int == number, "the next ask runs the queued trial")
            #expect(((asked.json as? [String: Any])?["params"] as? [String: Double]) == ["lr": 1], "a whole number for a float is a float")
            let typo = try await Self.post(port, "/api/studies/demo/enqueue", #"{"params": {"rl": 0.1}}"#)
            #expect(typo.status == 400 && typo.body.contains("has no parameter 'rl'; its parameters are lr"), "\(typo.body)")
            let outside = try await Self.post(port, "/api/studies/demo/enqueue", #"{"params": {"lr": 5}}"#)
            #expect(outside.status == 400, "\(outside.body)")

            #expect(try await Self.post(port, "/api/studies/demo/notes", #"{"text": "gamma 0.5 -> 0.8, worse"}"#).status == 200)
            #expect(try await Self.post(port, "/api/studies/demo/notes", #"{"text": "diverged", "trial": 1}"#).status == 200)
            let empty = try await Self.post(port, "/api/studies/demo/notes", #"{"text": "  "}"#)
            #expect(empty.status == 400)
            let log = (try await Self.get(port, "/api/studies/demo/notes").json as? [[String: Any]]) ?? []
            #expect(log.map { $0["text"] as? String } == ["gamma 0.5 -> 0.8, worse", "diverged"])
            #expect(log.last?["trial"] as? Int == 1 && log.first?["trial"] == nil)

            // The running trial 2 reported 0.3 at step 0 only: the pruner keeps it.
            let keep = try await Self.post(port, "/api/studies/demo/trials/2/should-prune")
            #expect((keep.json as? [String: Any])?["decision"] as? String == "continue", "\(keep.body)")
            #expect(try await Self.post(port, "/api/studies/demo/trials/0/should-prune").status == 409, "a finished trial")
        }
    }
}
