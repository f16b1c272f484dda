/// The kinds of quiz question.
public enum QuizQuestionType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Which of a few curves reached the best performance (the best smoothed value)?
    case highest
    /// Which of a few curves learned fastest (the largest ``CurveMeasures/rate``)?
    case fastest
    /// Which of a few curves learned slowest (the smallest positive ``CurveMeasures/rate``)?
    case slowest
    /// At which step did this curve start learning (``CurveMeasures/onsetStep``)?
    case onset
    /// At which step would you have stopped this curve (``CurveMeasures/stopStep``)?
    case stop
    /// Which of these two curves is better at the end (``CurveComparison``)? Asked in both orders.
    case pair

    /// Whether the answer is a step number rather than one of the options.
    public var asksForStep: Bool { self == .onset || self == .stop }
}

/// A question as the judge sees it: no answer in it, and the curves named only by letters.
public struct QuizQuestion: Sendable, Hashable, Codable {
    public var id: String
    public var type: QuizQuestionType
    /// The question and the renderings of the curves involved (markdown).
    public var prompt: String
    /// The letters to choose from; empty when the answer is a step number.
    public var options: [String]
    /// What an answer looks like, e.g. `one of "A", "B", "C"` or `a step number`.
    public var expects: String

    public init(id: String, type: QuizQuestionType, prompt: String, options: [String], expects: String) {
        self.id = id
        self.type = type
        self.prompt = prompt
        self.options = options
        self.expects = expects
    }
}

/// A question's answer for the grader (the key file holds one per question).
public struct QuizKeyEntry: Sendable, Hashable, Codable {
    public var id: String
    public var type: QuizQuestionType
    public var options: [String]
    /// The right letter for choice questions.
    public var answer: String?
    /// The right step for step questions.
    public var answerStep: Int?
    /// Steps within this distance of ``answerStep`` count as right.
    public var tolerance: Int?
    /// The dataset ids of the curves behind the letters, in option order (one for step questions).
    public var curves: [String]
    /// For `pair` questions: the name shared by the two orders of the same pair.
    public var pair: String?
    /// For `stop` questions: the curve's steps and its smoothed best-so-far, in the improving
    /// direction, normalised to 0 at the start and 1 at the peak, to grade regret.
    public var steps: [Int]?
    public var progress: [Double]?

    public init(
        id: String, type: QuizQuestionType, options: [String], answer: String? = nil, answerStep: Int? = nil,
        tolerance: Int? = nil, curves: [String], pair: String? = nil, steps: [Int]? = nil, progress: [Double]? = nil
    ) {
        self.id = id
        self.type = type
        self.options = options
        self.answer = answer
        self.answerStep = answerStep
        self.tolerance = tolerance
        self.curves = curves
        self.pair = pair
        self.steps = steps
        self.progress = progress
    }

    enum CodingKeys: String, CodingKey {
        case id, type, options, answer, tolerance, curves, pair, steps, progress
        case answerStep = "answer_step"
    }
}
