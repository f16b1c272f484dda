import SweepCore

/// How a study file's settings differ from those its study was stored with, one change per
/// setting or parameter:
///
/// ```
/// parameter 'lr': stored float:0.001:0.1:log, file float:0.001:1:log
/// pruner: stored median, file hyperband
/// ```
///
/// `sweep run --force` applies the changes that keep every stored trial valid (a new sampler or
/// pruner, a wider range, a new parameter, more choices appended); the others (direction,
/// metric, value rule, seed, a narrower or retyped parameter, a removed one) need a new study
/// name.
public struct StudyFileDifference: Sendable, Hashable {
    /// One setting that differs.
    public enum Change: Sendable, Hashable, CustomStringConvertible {
        case direction(stored: Direction, file: Direction)
        case metric(stored: String, file: String)
        case value(stored: TrialValue, file: TrialValue)
        case seed(stored: UInt64, file: UInt64)
        case sampler(stored: String, file: String)
        case pruner(stored: String, file: String)
        case parameterAdded(name: String, file: Distribution)
        case parameterRemoved(name: String, stored: Distribution)
        case parameterChanged(name: String, stored: Distribution, file: Distribution)

        public var description: String {
            switch self {
            case .direction(let stored, let file): return "direction: stored \(stored.rawValue), file \(file.rawValue)"
            case .metric(let stored, let file): return "metric: stored \(stored), file \(file)"
            case .value(let stored, let file): return "value: stored \(stored), file \(file)"
            case .seed(let stored, let file): return "seed: stored \(stored), file \(file)"
            case .sampler(let stored, let file): return "sampler: stored \(stored), file \(file)"
            case .pruner(let stored, let file): return "pruner: stored \(stored), file \(file)"
            case .parameterAdded(let name, let file): return "parameter '\(name)': not stored, file \(file)"
            case .parameterRemoved(let name, let stored): return "parameter '\(name)': stored \(stored), not in the file"
            case .parameterChanged(let name, let stored, let file): return "parameter '\(name)': stored \(stored), file \(file)"
            }
        }

        /// True when every stored trial stays valid under the file's setting, so `--force` may
        /// apply it.
        public var canApply: Bool {
            switch self {
            case .sampler, .pruner, .parameterAdded: return true
            case .direction, .metric, .value, .seed, .parameterRemoved: return false
            case .parameterChanged(_, let stored, let file): return StudyFileDifference.widens(stored, to: file)
            }
        }
    }

    /// The changes in a stable order: study settings, then parameters in the file's order, then
    /// parameters only the stored study has.
    public let changes: [Change]

    public var isEmpty: Bool { changes.isEmpty }

    /// The changes from `stored` to `file`. Spec texts are compared after trimming.
    public init(stored: StudyConfig, file: StudyConfig) {
        var changes: [Change] = []
        if stored.direction != file.direction { changes.append(.direction(stored: stored.direction, file: file.direction)) }
        if stored.objective != file.objective { changes.append(.metric(stored: stored.objective, file: file.objective)) }
        if stored.value != file.value { changes.append(.value(stored: stored.value, file: file.value)) }
        if stored.seed != file.seed { changes.append(.seed(stored: stored.seed, file: file.seed)) }
        let sampler = (stored.sampler.trimmedSpaces, file.sampler.trimmedSpaces)
        if sampler.0 != sampler.1 { changes.append(.sampler(stored: sampler.0, file: sampler.1)) }
        let pruner = (stored.pruner.trimmedSpaces, file.pruner.trimmedSpaces)
        if pruner.0 != pruner.1 { changes.append(.pruner(stored: pruner.0, file: pruner.1)) }
        for p in file.space.parameters {
            guard let old = stored.space[p.name] else {
                changes.append(.parameterAdded(name: p.name, file: p.distribution))
                continue
            }
            if old != p.distribution { changes.append(.parameterChanged(name: p.name, stored: old, file: p.distribution)) }
        }
        for p in stored.space.parameters where file.space[p.name] == nil {
            changes.append(.parameterRemoved(name: p.name, stored: p.distribution))
        }
        self.changes = changes
    }

    /// The changes `--force` cannot apply.
    public var blocking: [Change] { changes.filter { !$0.canApply } }

    /// Why the study file is refused, listing each change and the way out.
    public func refusal(study name: String, forced: Bool) -> String {
        let list = changes.map { "  \($0)" }.joined(separator: "\n")
        guard forced else {
            let way = blocking.isEmpty
                ? "run with --force to store and use the file's settings (noted in the research log), or give the study a new name"
                : "give the study a new name (these changes would make its stored trials wrong)"
            return "study '\(name)' already exists with other settings than the study file:\n\(list)\n\(way)"
        }
        let blocked = blocking.map { "  \($0)" }.joined(separator: "\n")
        return "study '\(name)': --force cannot apply these changes without making stored trials wrong:\n\(blocked)\ngive the study a new name"
    }

    /// True when every value `stored` allows is allowed by `file` with the same internal
    /// representation: a float or int range that only grows (same scale and step grid), or
    /// categorical choices with new ones appended.
    static func widens(_ stored: Distribution, to file: Distribution) -> Bool {
        switch (stored, file) {
        case (.float(let a), .float(let b)):
            guard a.log == b.log, a.step == b.step, b.low <= a.low, b.high >= a.high else { return false }
            guard let step = a.step else { return true }
            let k = (a.low - b.low) / step
            return abs(k - k.rounded()) < 1e-8
        case (.int(let a), .int(let b)):
            return a.log == b.log && a.step == b.step && b.low <= a.low && b.high >= a.high && (a.low - b.low) % a.step == 0
        case (.categorical(let a), .categorical(let b)):
            return b.choices.count >= a.choices.count && Array(b.choices.prefix(a.choices.count)) == a.choices
        default:
            return false
        }
    }
}
