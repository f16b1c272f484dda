/// A quiz about a curve dataset: questions a judge answers, and a key the judge never sees.
///
/// Questions cycle through the types ``QuizQuestionType`` in a seeded order; each draws random
/// curves until it finds ones where the answer is clear, so that a right answer is a fair test:
/// - `highest`: the best smoothed value (``CurveMeasures/smoothedBest``) beats the runner-up by
///   more than the noise of both;
/// - `fastest` / `slowest`: all shown curves learn and the answer's ``CurveMeasures/rate`` is at
///   least `rateRatio` times the runner-up's (or at most 1 / `rateRatio` for the slowest);
/// - `onset` / `stop`: the curve learns; the answer is its ``CurveMeasures/onsetStep`` /
///   ``CurveMeasures/stopStep`` and steps within `tolerance · (last step − first step)` count
///   as right (at least one step);
/// - `pair`: ``CurveComparison`` is at least `pairConfidence` sure which is better; the pair is
///   asked twice with the letters swapped (both share a `pair` name in the key).
///
/// Curves are shown under letters (A, B, ...) without their ids, parameters or labels, as
/// markdown renderings without measures. Questions are shuffled and numbered `q1`, `q2`, ...
public struct CurveQuiz: Sendable, Hashable {
    /// The quiz's settings.
    public struct Settings: Sendable, Hashable {
        /// How many curves a choice question shows (2...8).
        public var choices = 3
        /// Table rows per curve in a prompt.
        public var rows = 12
        /// Step tolerance of step questions, as a fraction of the curve's step range.
        public var tolerance = 0.1
        /// How much faster (slower) the answer of a rate question must be than the runner-up.
        public var rateRatio = 1.5
        /// How sure a pair comparison must be.
        public var pairConfidence = 0.95
        /// Question types to ask (in a seeded order).
        public var types: [QuizQuestionType] = QuizQuestionType.allCases

        public init() {}
    }

    public var questions: [QuizQuestion]
    public var key: [QuizKeyEntry]

    /// Makes up to `count` questions from `records` with `seed`. It makes fewer when the dataset
    /// has no clear candidates left for any type.
    /// - Throws: ``QuizError/notEnoughCurves(usable:)`` when fewer than two curves have at least
    ///   five finite values.
    public init(records: [CurveRecord], count: Int, seed: UInt64, settings: Settings = Settings()) throws(QuizError) {
        var maker = QuizMaker(records: records, seed: seed, settings: settings)
        guard maker.curves.count >= 2 else { throw .notEnoughCurves(usable: maker.curves.count) }
        var made: [(QuizQuestion, QuizKeyEntry)] = []
        var types = settings.types.isEmpty ? QuizQuestionType.allCases : settings.types
        types.shuffle(using: &maker.random)
        var failures = 0
        var next = 0
        while made.count < count, failures < types.count {
            let type = types[next % types.count]
            next += 1
            if type == .pair && count - made.count < 2 {
                failures += 1
                continue
            }
            if let questions = maker.make(type) {
                made += questions
                failures = 0
            } else {
                failures += 1
            }
        }
        made.shuffle(using: &maker.random)
        questions = []
        key = []
        for (k, item) in made.enumerated() {
            var (q, a) = item
            q.id = "q\(k + 1)"
            a.id = q.id
            questions.append(q)
            key.append(a)
        }
    }
}

/// Why a quiz could not be made, read or graded.
public enum QuizError: Error, Sendable, Equatable, CustomStringConvertible {
    case notEnoughCurves(usable: Int)
    case unreadable(path: String)
    case malformed(source: String, line: Int, reason: String)
    case notAKey(source: String)
    case unknownQuestion(source: String, line: Int, id: String)
    case missingAnswers(ids: [String])

    public var description: String {
        switch self {
        case .notEnoughCurves(let usable):
            return "a quiz needs at least 2 curves with 5 or more finite values; the dataset has \(usable)"
        case .unreadable(let path): return "cannot read '\(path)': no such file or not readable"
        case .malformed(let source, let line, let reason): return "\(source):\(line): \(reason)"
        case .notAKey(let source):
            return "\(source) is a questions file, not an answer key; pass the key file that `sweep curves quiz` wrote (--key)"
        case .unknownQuestion(let source, let line, let id):
            return "\(source):\(line): no question with id '\(id)' in the quiz"
        case .missingAnswers(let ids):
            let shown = ids.prefix(10).joined(separator: ", ") + (ids.count > 10 ? ", ..." : "")
            return "no answer for \(ids.count) question(s): \(shown); answer every question or pass --allow-missing"
        }
    }
}
