extension BanditReport {
    /// A short text summary for people, e.g.
    ///
    ///     ucb1 on bernoulli:means=0.1,0.5,0.9 (100 runs × 1000 steps, seed 0)
    ///     regret 21.3 ± 6.2   optimal 95.1%   mean reward 0.879   final reward 0.893
    ///     reward ▁▅▆▇▇▇▇▇▇███████████████████████████████
    public func summary(width: Int = 40) -> String {
        let head = "\(agent.isEmpty ? "agent" : agent) on \(environment.isEmpty ? "environment" : environment)"
            + " (\(runs) runs × \(steps) steps, seed \(seed))"
        let numbers = "regret \(Self.format(regretMean)) ± \(Self.format(regretSD))"
            + "   optimal \(Self.format(100 * optimalActionFraction, digits: 1))%"
            + "   mean reward \(Self.format(rewardMean))   final reward \(Self.format(finalReward))"
        return [head, numbers, "reward " + Self.sparkline(rewardCurve, width: width)].joined(separator: "\n")
    }

    /// A unicode sparkline of `values` (averaged into at most `width` buckets, scaled from the
    /// lowest to the highest bucket; a flat curve is drawn at mid height).
    public static func sparkline(_ values: [Double], width: Int = 40) -> String {
        guard !values.isEmpty, width > 0 else { return "" }
        let buckets = min(width, values.count)
        var means: [Double] = []
        for b in 0..<buckets {
            let lower = b * values.count / buckets
            let upper = max(lower + 1, (b + 1) * values.count / buckets)
            means.append(values[lower..<upper].reduce(0, +) / Double(upper - lower))
        }
        let bars = Array("▁▂▃▄▅▆▇█")
        let low = means.min() ?? 0
        let high = means.max() ?? 0
        return String(means.map { value -> Character in
            guard high > low, value.isFinite else { return bars[3] }
            let level = Int(((value - low) / (high - low) * Double(bars.count - 1)).rounded())
            return bars[min(bars.count - 1, max(0, level))]
        })
    }

    /// `value` with `digits` decimals.
    static func format(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: "."), !text.contains("e") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }
}
