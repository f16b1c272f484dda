import Foundation
import SweepCore

/// A judge's question on a running trial (`Checkpoint`), with its answer once given.
public struct WireCheckpoint: Encodable, Sendable {
    public var id: Int64
    public var trial: Int
    public var step: Int
    public var brief: String
    public var asked: Date
    public var deadline: Date
    /// `"open"`, `"prune"` or `"continue"`.
    public var status: String
    public var reason: String?
    public var answeredBy: String?
    public var answered: Date?

    enum CodingKeys: String, CodingKey {
        case id, trial, step, brief, asked, deadline, status, reason, answered
        case answeredBy = "answered_by"
    }

    public init(_ question: Checkpoint) {
        id = question.id
        trial = question.trialNumber
        step = question.step
        brief = question.brief
        asked = question.asked
        deadline = question.deadline
        status = question.answer.map { $0.prune ? "prune" : "continue" } ?? "open"
        reason = question.answer?.reason
        answeredBy = question.answer?.by
        answered = question.answer?.time
    }
}

/// A pairwise label (`PairLabel`): which of two trials' curves, shown first and second, is better.
public struct WireLabel: Encodable, Sendable {
    public var id: Int64
    public var first: Int
    public var second: Int
    /// `"first"`, `"second"` or `"same"`.
    public var choice: String
    public var by: String
    public var time: Date

    public init(_ label: PairLabel) {
        id = label.id
        first = label.first
        second = label.second
        choice = label.choice.rawValue
        by = label.by
        time = label.time
    }
}
