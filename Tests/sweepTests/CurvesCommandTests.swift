import Foundation
import Testing

@Suite struct CurvesCommandTests {
    /// Writes a dataset of ten noisy logistic curves to `c.jsonl` in a fresh folder.
    static func dataset() throws -> URL {
        let dir = try SweepProcess.temporaryDirectory()
        var lines: [String] = []
        for k in 0..<10 {
            let midpoint = 15.0 + Double(k % 4) * 12
            let high = 0.4 + Double(k) * 0.06
            let curve = (0..<80).map { (t: Int) -> String in
                let wiggle = 0.01 * sin(Double(t * (k + 3)))
                return String(high / (1 + exp(-(Double(t) - midpoint) / 4)) + wiggle)
            }
            lines.append(#"{"id": "t\#(k)", "params": {"k": \#(k)}, "curve": [\#(curve.joined(separator: ","))]}"#)
        }
        try SweepProcess.write(lines.joined(separator: "\n") + "\n", to: "c.jsonl", in: dir)
        return dir
    }

    @Test func describeOneCurveInMarkdown() async throws {
        let dir = try Self.dataset()
        let r = try await SweepProcess.run(["curves", "describe", "c.jsonl", "--id", "t3", "--rows", "5"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("### t3 (maximize)") && r.stdout.contains("| onset step |"))
        #expect(!r.stdout.contains("### t4"))
    }

    @Test func describeAsJSONAndCSV() async throws {
        let dir = try Self.dataset()
        let json = try await SweepProcess.run(["curves", "describe", "c.jsonl", "--format", "json", "--rows", "4"], in: dir)
        #expect(json.status == 0, "\(json.stderr)")
        let curves = try #require(SweepProcess.object(json)["curves"] as? [[String: Any]])
        #expect(curves.count == 10 && (curves[0]["rows"] as? [Any])?.count == 4)
        let csv = try await SweepProcess.run(["curves", "describe", "c.jsonl", "--format", "csv", "--rows", "4"], in: dir)
        #expect(csv.stdout.hasPrefix("id,step,value,smoothed,best_so_far\n"))
    }

    /// `--json` works here as on every command, and says so when it disagrees with `--format`.
    @Test func describeTakesJSONAsEveryCommandDoes() async throws {
        let dir = try Self.dataset()
        let json = try await SweepProcess.run(["curves", "describe", "c.jsonl", "--json", "--rows", "4"], in: dir)
        #expect(json.status == 0, "\(json.stderr)")
        #expect((SweepProcess.object(json)["curves"] as? [[String: Any]])?.count == 10)
        let clash = try await SweepProcess.run(["curves", "describe", "c.jsonl", "--json", "--format", "csv"], in: dir)
        #expect(clash.status != 0 && clash.stderr.contains("--json and --format csv disagree"), "\(clash.stderr)")
    }

    @Test func withBestPutsTheCurveBesideTheBest() async throws {
        let dir = try Self.dataset()
        let r = try await SweepProcess.run(["curves", "describe", "c.jsonl", "--id", "t0", "--with-best", "2", "--format", "csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        // Ranked by final value: t9 then t8.
        #expect(r.lines.first == "step,t0,t9,t8")
    }

    @Test func rankByMeasure() async throws {
        let dir = try Self.dataset()
        let r = try await SweepProcess.run(["curves", "describe", "c.jsonl", "--rank", "max", "--format", "csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines.first == "rank,id,best" && r.lines.dropFirst().first?.hasPrefix("1,t9,") == true)
    }

    @Test func quizThenGradeWithTheKeysOwnAnswers() async throws {
        let dir = try Self.dataset()
        let q = try await SweepProcess.run(["curves", "quiz", "c.jsonl", "--count", "8", "--seed", "3", "--out", "quiz.jsonl"], in: dir)
        #expect(q.status == 0, "\(q.stderr)")
        let questions = try String(contentsOf: dir.appendingPathComponent("quiz.jsonl"), encoding: .utf8)
        #expect(!questions.contains("\"answer"))
        let key = try String(contentsOf: dir.appendingPathComponent("quiz.key.jsonl"), encoding: .utf8)
        var answers: [String] = []
        for line in key.split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(o["id"] as? String)
            if let step = o["answer_step"] as? Int {
                answers.append(#"{"id": "\#(id)", "answer": \#(step)}"#)
            } else {
                answers.append(#"{"id": "\#(id)", "answer": "\#(o["answer"] as? String ?? "")"}"#)
            }
        }
        try SweepProcess.write(answers.joined(separator: "\n"), to: "answers.jsonl", in: dir)
        // The questions file finds its key beside it.
        let g = try await SweepProcess.run(["curves", "grade", "quiz.jsonl", "answers.jsonl", "--json"], in: dir)
        #expect(g.status == 0, "\(g.stderr)")
        #expect(SweepProcess.object(g)["accuracy"] as? Double == 1)
        let text = try await SweepProcess.run(["curves", "grade", "quiz.key.jsonl", "answers.jsonl"], in: dir)
        #expect(text.stdout.contains("| all | 8 | 8 | 8 | 1 |"))
    }

    @Test func quizWithoutOutOrKeyIsRefused() async throws {
        let dir = try Self.dataset()
        let r = try await SweepProcess.run(["curves", "quiz", "c.jsonl", "--count", "3"], in: dir)
        #expect(r.status != 0 && r.stderr.contains("--out QUIZ"))
    }

    @Test func quizToStandardOutputWithAKey() async throws {
        let dir = try Self.dataset()
        let r = try await SweepProcess.run(["curves", "quiz", "c.jsonl", "--count", "3", "--key", "k.jsonl"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines.count == 3 && FileManager.default.fileExists(atPath: dir.appendingPathComponent("k.jsonl").path))
    }

    @Test(arguments: [
        (["curves", "describe", "c.jsonl", "--id", "nope"], "no curve with id 'nope' in c.jsonl"),
        (["curves", "describe", "missing.jsonl"], "cannot read curve dataset 'missing.jsonl'"),
        (["curves", "describe", "c.jsonl", "--format", "xml"], "--format must be markdown, csv or json"),
        (["curves", "describe", "c.jsonl", "--rank", "speediness"], "--rank must be a measure"),
        (["curves", "describe", "bad.jsonl"], "bad.jsonl:2:"),
        (["curves", "grade", "missing.key.jsonl", "answers.jsonl"], "cannot read 'missing.key.jsonl'"),
    ])
    func badInputIsAClearError(_ arguments: [String], _ message: String) async throws {
        let dir = try Self.dataset()
        try SweepProcess.write("{\"id\": \"a\", \"curve\": [1]}\n{\"id\": \"b\"}\n", to: "bad.jsonl", in: dir)
        let r = try await SweepProcess.run(arguments, in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func badAnswersNameTheFileAndLine() async throws {
        let dir = try Self.dataset()
        _ = try await SweepProcess.run(["curves", "quiz", "c.jsonl", "--count", "4", "--out", "quiz.jsonl"], in: dir)
        try SweepProcess.write("\n{\"id\": \"q99\", \"answer\": \"A\"}\n", to: "a.jsonl", in: dir)
        let r = try await SweepProcess.run(["curves", "grade", "quiz.key.jsonl", "a.jsonl"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("a.jsonl:2: no question with id 'q99'"), "\(r.stderr)")
    }
}
