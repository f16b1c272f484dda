import SweepCore

/// Reads a pruner spec's parameters with Optuna's names, types and ranges. Every error names the
/// parameter, what was expected and what was given: `percentile must be in [0, 100], got '150'`.
struct PrunerParameters {
    let spec: Spec

    /// Rejects parameters not in `allowed`.
    init(_ spec: Spec, allowed: [String]) throws(SweepError) {
        self.spec = spec
        _ = try SpecReader(spec, allowed: allowed)
    }

    func failure(_ key: String, _ expected: String, got text: String) -> SweepError {
        .invalidSpec(spec: spec.text, reason: "\(key) must be \(expected), got '\(text)'")
    }

    func missing(_ key: String, _ expected: String) -> SweepError {
        .invalidSpec(spec: spec.text, reason: "\(key) is required for '\(spec.name)' (\(expected)), got nothing")
    }

    /// An integer `>= min`; `fallback` when absent.
    func int(_ key: String, default fallback: Int, min: Int) throws(SweepError) -> Int {
        guard spec.value(key) != nil else { return fallback }
        return try requiredInt(key, min: min)
    }

    /// An integer `>= min` that must be given.
    func requiredInt(_ key: String, min: Int) throws(SweepError) -> Int {
        let expected = "an integer >= \(min)"
        guard let text = spec.value(key) else { throw missing(key, expected) }
        guard let v = Int(text), v >= min else { throw failure(key, expected, got: text) }
        return v
    }

    /// A number in `range` (written like `[0, 100]` in messages); `fallback` when absent.
    func double(_ key: String, default fallback: Double, in range: ClosedRange<Double>) throws(SweepError) -> Double {
        guard spec.value(key) != nil else { return fallback }
        return try requiredDouble(key, in: range)
    }

    /// A number in `range` that must be given.
    func requiredDouble(_ key: String, in range: ClosedRange<Double>) throws(SweepError) -> Double {
        let expected = Self.describe(range)
        guard let text = spec.value(key) else { throw missing(key, "a number \(expected)") }
        guard let v = Double(text), !v.isNaN else { throw failure(key, "a number \(expected)", got: text) }
        guard range.contains(v) else { throw failure(key, expected, got: text) }
        return v
    }

    /// A number `>= min`; `fallback` when absent.
    func double(_ key: String, default fallback: Double, min: Double) throws(SweepError) -> Double {
        guard let text = spec.value(key) else { return fallback }
        guard let v = Double(text), !v.isNaN, v >= min else {
            throw failure(key, "a number >= \(formatNumber(min))", got: text)
        }
        return v
    }

    /// Any number (infinities included), or nil when absent.
    func optionalDouble(_ key: String) throws(SweepError) -> Double? {
        guard let text = spec.value(key) else { return nil }
        guard let v = Double(text), !v.isNaN else { throw failure(key, "a number", got: text) }
        return v
    }

    /// `auto` (nil) or an integer `>= min`; `fallback` when absent.
    func intOrAuto(_ key: String, default fallback: Int?, min: Int) throws(SweepError) -> Int? {
        guard let text = spec.value(key) else { return fallback }
        if text == "auto" { return nil }
        guard let v = Int(text), v >= min else { throw failure(key, "'auto' or an integer >= \(min)", got: text) }
        return v
    }

    /// The pruner named by `key` (for example `wrapped=median:n_warmup_steps=5`), or nil when absent.
    func pruner(_ key: String) throws(SweepError) -> (any Pruner)? {
        guard let text = spec.value(key) else { return nil }
        guard !text.isEmpty else { throw failure(key, "a pruner spec such as 'median'", got: text) }
        do {
            return try Pruners.make(parsing: text)
        } catch {
            let reason: String
            switch error {
            case .invalidSpec(_, let inner): reason = inner
            default: reason = error.description
            }
            throw .invalidSpec(spec: spec.text, reason: "\(key) '\(text)' is not a valid pruner: \(reason)")
        }
    }

    /// Runs a validating initializer, reporting its `invalidArgument` errors against this spec.
    func build<P>(_ make: () throws(SweepError) -> P) throws(SweepError) -> P {
        do {
            return try make()
        } catch {
            if case .invalidArgument(let message) = error { throw .invalidSpec(spec: spec.text, reason: message) }
            throw error
        }
    }

    static func describe(_ range: ClosedRange<Double>) -> String {
        "in [\(formatNumber(range.lowerBound)), \(formatNumber(range.upperBound))]"
    }
}

/// Throws `SweepError.invalidArgument` with "`key` must be `expected`, got `got`" unless `condition`.
func require(_ condition: Bool, _ key: String, _ expected: String, got: CustomStringConvertible) throws(SweepError) {
    guard condition else { throw .invalidArgument("\(key) must be \(expected), got \(got)") }
}

/// Optuna's `_is_first_in_interval_step`: true when `step` (the trial's largest step) is the first
/// report at or after the latest pruning checkpoint, the checkpoints being
/// `n_warmup_steps + k * interval_steps`. A report skipped over a checkpoint postpones that check to
/// the next report.
public func isFirstReportInInterval(_ step: Int, of curve: MetricCurve, warmupSteps: Int, intervalSteps: Int) -> Bool {
    let checkpoint = (step - warmupSteps) / intervalSteps * intervalSteps + warmupSteps
    return previousStep(before: step, in: curve) < checkpoint
}

/// The largest reported step other than `step`, or -1.
func previousStep(before step: Int, in curve: MetricCurve) -> Int {
    let steps = curve.steps
    var i = steps.count - 1
    while i >= 0, steps[i] == step { i -= 1 }
    return i >= 0 ? steps[i] : -1
}

/// numpy's `nanmax` (maximize) or `nanmin` (minimize) of a slice: NaN when every value is NaN.
func nanBest<C: Collection>(_ values: C, _ direction: Direction) -> Double where C.Element == Double {
    var best = Double.nan
    for v in values where !v.isNaN {
        if best.isNaN || direction.isBetter(v, than: best) { best = v }
    }
    return best
}
