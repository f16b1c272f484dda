import Foundation
import SweepCore
import SweepRunner
import SweepSamplers
import Testing

extension BrowserTests {
    /// A person labels a pair on the label page: the label is stored with their name and the next
    /// pair comes; the page throws nothing.
    @Test func aPairwiseLabelClickedIsStored() async throws {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
        let storage = try await Self.liveStudy()
        let study = try storage.study(named: "live")
        try await ServerTests.serving(storage) { port in
            let result = try await DevTools.run(
                [
                    ["open": "http://127.0.0.1:\(port)/studies/live/label"],
                    ["eval": "({lines: document.querySelectorAll('svg#pair-plot path').length, count: document.getElementById('label-count').textContent})", "as": "before"],
                    ["shot": Self.shots.appendingPathComponent("sweep-label.png").path],
                    ["eval": "const n = document.getElementById('judge-name'); n.value = 'ada'; n.dispatchEvent(new Event('change')); window.shownPair = [document.getElementById('pair').dataset.first, document.getElementById('pair').dataset.second]; document.querySelector('button[data-choice=\"second\"]').click(); window.shownPair", "as": "pair"],
                    ["wait": "document.getElementById('label-count') && document.getElementById('label-count').textContent === '1 label'", "as": "stored"],
                    ["eval": "document.getElementById('judge-name').value", "as": "remembered"],
                ], chromium: binary)
            #expect(result["stored"] is Double, "the label never showed as stored: \(result)")
            #expect((result["before"] as? [String: Any])?["lines"] as? Int == 2, "two curves, A and B: \(result)")
            let pair = (result["pair"] as? [String] ?? []).compactMap(Int.init)
            let labels = try storage.labels(study: study.id)
            #expect(labels.count == 1 && labels.first?.by == "ada" && labels.first?.choice == .second, "\(labels)")
            #expect(labels.first.map { [$0.first, $0.second] } == pair, "stored in the order shown")
            #expect(result["remembered"] as? String == "ada", "the name is kept for the next pair")
            #expect((result["errors"] as? [String]) == [], "the page threw or logged errors")
            let png = try Data(contentsOf: Self.shots.appendingPathComponent("sweep-label.png"))
            #expect(png.count > 5_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a real PNG")
        }
    }

    /// A trial judged by `human:via=queue` waits at its checkpoint; the judging page shows it, the
    /// person clicks prune with a reason, and the waiting worker goes on with that decision.
    @Test func aPersonAnswersAWaitingCheckpointAndTheWorkerGoesOn() async throws {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
        let storage = try await Self.liveStudy()
        let judge = try HumanJudge(spec: try Spec(parsing: "human:via=queue,timeout=60,interval_steps=1"))
        let worker = try await Study.load(named: "live", storage: storage, sampler: RandomSampler(), pruner: judge)
        let waiting = Task {
            try await worker.report(trial: 2, step: 6, value: 0.5)
            let decision = try await worker.shouldPrune(trial: 2)
            if decision.prune { _ = try await worker.tell(trial: 2, state: .pruned) }
            return decision
        }
        let study = try storage.study(named: "live")
        for _ in 0..<400 where try storage.checkpoints(study: study.id, openOnly: true).isEmpty {
            try await Task.sleep(for: .milliseconds(25))
        }
        try await ServerTests.serving(storage) { port in
            let result = try await DevTools.run(
                [
                    ["open": "http://127.0.0.1:\(port)/studies/live/judge"],
                    ["eval": "({cards: document.querySelectorAll('section.checkpoint').length, title: document.querySelector('section.checkpoint h2').textContent, lines: document.querySelectorAll('section.checkpoint svg path').length})", "as": "before"],
                    ["shot": Self.shots.appendingPathComponent("sweep-judge.png").path],
                    ["eval": "document.getElementById('judge-name').value = 'ada'; document.querySelector('.reason').value = 'below the best since step 3'; document.querySelector('button.prune').click(); true", "as": "clicked"],
                    ["wait": "document.querySelector('section.checkpoint .status').textContent === 'answered: prune'", "as": "answered"],
                    ["shot": Self.shots.appendingPathComponent("sweep-judge-answered.png").path],
                ], chromium: binary)
            let before = result["before"] as? [String: Any] ?? [:]
            #expect(before["cards"] as? Int == 1 && before["title"] as? String == "Trial 2 at step 6", "\(before)")
            #expect(before["lines"] as? Int == 2, "the waiting trial beside the one complete trial: \(before)")
            #expect(result["answered"] is Double, "the answer was not stored: \(result)")
            #expect((result["errors"] as? [String]) == [], "the page threw or logged errors")
        }
        let decision = try await waiting.value
        #expect(decision.prune && decision.reason == "below the best since step 3", "\(decision)")
        #expect(decision.notes == ["human judge (ada) at step 6: prune — below the best since step 3"])
        #expect(try storage.trial(study: study.id, number: 2).state == .pruned, "the worker went on and told the prune")
        for name in ["judge", "judge-answered"] {
            let png = try Data(contentsOf: Self.shots.appendingPathComponent("sweep-\(name).png"))
            #expect(png.count > 5_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a real PNG")
        }
    }

    /// The curve quiz answered in the browser and handed in: the marked page shows the score and
    /// a mark per question.
    @Test func theQuizIsAnsweredAndMarkedInTheBrowser() async throws {
        let binary = try #require(chromiumPath, "CI=true but Chromium is not installed: .ci/run installs it")
        try await ServerTests.serving(try await Self.liveStudy()) { port in
            let answer = """
                for (const li of document.querySelectorAll('ol.quiz > li')) {
                  const radio = li.querySelector('input[type=radio]');
                  if (radio) radio.checked = true; else li.querySelector('input[type=number]').value = '3';
                }
                window.questions = document.querySelectorAll('ol.quiz > li').length;
                document.querySelector('#quiz button[type=submit]').click(); window.questions
                """
            let result = try await DevTools.run(
                [
                    ["open": "http://127.0.0.1:\(port)/studies/live/quiz?seed=5&count=4"],
                    ["shot": Self.shots.appendingPathComponent("sweep-quiz.png").path],
                    ["eval": answer, "as": "questions"],
                    ["wait": "location.pathname.endsWith('/quiz/grade') && document.readyState === 'complete'", "as": "marked"],
                    ["eval": "({score: document.getElementById('score').textContent, marks: document.querySelectorAll('#marks tbody tr').length, unanswered: document.body.textContent.includes('not answered')})", "as": "page"],
                    ["shot": Self.shots.appendingPathComponent("sweep-quiz-marked.png").path],
                ], chromium: binary)
            let questions = try #require(result["questions"] as? Int, "\(result)")
            #expect(questions >= 1)
            #expect(result["marked"] is Double, "the quiz was not handed in: \(result)")
            let page = result["page"] as? [String: Any] ?? [:]
            #expect((page["score"] as? String)?.hasSuffix(" of \(questions)") == true && page["marks"] as? Int == questions, "\(page)")
            #expect(page["unanswered"] as? Bool == false, "every answer reached the marker: \(page)")
            #expect((result["errors"] as? [String]) == [], "the page threw or logged errors")
        }
    }
}
