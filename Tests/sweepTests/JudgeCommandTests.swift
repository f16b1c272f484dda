import Foundation
import Testing

/// A study run by `sweep run` with a command judge: its answers land in the trials' notes, its
/// prune reasons in `prune_reason`, and its suggestions become trials.
@Suite struct JudgeCommandTests {
    @Test func aStudyJudgedByAScriptRecordsItsReasonsAndSuggestions() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        // The study file and its judge sit in a folder of their own: the judge runs there, as the
        // objective does, whatever the current directory.
        let sub = dir.appendingPathComponent("study")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try SweepProcess.write("""
            import json, sys
            brief = json.load(sys.stdin)
            trial = brief["trial"]
            last = brief["curve"]["values"][-1]
            if trial == 2 and brief["curve"]["steps"][-1] == 4:
                print(json.dumps({"decision": "continue", "reason": "try a neighbour", "suggest": {"x": 0.3}}))
            elif last < 0.5:
                print(json.dumps({"decision": "prune", "reason": f"value {last:.2f} is below 0.5"}))
            else:
                print(json.dumps({"decision": "continue", "reason": "good enough"}))
            """, to: "judge.py", in: sub)
        try SweepProcess.write("""
            name = "judged"
            direction = "maximize"
            metric = "value"
            trials = 8
            workers = 1
            seed = 4
            sampler = "random"
            pruner = "command:format=json,interval_steps=5,n_warmup_steps=4,run=python3 judge.py"

            [objective]
            builtin = "toy"
            steps = 10

            [params]
            x = "float:0:1"
            """, to: "study.toml", in: sub)
        let r = try await SweepProcess.run(["run", "study/study.toml", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let trials = try await SweepProcess.run(["trials", "--json"], in: dir)
        let list = (try? JSONSerialization.jsonObject(with: Data(trials.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(list.count >= 8)
        let pruned = list.filter { $0["state"] as? String == "pruned" }
        #expect(!pruned.isEmpty, "the toy objective gives values below 0.5 early on")
        for t in pruned {
            let reason = (t["user_attrs"] as? [String: Any])?["prune_reason"] as? String ?? ""
            #expect(reason.hasPrefix("value ") && reason.hasSuffix("is below 0.5"), "\(reason)")
        }
        let suggested = list.filter { (($0["params"] as? [String: Any])?["x"] as? Double) == 0.3 }
        #expect(suggested.count == 1, "the judge's suggestion ran as a trial")
        let show = try await SweepProcess.run(["show", "2"], in: dir)
        #expect(show.stdout.contains("judge at step 4: continue — try a neighbour"), "\(show.stdout)")
        #expect(show.stdout.contains("suggested trial"))
    }

    /// A judge whose program does not exist: one warning on stderr, not one per checkpoint, and
    /// the study runs to its end with every checkpoint counted as continue.
    @Test func aJudgeThatCannotStartIsSaidOnce() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        try SweepProcess.write("""
            name = "unjudged"
            trials = 4
            sampler = "random"
            pruner = "command:interval_steps=2,run=/nonexistent/judge --flag"
            [objective]
            builtin = "toy"
            steps = 10
            [params]
            x = "float:0:1"
            """, to: "study.toml", in: dir)
        let r = try await SweepProcess.run(["run", "study.toml"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let warnings = r.stderr.components(separatedBy: "could not run").count - 1
        #expect(warnings == 1, "one warning, not one per checkpoint: \(r.stderr)")
        #expect(r.stderr.contains("/nonexistent/judge"), "\(r.stderr)")
    }
}
