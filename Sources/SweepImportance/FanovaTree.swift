import SweepCore

/// One tree of the forest read as fANOVA reads it (Optuna's `_fanova/_tree.py`): the tree's
/// prediction averaged over the search space, and the variance of the marginal prediction of a
/// group of features (a parameter's columns) around it.
struct FanovaTree: Sendable {
    let tree: RegressionTree
    /// [low, high] of each feature.
    let bounds: [(low: Double, high: Double)]
    /// Per node: the mean prediction over the node's box, and the box's volume.
    private var means: [Double]
    private var volumes: [Double]
    /// Per node: the features some split below it (or at it) uses.
    private var splitsBelow: [Set<Int>]
    /// Per feature: the midpoints of the cells between its sorted split values, and their widths.
    private var midpoints: [[Double]]
    private var widths: [[Double]]
    /// The variance of the tree's prediction over the whole box.
    let variance: Double

    init(_ tree: RegressionTree, bounds: [(low: Double, high: Double)]) {
        self.tree = tree
        self.bounds = bounds
        let n = tree.count
        var means = Array(repeating: 0.0, count: n)
        var volumes = Array(repeating: 0.0, count: n)
        // Boxes top down (a child's number is always above its parent's).
        var boxes: [[(low: Double, high: Double)]] = Array(repeating: [], count: n)
        if n > 0 { boxes[0] = bounds }
        for node in 0..<n {
            let box = boxes[node]
            if tree.isLeaf(node) {
                means[node] = tree.value[node]
                volumes[node] = box.reduce(1) { $0 * ($1.high - $1.low) }
            } else {
                let f = tree.feature[node]
                var low = box
                low[f].high = tree.threshold[node]
                var high = box
                high[f].low = tree.threshold[node]
                boxes[tree.left[node]] = low
                boxes[tree.right[node]] = high
            }
        }
        var splitsBelow: [Set<Int>] = Array(repeating: [], count: n)
        for node in (0..<n).reversed() where !tree.isLeaf(node) {
            let (l, r) = (tree.left[node], tree.right[node])
            means[node] = Self.average([means[l], means[r]], weights: [volumes[l], volumes[r]])
            volumes[node] = volumes[l] + volumes[r]
            splitsBelow[node] = splitsBelow[l].union(splitsBelow[r]).union([tree.feature[node]])
        }
        var splitValues: [Set<Double>] = Array(repeating: [], count: bounds.count)
        for node in 0..<n where !tree.isLeaf(node) { splitValues[tree.feature[node]].insert(tree.threshold[node]) }
        var midpoints: [[Double]] = []
        var widths: [[Double]] = []
        for (f, values) in splitValues.enumerated() {
            let edges = [bounds[f].low] + values.sorted() + [bounds[f].high]
            midpoints.append((1..<edges.count).map { 0.5 * (edges[$0] + edges[$0 - 1]) })
            widths.append((1..<edges.count).map { edges[$0] - edges[$0 - 1] })
        }
        let leaves = (0..<n).filter { tree.isLeaf($0) }
        let (leafMeans, leafVolumes) = (leaves.map { means[$0] }, leaves.map { volumes[$0] })
        let mean = Self.average(leafMeans, weights: leafVolumes)
        variance = Self.average(leafMeans.map { ($0 - mean) * ($0 - mean) }, weights: leafVolumes)
        (self.means, self.volumes, self.splitsBelow, self.midpoints, self.widths) = (means, volumes, splitsBelow, midpoints, widths)
    }

    /// The variance of the tree's prediction as a function of `features` alone, averaged over
    /// the others: each cell of the split grid of `features` weighted by its volume.
    func marginalVariance(_ features: [Int]) -> Double {
        var values: [Double] = []
        var weights: [Double] = []
        let active = activeFeatures(features)
        var scratch = Scratch(nodes: tree.count, features: features.count)
        var cell = Array(repeating: 0, count: features.count)
        let sizes = features.map { midpoints[$0].count }
        guard sizes.allSatisfy({ $0 > 0 }) else { return 0 }
        while true {
            let point = features.indices.map { midpoints[features[$0]][cell[$0]] }
            let (value, weight) = marginal(active, at: point, scratch: &scratch)
            values.append(value)
            weights.append(weight * features.indices.reduce(1) { $0 * widths[features[$1]][cell[$1]] })
            // The next cell, the last feature fastest (itertools.product's order).
            var i = features.count - 1
            while i >= 0 {
                cell[i] += 1
                if cell[i] < sizes[i] { break }
                cell[i] = 0
                i -= 1
            }
            if i < 0 { break }
        }
        let mean = Self.average(values, weights: weights)
        return Self.average(values.map { ($0 - mean) * ($0 - mean) }, weights: weights)
    }

    /// The prediction at `point` for `features`, averaged over every other feature, and the
    /// weight of the boxes it came from. `scratch` is reused between calls.
    private func marginal(_ active: ActiveFeatures, at point: [Double], scratch: inout Scratch) -> (Double, Double) {
        let k = point.count
        let (feature, threshold, left, right) = (tree.feature, tree.threshold, tree.left, tree.right)
        // Boxes hold the active features only: the others never narrow (Optuna sets them to [0, 1]).
        // The box of stack entry i is lows[i*k..<(i+1)*k], highs likewise.
        for i in 0..<k { (scratch.lows[i], scratch.highs[i]) = bounds[active.features[i]] }
        scratch.nodes[0] = 0
        var depth = 1
        var sum = 0.0
        var total = 0.0
        while depth > 0 {
            depth -= 1
            let node = scratch.nodes[depth]
            let box = depth * k
            let f = feature[node]
            if f >= 0 {
                let slot = active.slot[f]
                if slot >= 0 {
                    // The child the point falls in, in the narrowed box.
                    if point[slot] <= threshold[node] {
                        scratch.highs[box + slot] = threshold[node]
                        scratch.nodes[depth] = left[node]
                    } else {
                        scratch.lows[box + slot] = threshold[node]
                        scratch.nodes[depth] = right[node]
                    }
                    depth += 1
                    continue
                }
                if active.below[node] {
                    // Both children, in the same box.
                    for i in 0..<k {
                        scratch.lows[box + k + i] = scratch.lows[box + i]
                        scratch.highs[box + k + i] = scratch.highs[box + i]
                    }
                    scratch.nodes[depth] = left[node]
                    scratch.nodes[depth + 1] = right[node]
                    depth += 2
                    continue
                }
            }
            var volume = 1.0
            for i in 0..<k { volume *= scratch.highs[box + i] - scratch.lows[box + i] }
            let weight = volumes[node] / volume
            sum += means[node] * weight
            total += weight
        }
        return (sum / total, total)
    }

    /// Room for the traversal's stack: a tree's stack never holds more entries than it has nodes.
    struct Scratch {
        var nodes: [Int]
        var lows: [Double]
        var highs: [Double]

        init(nodes: Int, features: Int) {
            self.nodes = Array(repeating: 0, count: nodes + 1)
            lows = Array(repeating: 0, count: (nodes + 1) * features)
            highs = lows
        }
    }

    /// The features being marginalised: their slot per feature (−1 for the others), and per node
    /// whether a split at or below it uses one of them.
    struct ActiveFeatures {
        var features: [Int]
        var slot: [Int]
        var below: [Bool]
    }

    private func activeFeatures(_ features: [Int]) -> ActiveFeatures {
        var slot = Array(repeating: -1, count: bounds.count)
        for (i, f) in features.enumerated() { slot[f] = i }
        let below = splitsBelow.map { set in features.contains { set.contains($0) } }
        return ActiveFeatures(features: features, slot: slot, below: below)
    }

    /// numpy's `average(values, weights=weights)`.
    static func average(_ values: [Double], weights: [Double]) -> Double {
        var sum = 0.0
        var total = 0.0
        for (v, w) in zip(values, weights) {
            sum += v * w
            total += w
        }
        return sum / total
    }
}
