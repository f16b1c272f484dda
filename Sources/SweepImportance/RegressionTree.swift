import SweepCore

/// A regression tree grown as scikit-learn's `DecisionTreeRegressor` grows one inside a
/// `RandomForestRegressor` with Optuna's settings: squared error, every feature tried at every
/// node in a random order (the first best split wins ties), thresholds halfway between two
/// values further apart than 1e-7, at least one sample per leaf, samples weighted by how often
/// the bootstrap drew them.
struct RegressionTree: Sendable {
    /// The split feature of each node, or −1 for a leaf. Node 0 is the root.
    var feature: [Int] = []
    var threshold: [Double] = []
    var left: [Int] = []
    var right: [Int] = []
    /// The weighted mean of the node's samples.
    var value: [Double] = []

    var count: Int { feature.count }
    func isLeaf(_ node: Int) -> Bool { feature[node] < 0 }

    /// Grows a tree on `columns` (one array of sample values per feature) and `targets`, with
    /// each sample's `weights` (0 leaves a sample out).
    init(columns: [[Double]], targets: [Double], weights: [Double], maxDepth: Int, generator: inout SplitMix64) {
        var builder = TreeBuilder(columns: columns, targets: targets, weights: weights)
        builder.grow(into: &self, maxDepth: maxDepth, generator: &generator)
    }
}

/// The state of growing one tree: for every feature, the node's samples sorted by that feature
/// (each node is the same range of every feature's order), split in place.
private struct TreeBuilder {
    let columns: [[Double]]
    let targets: [Double]
    let weights: [Double]
    var orders: [[Int]]
    var goesLeft: [Bool]
    var scratch: [Int]

    static let featureThreshold = 1e-7
    static let epsilon = Double.ulpOfOne

    init(columns: [[Double]], targets: [Double], weights: [Double]) {
        self.columns = columns
        self.targets = targets
        self.weights = weights
        let drawn = targets.indices.filter { weights[$0] != 0 }
        orders = columns.map { column in drawn.sorted { column[$0] < column[$1] } }
        goesLeft = Array(repeating: false, count: targets.count)
        scratch = Array(repeating: 0, count: drawn.count)
    }

    struct Split {
        var feature: Int
        var position: Int
        var threshold: Double
        var proxy: Double
    }

    mutating func grow(into tree: inout RegressionTree, maxDepth: Int, generator: inout SplitMix64) {
        // Depth first, left before right: node numbers as scikit-learn's builder gives them.
        var stack: [(start: Int, end: Int, depth: Int, parent: Int, isLeft: Bool)] = [
            (0, orders.first?.count ?? 0, 0, -1, false)
        ]
        var features = Array(columns.indices)
        while let item = stack.popLast() {
            let (weight, sum, squares) = totals(item.start, item.end)
            let node = tree.count
            tree.feature.append(-1)
            tree.threshold.append(0)
            tree.left.append(-1)
            tree.right.append(-1)
            tree.value.append(weight > 0 ? sum / weight : 0)
            if item.parent >= 0 {
                if item.isLeft { tree.left[item.parent] = node } else { tree.right[item.parent] = node }
            }
            let impurity = weight > 0 ? squares / weight - (sum / weight) * (sum / weight) : 0
            let samples = item.end - item.start
            if item.depth >= maxDepth || samples < 2 || impurity <= Self.epsilon { continue }
            features.shuffle(using: &generator)
            guard let split = bestSplit(item.start, item.end, features: features) else { continue }
            tree.feature[node] = split.feature
            tree.threshold[node] = split.threshold
            partition(item.start, item.end, split)
            let middle = item.start + split.position
            stack.append((middle, item.end, item.depth + 1, node, false))
            stack.append((item.start, middle, item.depth + 1, node, true))
        }
    }

    /// Σw, Σwy, Σwy² of the node's samples.
    private func totals(_ start: Int, _ end: Int) -> (Double, Double, Double) {
        var weight = 0.0
        var sum = 0.0
        var squares = 0.0
        guard let order = orders.first else { return (0, 0, 0) }
        for s in order[start..<end] {
            let w = weights[s]
            weight += w
            sum += w * targets[s]
            squares += w * targets[s] * targets[s]
        }
        return (weight, sum, squares)
    }

    /// The split with the largest Σ²L/wL + Σ²R/wR, trying `features` in order; nil when every
    /// feature is constant on the node.
    private func bestSplit(_ start: Int, _ end: Int, features: [Int]) -> Split? {
        let (weight, sum, _) = totals(start, end)
        var best: Split?
        for f in features {
            let column = columns[f]
            let order = orders[f]
            guard column[order[end - 1]] > column[order[start]] + Self.featureThreshold else { continue }
            var weightLeft = 0.0
            var sumLeft = 0.0
            for p in (start + 1)..<end {
                let s = order[p - 1]
                weightLeft += weights[s]
                sumLeft += weights[s] * targets[s]
                let (previous, next) = (column[s], column[order[p]])
                if next <= previous + Self.featureThreshold { continue }
                let weightRight = weight - weightLeft
                let sumRight = sum - sumLeft
                let proxy = sumLeft * sumLeft / weightLeft + sumRight * sumRight / weightRight
                if proxy > (best?.proxy ?? -.infinity) {
                    var threshold = previous / 2 + next / 2
                    if threshold == next || !threshold.isFinite { threshold = previous }
                    best = Split(feature: f, position: p - start, threshold: threshold, proxy: proxy)
                }
            }
        }
        return best
    }

    /// Moves the samples at or below the threshold before the others, in every feature's order,
    /// keeping each order sorted.
    private mutating func partition(_ start: Int, _ end: Int, _ split: Split) {
        let column = columns[split.feature]
        for s in orders[split.feature][start..<end] { goesLeft[s] = column[s] <= split.threshold }
        for f in orders.indices {
            var l = start
            var r = 0
            for p in start..<end {
                let s = orders[f][p]
                if goesLeft[s] {
                    orders[f][l] = s
                    l += 1
                } else {
                    scratch[r] = s
                    r += 1
                }
            }
            for i in 0..<r { orders[f][l + i] = scratch[i] }
        }
    }
}
