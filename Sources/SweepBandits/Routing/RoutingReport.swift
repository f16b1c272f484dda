import Foundation

/// The result of a routing run: where the samples went, what they earned, and how good the
/// learners became.
public struct RoutingReport: Sendable, Equatable, Codable {
    /// `synthetic` or the CSV path.
    public var source: String
    /// The estimator's name.
    public var estimator: String
    /// The selection rule as text.
    public var selection: String
    /// The seed.
    public var seed: UInt64
    /// Samples routed.
    public var samples: Int
    /// Held-out samples each learner is scored on.
    public var heldOut: Int
    /// Class names, in class order.
    public var classNames: [String]
    /// The feature names each learner sees.
    public var learnerFeatures: [[String]]
    /// The classes each learner is scored on.
    public var learnerClasses: [[String]]
    /// `routingTable[k][c]`: samples of class c routed to learner k.
    public var routingTable: [[Int]]
    /// Mean reward per sample (mean held-out accuracy change of the chosen learner).
    public var meanReward: Double
    /// Each learner's held-out accuracy before the stream.
    public var initialAccuracies: [Double]
    /// Each learner's held-out accuracy after the stream.
    public var finalAccuracies: [Double]
    /// Mean reward per `curveWindow` consecutive samples.
    public var rewardCurve: [Double]
    /// Samples per point of `rewardCurve`.
    public var curveWindow: Int

    /// snake_case, as every `--json` output (`sweep route --json` writes the report through
    /// SweepWire: the seed as a string, NaN and infinities as null).
    enum CodingKeys: String, CodingKey {
        case source, estimator, selection, seed, samples
        case heldOut = "held_out"
        case classNames = "class_names"
        case learnerFeatures = "learner_features"
        case learnerClasses = "learner_classes"
        case routingTable = "routing_table"
        case meanReward = "mean_reward"
        case initialAccuracies = "initial_accuracies"
        case finalAccuracies = "final_accuracies"
        case rewardCurve = "reward_curve"
        case curveWindow = "curve_window"
    }

    /// The mean of the learners' final accuracies.
    public var meanFinalAccuracy: Double {
        finalAccuracies.isEmpty ? 0 : finalAccuracies.reduce(0, +) / Double(finalAccuracies.count)
    }

    /// A short human-readable summary with the routing table.
    public var summary: String {
        var lines: [String] = []
        lines.append("routing \(samples) samples from \(source) to \(routingTable.count) learners with \(estimator) + \(selection) (seed \(seed))")
        lines.append("mean reward \(Self.format(meanReward, 5)) per sample; mean final accuracy \(Self.format(meanFinalAccuracy, 3))")
        let width = max(6, (classNames.map(\.count).max() ?? 0) + 1)
        let header = "learner".padding(toLength: 9, withPad: " ", startingAt: 0)
            + classNames.map { String(repeating: " ", count: max(0, width - $0.count)) + $0 }.joined()
            + "   accuracy        scored on"
        lines.append(header)
        for (k, row) in routingTable.enumerated() {
            let cells = row.map { String(repeating: " ", count: max(0, width - "\($0)".count)) + "\($0)" }.joined()
            let name = "\(k)".padding(toLength: 9, withPad: " ", startingAt: 0)
            lines.append(
                name + cells + "   " + Self.format(initialAccuracies[k], 3) + " -> " + Self.format(finalAccuracies[k], 3)
                    + "   " + learnerClasses[k].joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
}
