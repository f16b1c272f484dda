import Foundation
import SweepCore

/// The attributes an export adds for what Optuna has no column for, and an import reads back, so
/// that a study exported and imported again is the same study.
///
/// - `sweep:curve:NAME` (trial user attribute): a metric's curve other than the objective's,
///   `{"steps": [...], "values": [...]}`.
/// - `sweep:notes` (study and trial user attribute): the notes, `[{"time": SECONDS, "text": ...}]`
///   with times in seconds since 1970.
/// - `sweep:study` (study system attribute): `{"objective", "sampler", "pruner", "seed" (decimal
///   text), "space": [[NAME, DISTRIBUTION], ...]}` with distributions in Optuna's JSON.
public enum SweepKeys {
    public static let curvePrefix = "sweep:curve:"
    public static let notes = "sweep:notes"
    public static let study = "sweep:study"

    /// A curve as its attribute value.
    static func json(_ curve: MetricCurve) -> PythonJSON {
        let pairs = curve.sortedPairs
        return .object(["steps": .array(pairs.map { .int($0.step) }), "values": .array(pairs.map { .float($0.value) })])
    }

    /// A curve from its attribute value; nil when it is not one.
    static func curve(_ json: PythonJSON) -> MetricCurve? {
        guard case .object(let o) = json, case .array(let steps)? = o["steps"], case .array(let values)? = o["values"],
            steps.count == values.count
        else { return nil }
        var stepNumbers: [Int] = []
        var numbers: [Double] = []
        for (step, value) in zip(steps, values) {
            guard case .int(let s) = step, let v = value.number else { return nil }
            stepNumbers.append(s)
            numbers.append(v)
        }
        return MetricCurve(steps: stepNumbers, values: numbers)
    }

    static func json(_ notes: [Note]) -> PythonJSON {
        .array(notes.map { .object(["time": .float($0.time.timeIntervalSince1970), "text": .string($0.text)]) })
    }

    static func notes(_ json: PythonJSON) -> [Note]? {
        guard case .array(let items) = json else { return nil }
        var notes: [Note] = []
        for item in items {
            guard case .object(let o) = item, let time = o["time"]?.number, case .string(let text)? = o["text"] else { return nil }
            notes.append(Note(time: Date(timeIntervalSince1970: time), text: text))
        }
        return notes
    }

    static func json(_ config: StudyConfig) -> PythonJSON {
        let space = config.space.parameters.map { p -> PythonJSON in
            .array([.string(p.name), (try? PythonJSON(parsing: OptunaDistribution.json(p.distribution))) ?? .null])
        }
        return .object([
            "objective": .string(config.objective), "sampler": .string(config.sampler), "pruner": .string(config.pruner),
            "seed": .string(String(config.seed)), "space": .array(space),
        ])
    }

    /// Fills `config` from the attribute; false (changing nothing) when it is not one.
    static func read(_ json: PythonJSON, into config: inout StudyConfig) -> Bool {
        guard case .object(let o) = json, case .string(let objective)? = o["objective"], case .string(let sampler)? = o["sampler"],
            case .string(let pruner)? = o["pruner"], case .string(let seedText)? = o["seed"], let seed = UInt64(seedText),
            case .array(let spaceItems)? = o["space"], (try? Spec(parsing: sampler)) != nil, (try? Spec(parsing: pruner)) != nil
        else { return false }
        var space = SearchSpace()
        for item in spaceItems {
            guard case .array(let pair) = item, pair.count == 2, case .string(let name) = pair[0],
                let distribution = try? OptunaDistribution.parse(pair[1].text)
            else { return false }
            space.set(name, distribution)
        }
        config.objective = objective
        config.sampler = sampler
        config.pruner = pruner
        config.seed = seed
        config.space = space
        return true
    }
}
