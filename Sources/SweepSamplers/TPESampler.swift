import Foundation
import SweepCore

/// The Tree-structured Parzen Estimator, with the behaviour and defaults of Optuna 5.0.0's
/// `TPESampler`. Spec:
/// `tpe:n_startup_trials=10,n_ei_candidates=24,multivariate=true,prior_weight=1.0,consider_endpoints=false`
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
/// By default (as in Optuna 5.0 for single-objective studies) the parameters that every complete
/// and pruned trial has, from the same distribution, are modelled jointly (one kernel per trial
/// over all of them); the others stay univariate. With `multivariate=false` every parameter is
/// modelled on its own.
///
/// Difference from Optuna: running trials are not seen (no constant liar).
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
        nStartupTrials: Int = 10, nEICandidates: Int = 24, multivariate: Bool = true, priorWeight: Double = 1,
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
    /// Optuna does.
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
        for i in trials.indices {
            switch trials[i].state {
            case .complete: if let v = trials[i].value, !v.isNaN { usable.append(i) }
            case .pruned: usable.append(i)
            default: break
            }
        }
        if usable.count < nStartupTrials {
            return RandomSampler().sample(space, trialNumber: trialNumber, seed: seed, study: study)
        }
        usable.sort { trials[$0].number < trials[$1].number }
        let below = Self.splitBelow(trials, usable, study: study)

        var values: [String: ParamValue] = [:]
        var searched: [SearchSpace.Parameter] = []
        for p in space.parameters {
            if p.distribution.isSingle {
                values[p.name] = p.distribution.singleValue
            } else {
                searched.append(p)
            }
        }
        guard !searched.isEmpty else { return values }
        let history = History(searched, trials, usable, below, checkDistributions: multivariate)

        var rng = samplerGenerator(seed, stream: 1)
        var work = Workspace()
        var independent = Array(searched.indices)
        if multivariate && !usable.isEmpty {
            let joint = independent.filter { history.sharedByAll[$0] }
            if !joint.isEmpty {
                let chosen = suggest(joint, history, &work, &rng)
                for (c, x) in zip(joint, chosen) { values[searched[c].name] = searched[c].distribution.toExternal(x) }
                independent.removeAll { history.sharedByAll[$0] }
            }
        }
        for c in independent {
            let x = suggest([c], history, &work, &rng)[0]
            values[searched[c].name] = searched[c].distribution.toExternal(x)
        }
        return values
    }

    /// The searched parameters' values in the usable trials, read once per suggestion: a
    /// column-major matrix (`values[c * count + j]`, NaN where a trial lacks the parameter or its
    /// value lies outside the distribution) and the below/above split.
    struct History {
        let parameters: [SearchSpace.Parameter]
        let dimensions: [ParzenDimension]
        let count: Int
        let values: [Double]
        let below: [Bool]
        /// Per parameter: every usable trial has it, from the same distribution (multivariate).
        let sharedByAll: [Bool]

        init(
            _ parameters: [SearchSpace.Parameter], _ trials: [Trial], _ usable: [Int], _ below: [Bool],
            checkDistributions: Bool
        ) {
            self.parameters = parameters
            dimensions = parameters.map { ParzenDimension($0.distribution) }
            count = usable.count
            self.below = below
            let n = usable.count
            var values = [Double](repeating: .nan, count: parameters.count * n)
            var shared = [Bool](repeating: true, count: parameters.count)
            for (j, i) in usable.enumerated() {
                let params = trials[i].params
                for (c, p) in parameters.enumerated() {
                    if let v = params[p.name], let x = p.distribution.toInternal(v) {
                        values[c * n + j] = x
                        if checkDistributions && shared[c], let d = trials[i].distributions[p.name], d != p.distribution {
                            shared[c] = false
                        }
                    } else {
                        shared[c] = false
                    }
                }
            }
            self.values = values
            sharedByAll = shared
        }
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

    /// Fits l and g over the history's columns `columns` (trials missing any of them are left
    /// out), draws candidates from l and returns the one maximising l/g, in internal
    /// representation.
    private func suggest(
        _ columns: [Int], _ history: History, _ work: inout Workspace, _ rng: inout SplitMix64
    ) -> [Double] {
        let dimensions = columns.map { history.dimensions[$0] }
        let (nBelow, nAbove) = Self.observations(
            columns, history, into: &work.belowObservations, &work.aboveObservations)
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
    /// trials that have every one of `columns`.
    private static func observations(
        _ columns: [Int], _ history: History, into belowOut: inout [Double], _ aboveOut: inout [Double]
    ) -> (Int, Int) {
        let n = history.count
        belowOut.removeAll(keepingCapacity: true)
        aboveOut.removeAll(keepingCapacity: true)
        var keep = [Bool](repeating: true, count: n)
        var nBelow = 0
        var nAbove = 0
        history.values.withUnsafeBufferPointer { values in
            for j in 0..<n {
                for c in columns where values[c * n + j].isNaN {
                    keep[j] = false
                    break
                }
                if keep[j] {
                    if history.below[j] { nBelow += 1 } else { nAbove += 1 }
                }
            }
            belowOut.reserveCapacity(nBelow * columns.count)
            aboveOut.reserveCapacity(nAbove * columns.count)
            for c in columns {
                let column = c * n
                for j in 0..<n where keep[j] {
                    if history.below[j] { belowOut.append(values[column + j]) } else { aboveOut.append(values[column + j]) }
                }
            }
        }
        return (nBelow, nAbove)
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
            let value = complete.map { trials[usable[$0]].value ?? .nan }
            var order = Array(complete.indices)
            order.sort { a, b in
                let x = value[a]
                let y = value[b]
                if x != y { return direction.isBetter(x, than: y) }
                return a < b
            }
            complete = order.map { complete[$0] }
            for j in complete.prefix(quota) { below[j] = true }
            quota -= min(quota, complete.count)
        }
        if quota > 0 && !pruned.isEmpty {
            let objective = study.objective
            let keys = pruned.map { prunedScore(trials[usable[$0]], objective: objective, direction: direction) }
            var order = Array(pruned.indices)
            order.sort { a, b in
                let x = keys[a]
                let y = keys[b]
                if x != y { return x < y }
                return a < b
            }
            pruned = order.map { pruned[$0] }
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
