import Foundation

/// A person's answer to "which of these two curves is better?" for two trials of a study, shown
/// in the order `first` (left), `second` (right). Each pair is shown in both orders over time, so
/// a labeller's preference for a side shows in the labels.
public struct PairLabel: Sendable, Hashable {
    /// The storage's id (0 before it is stored).
    public var id: Int64
    /// The trial number shown first (on the left).
    public var first: Int
    /// The trial number shown second (on the right).
    public var second: Int
    /// Which one the person chose.
    public var choice: PairChoice
    /// Who labelled (the name the person gave).
    public var by: String
    /// When, on the storage's clock (set by the storage).
    public var time: Date

    public init(id: Int64 = 0, first: Int, second: Int, choice: PairChoice, by: String, time: Date = Date(timeIntervalSince1970: 0)) {
        self.id = id
        self.first = first
        self.second = second
        self.choice = choice
        self.by = by
        self.time = time
    }

    /// The trial chosen, or nil when the person said neither was better.
    public var chosenTrial: Int? {
        switch choice {
        case .first: first
        case .second: second
        case .same: nil
        }
    }
}

extension PairLabel {
    /// Refuses a label on one trial twice or on a trial number the study does not have (`count`
    /// trials, numbered from 0): the storages' shared check.
    public func check(trialCount count: Int, study: String) throws(SweepError) {
        guard first != second else { throw .invalidArgument("a pairwise label compares two different trials, got \(first) twice") }
        for number in [first, second] where number < 0 || number >= count {
            throw .unknownTrial(study: study, number: number)
        }
    }
}

/// Which curve of a pair is better.
public enum PairChoice: String, Sendable, Hashable, CaseIterable {
    /// The one shown first (left).
    case first
    /// The one shown second (right).
    case second
    /// Neither: as good as each other, or cannot tell.
    case same
}
