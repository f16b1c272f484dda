import Foundation
import SweepCore

/// The Tree-structured Parzen Estimator, with the behaviour and defaults of Optuna 5.0.0's
/// `TPESampler`. Spec:
/// `tpe:n_startup_trials=10,n_ei_candidates=24,multivariate=false,prior_weight=1.0,consider_endpoints=false`
/// (also `consider_magic_clip=true`).
///
/// Until `nStartupTrials` trials are complete or pruned, parameters are drawn at random. Then the
/// complete and pruned trials are split into a "below" group of the best `gamma(n)` =
/// min(⌈0.1 n⌉, 25) and an "above" group of the rest: complete trials rank by value; when fewer
/// than `gamma(n)` trials completed, pruned trials fill the group, those that reached a later step
/// first and, at the same step, the better last value first; failed trials are ignored. A Parzen
/// estimator l(x) is fitted to the below group and g(x) to the above group (one truncated
/// Gaussian per trial plus a prior kernel; categorical kernels put extra mass on the observed
/// choice; older trials weigh less when there are more than 25), `nEICandidates` candidates are
/// drawn from l, and the one with the largest l(x)/g(x) wins.
///
/// By default every parameter is modelled on its own (univariate). With `multivariate`, the
/// parameters that every complete and pruned trial has, from the same distribution, are modelled
/// jointly (one kernel per trial over all of them); the others stay univariate.
///
/// Differences from Optuna: running trials are not seen (no constant liar), and Optuna 5.0
/// defaults `multivariate` to true for single-objective studies while Sweep's spec default is
/// false.
public struct TPESampler: Sampler {
    /// Random sampling until this many trials are complete or pruned.
    public var nStartupTrials: Int
    /// Candidates drawn from l(x) per suggestion.
    public var nEICandidates: Int
    /// Model the shared parameters jointly.
    public var multivariate: Bool
    /// Weight of the prior kernel (≥ 0).
    public var priorWeight: Double
    /// Keep kernels at least range / min(100, kernels + 1) wide.
    public var considerMagicClip: Bool
    /// Let the range's ends widen the outermost kernels.
    public var considerEndpoints: Bool

    public init(
        nStartupTrials: Int = 10, nEICandidates: Int = 24, multivariate: Bool = false, priorWeight: Double = 1,
        considerMagicClip: Bool = true, considerEndpoints: Bool = false
    ) {
        self.nStartupTrials = max(nStartupTrials, 0)
        self.nEICandidates = max(nEICandidates, 1)
        self.multivariate = multivariate
        self.priorWeight = max(priorWeight, 0)
        self.considerMagicClip = considerMagicClip
        self.considerEndpoints = considerEndpoints
    }

    /// Size of the below group for `n` trials: min(⌈0.1 n⌉, 25), computed in floating point as
    /// Optuna does (so `gamma(30) == 4`).
    public static func gamma(_ n: Int) -> Int {
        min(Int((0.1 * Double(n)).rounded(.up)), 25)
    }

    /// Kernel weights for `n` observations in trial-number order: all ones up to 25; beyond that
    /// the oldest `n - 25` ramp up linearly from 1/n and the newest 25 weigh 1.
    public static func weights(_ n: Int) -> [Double] {
        guard n > 25 else { return [Double](repeating: 1, count: max(n, 0)) }
        let ramp = n - 25
        var w = [Double](repeating: 1, count: n)
        let start = 1 / Double(n)
        if ramp == 1 {
            w[0] = start
        } else {
            let delta = (1 - start) / Double(ramp - 1)
            for i in 0..<ramp { w[i] = start + Double(i) * delta }
            w[ramp - 1] = 1
        }
        return w
    }

    var options: ParzenOptions {
        ParzenOptions(priorWeight: priorWeight, considerMagicClip: considerMagicClip, considerEndpoints: considerEndpoints)
    }

    public func sample(_ space: SearchSpace, trialNumber: Int, seed: UInt64, study: StudyIndex) -> [String: ParamValue] {
        let trials = study.finished
        var usable: [Int] = []
        usable.reserveCapacity(trials.count)
        for (i, t) in trials.enumerated() {
            switch t.state {
            case .complete: if let v = t.value, !v.isNaN { usable.append(i) }
            case .pruned: usable.append(i)
            default: break
            }
        }
        if usable.count < nStartupTrials {
            return RandomSampler().sample(space, trialNumber: trialNumber, seed: seed, study: study)
        }
        usable.sort { trials[$0].number < trials[$1].number }
        let below = Self.splitBelow(trials, usable, study: study)

        var rng = samplerGenerator(seed, stream: 1)
        var work = Workspace()
        var values: [String: ParamValue] = [:]
        var remaining: [SearchSpace.Parameter] = []
        for p in space.parameters {
            if p.distribution.isSingle {
                values[p.name] = p.distribution.singleValue
            } else {
                remaining.append(p)
            }
        }

        if multivariate && !usable.isEmpty {
            let joint = remaining.filter { p in
                usable.allSatisfy { i in
                    let t = trials[i]
                    if let d = t.distributions[p.name], d != p.distribution { return false }
                    return internalValue(t, p.name, p.distribution) != nil
                }
            }
            if !joint.isEmpty {
                let chosen = suggest(joint, trials, usable, below, &work, &rng)
                for (p, x) in zip(joint, chosen) { values[p.name] = p.distribution.toExternal(x) }
                let names = Set(joint.map(\.name))
                remaining.removeAll { names.contains($0.name) }
            }
        }
        for p in remaining {
            let x = suggest([p], trials, usable, below, &work, &rng)[0]
            values[p.name] = p.distribution.toExternal(x)
        }
        return values
    }

    /// Buffers reused across the parameters of one suggestion.
    struct Workspace {
        var belowObservations: [Double] = []
        var aboveObservations: [Double] = []
        var candidates: [Double] = []
        var logBelow: [Double] = []
        var logAbove: [Double] = []
        var scratch: [Double] = []
    }

    /// Fits l and g over `parameters` (trials missing any of them are left out), draws candidates
    /// from l and returns the one maximising l/g, in internal representation.
    private func suggest(
        _ parameters: [SearchSpace.Parameter], _ trials: [Trial], _ usable: [Int], _ below: [Bool],
        _ work: inout Workspace, _ rng: inout SplitMix64
    ) -> [Double] {
        let dimensions = parameters.map { ParzenDimension($0.distribution) }
        let (nBelow, nAbove) = Self.observations(
            parameters, trials, usable, below, into: &work.belowObservations, &work.aboveObservations)
        let l = ParzenEstimator(
            observations: work.belowObservations, count: nBelow, weights: Self.weights(nBelow),
            dimensions: dimensions, options: options)
        let g = ParzenEstimator(
            observations: work.aboveObservations, count: nAbove, weights: Self.weights(nAbove),
            dimensions: dimensions, options: options)
        l.sample(count: nEICandidates, into: &work.candidates, using: &rng)
        l.logDensity(work.candidates, count: nEICandidates, into: &work.logBelow, scratch: &work.scratch)
        g.logDensity(work.candidates, count: nEICandidates, into: &work.logAbove, scratch: &work.scratch)
        var best = 0
        var bestScore = -Double.infinity
        for i in 0..<nEICandidates {
            let score = work.logBelow[i] - work.logAbove[i]
            if score > bestScore {
                bestScore = score
                best = i
            }
        }
        let d = dimensions.count
        return Array(work.candidates[best * d..<(best + 1) * d])
    }

    /// Column-major observations of the below and above groups (trial-number order), keeping the
    /// trials whose value for every parameter lies in its distribution.
    private static func observations(
        _ parameters: [SearchSpace.Parameter], _ trials: [Trial], _ usable: [Int], _ below: [Bool],
        into belowColumns: inout [Double], _ aboveColumns: inout [Double]
    ) -> (Int, Int) {
        let d = parameters.count
        var belowRows: [Double] = []
        var aboveRows: [Double] = []
        var row = [Double](repeating: 0, count: d)
        outer: for (j, i) in usable.enumerated() {
            let t = trials[i]
            for (c, p) in parameters.enumerated() {
                guard let x = internalValue(t, p.name, p.distribution) else { continue outer }
                row[c] = x
            }
            if below[j] { belowRows.append(contentsOf: row) } else { aboveRows.append(contentsOf: row) }
        }
        let nb = belowRows.count / max(d, 1)
        let na = aboveRows.count / max(d, 1)
        transpose(belowRows, rows: nb, columns: d, into: &belowColumns)
        transpose(aboveRows, rows: na, columns: d, into: &aboveColumns)
        return (nb, na)
    }

    private static func transpose(_ rows: [Double], rows n: Int, columns d: Int, into out: inout [Double]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(n * d)
        for c in 0..<d {
            for r in 0..<n { out.append(rows[r * d + c]) }
        }
    }

    /// For each usable trial (in `usable` order), whether it belongs to the below group.
    static func splitBelow(_ trials: [Trial], _ usable: [Int], study: StudyIndex) -> [Bool] {
        let direction = study.direction
        var complete: [Int] = []
        var pruned: [Int] = []
        for (j, i) in usable.enumerated() {
            if trials[i].state == .complete { complete.append(j) } else { pruned.append(j) }
        }
        var below = [Bool](repeating: false, count: usable.count)
        var quota = gamma(usable.count)

        if quota > 0 && !complete.isEmpty {
            // `usable` is in number order, so ties keep the lower number first, as Optuna's
            // stable sort does.
            let value = { (j: Int) -> Double in trials[usable[j]].value ?? .nan }
            complete.sort { a, b in
                let x = value(a)
                let y = value(b)
                if x != y { return direction.isBetter(x, than: y) }
                return a < b
            }
            for j in complete.prefix(quota) { below[j] = true }
            quota -= min(quota, complete.count)
        }
        if quota > 0 && !pruned.isEmpty {
            let objective = study.objective
            let keys: [Int: (Double, Double)] = Dictionary(uniqueKeysWithValues: pruned.map { j in
                (j, prunedScore(trials[usable[j]], objective: objective, direction: direction))
            })
            pruned.sort { a, b in
                let x = keys[a] ?? (1, 0)
                let y = keys[b] ?? (1, 0)
                if x != y { return x < y }
                return a < b
            }
            for j in pruned.prefix(quota) { below[j] = true }
        }
        return below
    }

    /// Optuna's rank of a pruned trial (smaller is better): the later its last step, the better;
    /// at the same step, the better its value there (NaN last). No report at all ranks last.
    static func prunedScore(_ trial: Trial, objective: String, direction: Direction) -> (Double, Double) {
        let curve = trial.curve(objective)
        guard let step = curve.lastStep, let value = curve.value(at: step) else { return (1, 0) }
        if value.isNaN { return (-Double(step), .infinity) }
        return (-Double(step), direction == .minimize ? value : -value)
    }
}
