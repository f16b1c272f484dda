import Foundation
import Hummingbird
import SweepCore
import SweepCurves
import SweepWire

/// The judging pages of a study: the queue of trials waiting for a person at a checkpoint
/// (`/studies/NAME/judge`), pairwise labels (`/studies/NAME/label`, `JudgePages+Label.swift`) and
/// the curve quiz (`/studies/NAME/quiz`, `JudgePages+Quiz.swift`). Their small scripts
/// (`JudgeScript`) post answers to the JSON API (`JudgeAPI`).
struct JudgePages: Sendable {
    let storage: any Storage

    /// Complete trials drawn beside a waiting one.
    static let bestBeside = 3

    func add(to router: Router<BasicRequestContext>) {
        router.get("/studies/:name/judge") { _, context in try await ErrorPage.answering { try await queue(try studyName(context)) } }
        router.get("/studies/:name/label") { _, context in try await ErrorPage.answering { try await label(try studyName(context)) } }
        router.get("/studies/:name/quiz") { request, context in
            try await ErrorPage.answering { try await quiz(try studyName(context), request) }
        }
        router.get("/studies/:name/quiz/grade") { request, context in
            try await ErrorPage.answering { try await grade(try studyName(context), request) }
        }
    }

    /// Every question waiting for an answer: the trial's curve beside the best complete trials,
    /// the judge's brief, and prune / continue buttons with a reason. New questions appear and
    /// answered ones go without a reload (`JudgeScript.queue`).
    func queue(_ name: String) async throws -> Response {
        let record = try await answering { try await storage.study(named: name) }
        let questions = try await answering { try await storage.checkpoints(study: record.id, openOnly: true) }
        let objective = record.config.objective
        let best = try await bestTrials(record)
        let waiting = try await answering {
            try await storage.trials(ids: try await trialIDs(record, numbers: questions.map(\.trialNumber)), curves: .only([objective]))
        }
        let byNumber = Dictionary(waiting.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let study = "/studies/\(escaped(pathSegment(name)))"
        var cards = ""
        for question in questions {
            guard let trial = byNumber[question.trialNumber] else { continue }
            cards += card(question, trial: trial, best: best, objective: objective, study: study)
        }
        let body = """
            \(Self.breadcrumb(name))
            <h1>Judging queue</h1>
            <p class="muted">Trials of this study whose judge is <code>human:via=queue</code> wait here at their
            checkpoints. Prune stops the trial; continue lets it run to its next checkpoint. A question nobody
            answers before its deadline counts as continue.</p>
            \(Self.nameField)
            <div id="queue" data-api="/api/studies/\(escaped(pathSegment(name)))" data-ids="\(questions.map { String($0.id) }.joined(separator: ","))">
            \(cards.isEmpty ? "<p id=\"empty\" class=\"muted\">No trial is waiting for a person.</p>" : cards)
            </div>
            <script>\(JudgeScript.name)\(JudgeScript.queue)</script>
            """
        return Responses.html(page(title: "\(name) · judging queue", body: body))
    }

    private func card(_ question: Checkpoint, trial: Trial, best: [Trial], objective: String, study: String) -> String {
        let beside = best.filter { $0.number != trial.number }
        let colours = [trial.number: "#e66100"].merging(
            beside.enumerated().map { ($0.element.number, Pages.palette[$0.offset % Pages.palette.count]) }, uniquingKeysWith: { a, _ in a })
        let lines = ([trial] + beside).map { t in
            CurvesPlot.Line(number: t.number, state: t.state, points: CurvesPlot.downsampled(t.curve(objective), points: Pages.plotPoints))
        }
        let plot = CurvesPlot(lines: lines, best: nil, colours: colours, height: 260, id: "checkpoint-\(question.id)").svg()
        let legend = "<li>\(Pages.swatch(colours[trial.number])) <a href=\"\(study)/trials/\(trial.number)\">trial \(trial.number)</a> (waiting)</li>"
            + beside.map { "<li>\(Pages.swatch(colours[$0.number])) trial \($0.number) · \(escaped(objective)) = \(Pages.shortValue($0.value))</li>" }.joined()
        return """
            <section class="checkpoint" id="q\(question.id)" data-id="\(question.id)">
            <h2>Trial \(trial.number) at step \(question.step)</h2>
            <p class="muted">asked <time>\(escaped(Pages.logTime(question.asked)))</time> · continues by itself
            <time class="deadline" datetime="\(escaped(Wire.time(question.deadline)))">\(escaped(Pages.logTime(question.deadline)))</time></p>
            <ul class="legend">\(legend)</ul>
            \(plot)
            <details><summary>The judge's brief</summary><pre>\(escaped(question.brief))</pre></details>
            <p><input class="reason" size="50" maxlength="\(JudgeAPI.maxText)" placeholder="why (optional)" aria-label="reason for trial \(trial.number)">
            <button type="button" class="prune" data-prune="true">Prune</button>
            <button type="button" class="continue" data-prune="false">Continue</button>
            <span class="status" role="status"></span></p>
            </section>
            """
    }

    /// The study's best complete trials with their objective curves.
    func bestTrials(_ record: StudyRecord) async throws -> [Trial] {
        let objective = record.config.objective
        let complete = try await answering { try await storage.trials(study: record.id, states: [.complete], curves: .only([])) }
        let ranked = complete.filter { $0.value?.isNaN == false }.sorted { a, b in
            record.config.direction == .maximize ? a.value! > b.value! : a.value! < b.value!
        }
        let ids = ranked.prefix(Self.bestBeside).map(\.id)
        let loaded = try await answering { try await storage.trials(ids: Array(ids), curves: .only([objective])) }
        return ids.compactMap { id in loaded.first { $0.id == id } }
    }

    /// Storage ids of the study's trials with these numbers.
    func trialIDs(_ record: StudyRecord, numbers: [Int]) async throws -> [Int64] {
        var ids: [Int64] = []
        for number in Set(numbers).sorted() { ids.append(try await answering { try await storage.trial(study: record.id, number: number) }.id) }
        return ids
    }

    static func breadcrumb(_ name: String) -> String {
        "<p><a href=\"/\">Studies</a> › <a href=\"/studies/\(escaped(pathSegment(name)))\">\(escaped(name))</a></p>"
    }

    /// The labeller's name, kept in the browser and sent with each answer.
    static let nameField = """
        <p><label>Your name <input id="judge-name" size="20" maxlength="100" placeholder="who is judging"></label>
        <span class="muted">stored with each answer</span></p>
        """

}
