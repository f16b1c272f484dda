import Hummingbird
import SweepCore
import SweepCurves

extension JudgePages {
    /// Questions a quiz has unless asked otherwise, and at most.
    static let quizCount = 10
    static let maxQuizCount = 50

    /// `?seed=S&count=N`: `sweep curves quiz` on the study's finished curves, in the browser: each
    /// question with its curves drawn (named by letter), answered in a form that `grade` marks.
    /// The answers never reach the page: grading makes the same quiz again from the seed.
    func quiz(_ name: String, _ request: Request) async throws -> Response {
        let (record, made, seed) = try await quiz(of: name, request)
        let objective = record.config.objective
        let plots = try await curves(record, made)
        var items = ""
        for (question, entry) in zip(made.questions, made.key) {
            let text = question.prompt.components(separatedBy: "\n\n").first ?? question.prompt
            let input: String
            if question.options.isEmpty {
                input = "<label>step <input type=\"number\" name=\"\(question.id)\" step=\"1\" aria-label=\"answer to \(question.id)\"></label>"
            } else {
                input = question.options.map { letter in
                    "<label><input type=\"radio\" name=\"\(question.id)\" value=\"\(escaped(letter))\"> \(escaped(letter))</label>"
                }.joined(separator: " ")
            }
            items += """
                <li id="\(question.id)"><p>\(escaped(text).replacingOccurrences(of: "\n", with: "<br>"))</p>
                \(plot(for: entry, plots, objective: objective))
                <p>\(input)</p></li>
                """
        }
        let body = """
            \(JudgePages.breadcrumb(name))
            <h1>Curve quiz</h1>
            <p class="muted">\(made.questions.count) questions about this study's \(escaped(objective)) curves (seed \(seed)).
            The same seed gives the same quiz; <a href="quiz">another quiz</a>. The answers are checked when you hand it in.</p>
            <form id="quiz" method="get" action="quiz/grade">
            <input type="hidden" name="seed" value="\(seed)"><input type="hidden" name="count" value="\(made.questions.count)">
            <ol class="quiz">\(items)</ol>
            <p><button type="submit">Hand in</button></p>
            </form>
            """
        return Responses.html(page(title: "\(name) · curve quiz", body: body))
    }

    /// The quiz of `seed` and `count` marked: the score by kind of question, and each question's
    /// answer beside the one given.
    func grade(_ name: String, _ request: Request) async throws -> Response {
        let (_, made, seed) = try await quiz(of: name, request)
        var answers: [String: QuizAnswers.Answer] = [:]
        for entry in made.key {
            guard let given = request.uri.queryParameters[Substring(entry.id)].map(String.init), !given.isEmpty else { continue }
            if entry.type.asksForStep {
                guard let step = Int(given) else { throw ServerError(.badRequest, "the answer to \(entry.id) must be a step number, got '\(given)'") }
                answers[entry.id] = .step(step)
            } else {
                guard entry.options.contains(given) else {
                    throw ServerError(.badRequest, "the answer to \(entry.id) must be one of \(entry.options.joined(separator: ", ")), got '\(given)'")
                }
                answers[entry.id] = .letter(given)
            }
        }
        let grade: QuizGrade
        do {
            grade = try QuizGrade(key: made.key, answers: answers, allowMissing: true)
        } catch {
            throw ServerError(.badRequest, "\(error)")
        }
        let rows = made.key.map { entry -> String in
            let right = entry.answer ?? entry.answerStep.map { "step \($0) ± \(entry.tolerance ?? 0)" } ?? "–"
            let mark: String
            switch answers[entry.id] {
            case .letter(let letter)?: mark = letter == entry.answer ? "right" : "wrong: \(letter)"
            case .step(let step)?:
                mark = abs(step - (entry.answerStep ?? .min / 2)) <= (entry.tolerance ?? 0) ? "right" : "wrong: step \(step)"
            case nil: mark = "not answered"
            }
            return "<tr class=\"\(mark == "right" ? "right" : "wrong")\"><td>\(entry.id)</td><td>\(escaped(entry.type.rawValue))</td>"
                + "<td>\(escaped(right))</td><td>\(escaped(mark))</td></tr>"
        }.joined()
        let types = grade.byType.map { score in
            "<tr><td>\(escaped(score.type.rawValue))</td><td class=\"n\">\(score.correct) / \(score.questions)</td></tr>"
        }.joined()
        let body = """
            \(JudgePages.breadcrumb(name))
            <h1>Curve quiz: <span id="score">\(grade.correct) of \(grade.questions)</span> right</h1>
            <p class="muted">Seed \(seed); \(grade.answered) answered. <a href="../quiz?seed=\(seed)&amp;count=\(made.questions.count)">Try it again</a>
            or <a href="../quiz">take another</a>.</p>
            <table id="by-type"><thead><tr><th>kind</th><th class="n">right</th></tr></thead><tbody>\(types)</tbody></table>
            <h2>Each question</h2>
            <table id="marks"><thead><tr><th>question</th><th>kind</th><th>answer</th><th>yours</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return Responses.html(page(title: "\(name) · quiz marked", body: body))
    }

    /// The study's quiz for the request's `seed` (a new one when absent) and `count`.
    private func quiz(of name: String, _ request: Request) async throws -> (StudyRecord, CurveQuiz, UInt64) {
        let record = try await answering { try await storage.study(named: name) }
        let count = try queryInt(request, "count", in: 1...Self.maxQuizCount) ?? Self.quizCount
        let seed = try queryInt(request, "seed", in: 0...Int.max).map(UInt64.init) ?? UInt64.random(in: 0...UInt64(Int.max))
        let objective = record.config.objective
        let finished = try await answering { try await storage.trials(study: record.id, states: [.complete, .pruned], curves: .only([objective])) }
        let records = finished.map { trial in
            let pairs = trial.curve(objective).sortedPairs
            return CurveRecord(
                id: String(trial.number), curve: pairs.map(\.value), steps: pairs.map(\.step), direction: record.config.direction.rawValue)
        }
        do {
            return (record, try CurveQuiz(records: records, count: count, seed: seed), seed)
        } catch {
            throw ServerError(.notFound, "no quiz can be made from study '\(name)': \(error)")
        }
    }

    /// The curves the quiz's questions show, by trial number.
    private func curves(_ record: StudyRecord, _ made: CurveQuiz) async throws -> [Int: Trial] {
        let numbers = Set(made.key.flatMap(\.curves).compactMap { Int($0) })
        let ids = try await trialIDs(record, numbers: Array(numbers))
        let loaded = try await answering { try await storage.trials(ids: ids, curves: .only([record.config.objective])) }
        return Dictionary(loaded.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// A question's curves in one plot, a colour and letter each (or one curve for a step question).
    private func plot(for entry: QuizKeyEntry, _ trials: [Int: Trial], objective: String) -> String {
        let shown = entry.curves.compactMap { Int($0).flatMap { trials[$0] } }
        let colours = Dictionary(shown.enumerated().map { ($0.element.number, Pages.palette[$0.offset % Pages.palette.count]) }, uniquingKeysWith: { a, _ in a })
        let lines = shown.map { t in
            CurvesPlot.Line(number: t.number, state: .complete, points: CurvesPlot.downsampled(t.curve(objective), points: Pages.plotPoints))
        }
        let letters = entry.options.isEmpty ? [] : entry.options
        let legend = zip(letters, shown).map { "<li>\(Pages.swatch(colours[$1.number])) <b>\(escaped($0))</b></li>" }.joined()
        return (legend.isEmpty ? "" : "<ul class=\"legend\">\(legend)</ul>")
            + CurvesPlot(lines: lines, best: nil, colours: colours, height: 220, id: "quiz-\(entry.id)").svg()
    }
}
