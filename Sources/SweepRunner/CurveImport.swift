import Foundation
import SweepCore
import SweepCurves

/// A curve dataset as a study of finished trials (`sweep import curves`): old runs, the judge
/// benchmark's corpus or a dashboard fixture, in one bulk load (`Storage.importTrials`).
///
/// Each line becomes one trial in file order: its `curve` the objective metric's, its `metrics`
/// more curves at the same steps, its numbers and strings in `params` its parameters (whole numbers
/// as integers), its value the study's rule on the curve (complete; failed when there is none),
/// its id, group and labels user attributes (`source_id`, `group`, `labels`). The study's space
/// is inferred from the values: a float or integer range, or the choices seen.
public enum CurveImport {
    /// The study a dataset becomes.
    public static func config(
        _ records: [CurveRecord], name: String, metric: String, direction: Direction, value: TrialValue
    ) throws -> StudyConfig {
        StudyConfig(
            name: name, direction: direction, objective: metric, sampler: "random", pruner: "nop", space: try space(records),
            value: value)
    }

    /// The trials, in file order.
    public static func drafts(_ records: [CurveRecord], config: StudyConfig, finished: Date = Date()) -> [FinishedTrialDraft] {
        let distributions = config.space.distributions
        return records.map { record in
            let steps = record.curve.indices.map(record.step(at:))
            var metrics = [config.objective: MetricCurve(steps: steps, values: record.curve)]
            for (name, values) in record.metrics where name != config.objective {
                let own = values.count == steps.count ? steps : Array(values.indices)
                metrics[name] = MetricCurve(steps: own, values: values)
            }
            let value = config.value.value(of: metrics[config.objective]!, direction: config.direction)
            let usable = value.map { !$0.isNaN } ?? false
            var attributes: [String: JSONValue] = ["source_id": .string(record.id)]
            if let group = record.group { attributes["group"] = .string(group) }
            if !record.labels.isEmpty { attributes["labels"] = JudgeBrief.jsonValue(.object(record.labels)) }
            let params = record.params.compactMapValues(paramValue)
            return FinishedTrialDraft(
                params: params, distributions: distributions.filter { params[$0.key] != nil },
                state: usable ? .complete : .failed, value: usable ? value : nil, metrics: metrics,
                userAttributes: attributes, finished: finished)
        }
    }

    /// A parameter as Sweep keeps it: whole numbers as integers, other numbers, strings and
    /// booleans as they are; nil for null, arrays and objects.
    static func paramValue(_ value: CurveJSON) -> ParamValue? {
        switch value {
        case .number(let d) where d.rounded() == d && abs(d) < 9e15: return .int(Int(d))
        case .number(let d): return .double(d)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        default: return nil
        }
    }

    /// Each parameter's range or choices over the dataset.
    static func space(_ records: [CurveRecord]) throws -> SearchSpace {
        var seen: [String: [ParamValue]] = [:]
        var order: [String] = []
        for record in records {
            for (name, json) in record.params.sorted(by: { $0.key < $1.key }) {
                guard let value = paramValue(json) else { continue }
                if seen[name] == nil { order.append(name) }
                seen[name, default: []].append(value)
            }
        }
        var space = SearchSpace()
        for name in order {
            let values = seen[name] ?? []
            let numbers = values.compactMap(\.doubleValue)
            if numbers.count == values.count, let low = numbers.min(), let high = numbers.max() {
                if values.allSatisfy({ if case .int = $0 { true } else { false } }) {
                    space.set(name, .int(try IntDistribution(low: Int(low), high: Int(high))))
                } else {
                    space.set(name, .float(try FloatDistribution(low: low, high: high)))
                }
            } else {
                var choices: [ParamValue] = []
                for v in values where !choices.contains(v) { choices.append(v) }
                space.set(name, .categorical(try CategoricalDistribution(choices)))
            }
        }
        return space
    }
}
