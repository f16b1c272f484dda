/// How a `SelectionPolicy` turns its network's scores into a batch of K picks.
public enum PolicyHead: String, Sendable, Codable, CaseIterable {
    /// One score per candidate; K picks without replacement from the softmax of that one score
    /// over the candidates left.
    case sequential
    /// The N×K head: K scores per candidate (one column per slot); slot j picks from the softmax
    /// of column j over the candidates left (greedy: the best remaining by column j). A batch
    /// larger than K reuses the columns in turn (slot j uses column j mod K).
    case batch

    /// The head named `text`, or an error that lists the names.
    public init(parsing text: String) throws(ActiveLearningError) {
        guard let head = PolicyHead(rawValue: text) else {
            throw .invalidOptions("head expects \(Self.allCases.map(\.rawValue).joined(separator: " or ")), got '\(text)'")
        }
        self = head
    }
}
