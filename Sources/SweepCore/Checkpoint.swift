import Foundation

/// A question a judge put to the outside world about a running trial — "prune or continue?" at a
/// step — stored so that any process can answer it: `sweep serve`'s judging page, `sweep answer`,
/// another program. The judge that asked waits for the answer, or for its deadline.
public struct Checkpoint: Sendable, Hashable {
    /// The storage's id of the question.
    public var id: Int64
    /// The study's storage id.
    public var study: Int64
    /// The trial's number in its study.
    public var trialNumber: Int
    /// The step the trial had reached when the judge asked.
    public var step: Int
    /// What the judge shows the person (Markdown: the trial's curve and the best trials beside it).
    public var brief: String
    /// When the question was asked, on the storage's clock.
    public var asked: Date
    /// When the asking judge stops waiting and continues the trial.
    public var deadline: Date
    /// The answer, once given (by a person, or `CheckpointAnswer.timeoutName` at the deadline).
    public var answer: CheckpointAnswer?

    public init(
        id: Int64, study: Int64, trialNumber: Int, step: Int, brief: String, asked: Date, deadline: Date,
        answer: CheckpointAnswer? = nil
    ) {
        self.id = id
        self.study = study
        self.trialNumber = trialNumber
        self.step = step
        self.brief = brief
        self.asked = asked
        self.deadline = deadline
        self.answer = answer
    }

    /// Waiting for an answer.
    public var isOpen: Bool { answer == nil }
}

/// The answer to a `Checkpoint`. The first answer stored wins; later ones are refused.
public struct CheckpointAnswer: Sendable, Hashable {
    /// Stop the trial.
    public var prune: Bool
    /// Why, in the person's words (optional).
    public var reason: String?
    /// Who answered (a name the person gave, a program's name, or `timeoutName`).
    public var by: String
    /// When, on the storage's clock (set by the storage).
    public var time: Date

    /// Who "answered" a question nobody answered before its deadline.
    public static let timeoutName = "timeout"

    public init(prune: Bool, reason: String? = nil, by: String, time: Date = Date(timeIntervalSince1970: 0)) {
        self.prune = prune
        self.reason = reason
        self.by = by
        self.time = time
    }
}
