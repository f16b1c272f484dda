/// Draws the questions of a ``CurveQuiz``.
struct QuizMaker {
    let curves: [CurveRecord]
    let measures: [CurveMeasures]
    let settings: CurveQuiz.Settings
    var random: QuizRandom
    private var asked = Set<String>()
    private var pairs = 0
    private static let letters = ["A", "B", "C", "D", "E", "F", "G", "H"]
    private static let attempts = 60

    init(records: [CurveRecord], seed: UInt64, settings: CurveQuiz.Settings) {
        curves = records.filter { $0.curve.lazy.filter(\.isFinite).count >= 5 }
        measures = curves.map { CurveMeasures($0) }
        self.settings = settings
        random = QuizRandom(seed: seed)
    }

    mutating func make(_ type: QuizQuestionType) -> [(QuizQuestion, QuizKeyEntry)]? {
        for _ in 0..<Self.attempts {
            if let made = attempt(type) { return made }
        }
        return nil
    }

    private mutating func attempt(_ type: QuizQuestionType) -> [(QuizQuestion, QuizKeyEntry)]? {
        switch type {
        case .highest, .fastest, .slowest:
            let n = min(max(2, settings.choices), Self.letters.count, curves.count)
            let picked = Array((0..<curves.count).shuffled(using: &random).prefix(n))
            guard let answer = choiceAnswer(type, picked), remember(type, picked) else { return nil }
            return [choice(type, picked, answer: answer)]
        case .onset, .stop:
            let i = Int.random(in: 0..<curves.count, using: &random)
            let m = measures[i]
            guard m.gain > 0, let step = type == .onset ? m.onsetStep : m.stopStep, remember(type, [i]) else { return nil }
            return [stepQuestion(type, i, step: step)]
        case .pair:
            let picked = Array((0..<curves.count).shuffled(using: &random).prefix(2))
            let p = CurveComparison(curves[picked[0]], curves[picked[1]]).probabilityFirstIsBetter
            let sure = settings.pairConfidence
            guard p >= sure || p <= 1 - sure, remember(type, picked) else { return nil }
            pairs += 1
            let name = "p\(pairs)"
            let better = p >= sure ? 0 : 1
            var first = choice(type, picked, answer: better)
            var second = choice(type, picked.reversed(), answer: 1 - better)
            first.1.pair = name
            second.1.pair = name
            return [first, second]
        }
    }

    /// Whether these curves have not been asked about with this type yet (and remembers them).
    private mutating func remember(_ type: QuizQuestionType, _ picked: [Int]) -> Bool {
        asked.insert(type.rawValue + ":" + picked.sorted().map(String.init).joined(separator: ",")).inserted
    }

    /// The position of the clear answer among `picked`, nil when none is clear.
    private func choiceAnswer(_ type: QuizQuestionType, _ picked: [Int]) -> Int? {
        switch type {
        case .highest:
            let values = picked.map { measures[$0].direction.sign * measures[$0].smoothedBest }
            guard values.allSatisfy(\.isFinite) else { return nil }
            let order = values.indices.sorted { values[$0] > values[$1] }
            let (top, second) = (order[0], order[1])
            let margin = max(measures[picked[top]].noise, measures[picked[second]].noise)
            return values[top] - values[second] > margin ? top : nil
        case .fastest, .slowest:
            let rates = picked.map { measures[$0].rate }
            guard rates.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
            let order = rates.indices.sorted { type == .fastest ? rates[$0] > rates[$1] : rates[$0] < rates[$1] }
            let (top, second) = (rates[order[0]], rates[order[1]])
            let clear = type == .fastest ? top >= settings.rateRatio * second : top * settings.rateRatio <= second
            return clear ? order[0] : nil
        default:
            return nil
        }
    }

    private func choice(_ type: QuizQuestionType, _ picked: [Int], answer: Int) -> (QuizQuestion, QuizKeyEntry) {
        let options = Array(Self.letters.prefix(picked.count))
        let shown = picked.enumerated().map { k, i in anonymous(curves[i], as: options[k]) }
        let listed = options.map { "\"\($0)\"" }.joined(separator: ", ")
        let prompt = QuizText.question(type) + "\n" + QuizText.answerWithLetter(listed) + "\n\n"
            + CurveRendering.describe(shown, rows: settings.rows, measures: false, format: .markdown)
        let q = QuizQuestion(id: "", type: type, prompt: prompt, options: options, expects: "one of \(listed)")
        let k = QuizKeyEntry(id: "", type: type, options: options, answer: options[answer], curves: picked.map { curves[$0].id })
        return (q, k)
    }

    private func stepQuestion(_ type: QuizQuestionType, _ i: Int, step: Int) -> (QuizQuestion, QuizKeyEntry) {
        let r = curves[i]
        let m = measures[i]
        let first = r.step(at: 0), last = r.step(at: r.curve.count - 1)
        let tolerance = Self.stepTolerance(settings.tolerance, span: last - first)
        let prompt = QuizText.question(type) + "\n" + QuizText.answerWithStep(first, last) + "\n\n"
            + CurveRendering.describe([anonymous(r, as: "A")], rows: settings.rows, measures: false, format: .markdown)
        let q = QuizQuestion(id: "", type: type, prompt: prompt, options: [], expects: "a step number from \(first) to \(last)")
        var k = QuizKeyEntry(id: "", type: type, options: [], answerStep: step, tolerance: tolerance, curves: [r.id])
        if type == .stop {
            let sign = m.direction.sign
            let start = r.curve.indices.first { m.smoothed[$0].isFinite }.map { sign * m.smoothed[$0] } ?? 0
            var best = -Double.infinity
            var steps: [Int] = [], progress: [Double] = []
            for j in r.curve.indices where m.smoothed[j].isFinite {
                best = max(best, sign * m.smoothed[j])
                steps.append(r.step(at: j))
                progress.append(NumberText.rounded(min(1, max(0, (best - start) / m.gain)), digits: 4) ?? 0)
            }
            k.steps = steps
            k.progress = progress
        }
        return (q, k)
    }

    /// `fraction` of a step span, rounded, at least 1 and at most the span (any fraction, even NaN
    /// or infinite, gives a step count).
    static func stepTolerance(_ fraction: Double, span: Int) -> Int {
        let steps = (fraction * Double(span)).rounded()
        guard steps >= 1 else { return 1 }
        return steps < Double(span) ? Int(steps) : max(1, span)
    }

    /// The record under a letter, without id, parameters, labels or other metrics.
    private func anonymous(_ r: CurveRecord, as letter: String) -> CurveRecord {
        CurveRecord(id: letter, curve: r.curve, steps: r.steps, direction: CurveDirection(r).rawValue)
    }
}

/// The words of the quiz's questions.
enum QuizText {
    static func question(_ type: QuizQuestionType) -> String {
        switch type {
        case .highest: return "Which of these curves reached the best performance (its best level, ignoring single noisy spikes)?"
        case .fastest: return "Which of these curves learned fastest (improved most per step on its way up)?"
        case .slowest: return "Which of these curves learned slowest (improved least per step on its way up)?"
        case .onset: return "At which step did this curve start learning (leave its starting level)?"
        case .stop: return "You are watching this curve train. At which step would you have stopped it, because it stopped improving by more than its noise?"
        case .pair: return "Which of these two curves is better at the end of training?"
        }
    }

    static func answerWithLetter(_ listed: String) -> String {
        "Answer with one letter: \(listed). \"maximize\" means higher is better, \"minimize\" lower is better."
    }

    static func answerWithStep(_ first: Int, _ last: Int) -> String {
        "Answer with a step number from \(first) to \(last)."
    }
}
