import Foundation

/// A policy's JSON file: `save(to:)` writes format version `currentVersion`; `load(path:)` reads
/// every version up to it and checks the network fits the features and the head.
extension SelectionPolicy {
    /// Writes the policy as JSON.
    public func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }

    /// Reads a policy `save(to:)` wrote.
    public static func load(path: String) throws(ActiveLearningError) -> SelectionPolicy {
        let policy: SelectionPolicy
        do {
            policy = try JSONDecoder().decode(SelectionPolicy.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .invalidOptions("\(path): cannot read a selection policy: \(Self.reason(error)); expected a file `sweep al train-policy --out` wrote")
        }
        guard policy.network.inputSize == CandidateFeatures.count else {
            throw .invalidOptions("\(path): the policy takes \(policy.network.inputSize) features; expected \(CandidateFeatures.count)")
        }
        guard policy.head == .batch || policy.network.outputSize == 1 else {
            throw .invalidOptions("\(path): a sequential policy has one score per candidate, this one has \(policy.network.outputSize); expected 1 (or \"head\": \"batch\")")
        }
        return policy
    }

    /// A decoding error's own words (the debug description names the key and the problem).
    static func reason(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let context)?, .keyNotFound(_, let context)?, .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default:
            return error.localizedDescription
        }
    }
}
