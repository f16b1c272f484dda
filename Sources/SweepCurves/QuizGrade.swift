/// The score of a judge's answers to a quiz.
///
/// - Choice questions (`highest`, `fastest`, `slowest`, `pair`) are right when the letter is the
///   key's.
/// - Step questions (`onset`, `stop`) are right when `|answer − key| ≤ tolerance`; their
///   `meanAbsoluteStepError` is reported too.
/// - `stop` questions also report `meanRegret`: 1 − the fraction of the curve's smoothed gain
///   reached by the answered step (0 is stopping no earlier than needed, 1 is stopping before
///   any learning; a step before the first counts as 1).
/// - `pair` questions report `consistency`: among pairs with both orders answered, the fraction
///   where both answers name the same curve.
/// An unanswered question (with `allowMissing`) counts as wrong and has no step error.
public struct QuizGrade: Sendable, Hashable, Codable {
    /// The score of one question type.
    public struct TypeScore: Sendable, Hashable, Codable {
        public var type: QuizQuestionType
        public var questions: Int
        public var answered: Int
        public var correct: Int
        public var accuracy: Double
        public var meanAbsoluteStepError: Double?
        public var meanRegret: Double?
        public var pairs: Int?
        public var consistency: Double?

        enum CodingKeys: String, CodingKey {
            case type, questions, answered, correct, accuracy, pairs, consistency
            case meanAbsoluteStepError = "mean_absolute_step_error", meanRegret = "mean_regret"
        }
    }

    public var questions: Int
    public var answered: Int
    public var correct: Int
    /// `correct / questions` (0 for an empty quiz).
    public var accuracy: Double
    /// One score per question type present in the key, in ``QuizQuestionType`` order.
    public var byType: [TypeScore]

    enum CodingKeys: String, CodingKey {
        case questions, answered, correct, accuracy
        case byType = "by_type"
    }

    /// Grades `answers` against `key`.
    /// - Throws: ``QuizError/missingAnswers(ids:)`` when a question has no answer and
    ///   `allowMissing` is false.
    public init(key: [QuizKeyEntry], answers: [String: QuizAnswers.Answer], allowMissing: Bool = false) throws(QuizError) {
        let missing = key.map(\.id).filter { answers[$0] == nil }
        if !allowMissing, !missing.isEmpty { throw .missingAnswers(ids: missing) }
        questions = key.count
        answered = key.count - missing.count
        var scores: [TypeScore] = []
        for type in QuizQuestionType.allCases {
            let entries = key.filter { $0.type == type }
            guard !entries.isEmpty else { continue }
            scores.append(QuizGrade.score(type, entries, answers))
        }
        byType = scores
        correct = scores.reduce(0) { $0 + $1.correct }
        accuracy = questions > 0 ? Double(correct) / Double(questions) : 0
    }

    private static func score(_ type: QuizQuestionType, _ entries: [QuizKeyEntry], _ answers: [String: QuizAnswers.Answer]) -> TypeScore {
        var correct = 0, answered = 0
        var stepErrors: [Double] = [], regrets: [Double] = []
        for e in entries {
            guard let given = answers[e.id] else { continue }
            answered += 1
            switch given {
            case .letter(let letter):
                if letter == e.answer { correct += 1 }
            case .step(let step):
                guard let right = e.answerStep else { continue }
                let error = abs(step - right)
                stepErrors.append(Double(error))
                if error <= (e.tolerance ?? 0) { correct += 1 }
                if let steps = e.steps, let progress = e.progress, steps.count == progress.count {
                    let reached = steps.lastIndex { $0 <= step }.map { progress[$0] } ?? 0
                    regrets.append(1 - reached)
                }
            }
        }
        var score = TypeScore(
            type: type, questions: entries.count, answered: answered, correct: correct,
            accuracy: Double(correct) / Double(entries.count))
        if type.asksForStep, !stepErrors.isEmpty { score.meanAbsoluteStepError = mean(stepErrors) }
        if type == .stop, !regrets.isEmpty { score.meanRegret = mean(regrets) }
        if type == .pair { (score.pairs, score.consistency) = consistency(entries, answers) }
        return score
    }

    /// Pairs with both orders answered, and the fraction whose two answers name the same curve.
    private static func consistency(_ entries: [QuizKeyEntry], _ answers: [String: QuizAnswers.Answer]) -> (Int, Double?) {
        var chosen: [String: [String]] = [:]
        for e in entries {
            guard let pair = e.pair, case .letter(let letter)? = answers[e.id],
                let k = e.options.firstIndex(of: letter), k < e.curves.count
            else { continue }
            chosen[pair, default: []].append(e.curves[k])
        }
        let complete = chosen.values.filter { $0.count == 2 }
        guard !complete.isEmpty else { return (0, nil) }
        let same = complete.filter { $0[0] == $0[1] }.count
        return (complete.count, Double(same) / Double(complete.count))
    }

    private static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

    /// The grade as a markdown table for a person.
    public var markdown: String {
        let t = { (x: Double?) in NumberText.text(x, digits: 3) }
        var out = "| type | questions | answered | correct | accuracy | mean step error | mean regret | consistency |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|---:|\n"
        for s in byType {
            out += "| \(s.type.rawValue) | \(s.questions) | \(s.answered) | \(s.correct) | \(t(s.accuracy)) | "
                + "\(t(s.meanAbsoluteStepError)) | \(t(s.meanRegret)) | \(t(s.consistency)) |\n"
        }
        out += "| all | \(questions) | \(answered) | \(correct) | \(t(accuracy)) | | | |\n"
        return out
    }
}
