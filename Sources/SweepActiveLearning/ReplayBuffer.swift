import SweepML

/// A bounded first-in-first-out store of past policy rounds for experience replay: when full,
/// a new transition replaces the oldest. Minibatches are drawn without replacement from a
/// caller's seeded generator, so the same seed replays the same transitions.
public struct ReplayBuffer: Sendable, Equatable {
    /// One round as the behaviour policy played it.
    public struct Transition: Sendable, Equatable {
        /// The candidates' `CandidateFeatures` rows (the round's state).
        public var features: Matrix
        /// The picks (positions into `features`), in order.
        public var picks: [Int]
        /// The normalised, baseline-subtracted reward the round earned.
        public var advantage: Double
        /// log π_behaviour(picks | features) when the round was played.
        public var behaviourLogProbability: Double

        public init(features: Matrix, picks: [Int], advantage: Double, behaviourLogProbability: Double) {
            (self.features, self.picks, self.advantage, self.behaviourLogProbability) = (features, picks, advantage, behaviourLogProbability)
        }
    }

    /// The most transitions kept.
    public let capacity: Int
    /// The stored transitions (in slot order, not age order once the buffer has wrapped).
    public private(set) var transitions: [Transition] = []
    private var next = 0

    /// An empty buffer of `capacity` (at least 1) transitions.
    public init(capacity: Int) {
        precondition(capacity >= 1, "ReplayBuffer capacity must be at least 1")
        self.capacity = capacity
    }

    public var count: Int { transitions.count }

    /// Stores `transition`, replacing the oldest when full.
    public mutating func append(_ transition: Transition) {
        if transitions.count < capacity {
            transitions.append(transition)
        } else {
            transitions[next] = transition
        }
        next = (next + 1) % capacity
    }

    /// `size` distinct transitions (all of them when fewer are stored), drawn by `rng`.
    public func sample(_ size: Int, using rng: inout RandomGenerator) -> [Transition] {
        var order = Array(transitions.indices)
        let n = min(size, order.count)
        for i in 0..<n { order.swapAt(i, i + rng.nextInt(below: order.count - i)) }
        return order.prefix(n).map { transitions[$0] }
    }
}
