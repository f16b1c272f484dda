import SweepCore

extension TensorBoardExport {
    /// Every parameter of the study's space and of the trials, by name: its type and domain from
    /// its distribution (a range is an interval, a categorical's choices are discrete values), or,
    /// for a parameter no distribution describes, from the values the trials took.
    static func infos(study: StudyRecord, trials: [Trial]) -> [TensorBoardHParams.Info] {
        var distributions = study.config.space.distributions
        var values: [String: [ParamValue]] = [:]
        for trial in trials {
            for (name, distribution) in trial.distributions where distributions[name] == nil { distributions[name] = distribution }
            for (name, value) in trial.params { values[name, default: []].append(value) }
        }
        let names = Set(distributions.keys).union(values.keys).sorted()
        return names.map { name in
            let seen = values[name] ?? []
            let differs = Set(seen).count > 1
            switch distributions[name] {
            case .float(let d)?:
                return .init(name: name, type: .float64, domain: interval(d.low, d.high, seen), differs: differs)
            case .int(let d)?:
                return .init(name: name, type: .float64, domain: interval(Double(d.low), Double(d.high), seen), differs: differs)
            case .categorical(let d)?:
                let type = type(of: d.choices)
                return .init(name: name, type: type, domain: .discrete(d.choices.map { hparamValue($0, as: type) }), differs: differs)
            case nil:
                let type = type(of: seen)
                let numbers = seen.compactMap(\.doubleValue).filter(\.isFinite)
                let domain: TensorBoardHParams.Domain? =
                    type == .float64 ? numbers.min().map { .interval(min: $0, max: numbers.max() ?? $0) } : nil
                return .init(name: name, type: type, domain: domain, differs: differs)
            }
        }
    }

    /// A range widened, when needed, to the finite values the trials took (an imported trial may
    /// lie outside the study's space).
    private static func interval(_ low: Double, _ high: Double, _ seen: [ParamValue]) -> TensorBoardHParams.Domain {
        let numbers = seen.compactMap(\.doubleValue).filter(\.isFinite)
        return .interval(min: min(low, numbers.min() ?? low), max: max(high, numbers.max() ?? high))
    }

    /// One type for values of a parameter: numbers, booleans, or (strings and mixtures) strings.
    private static func type(of values: [ParamValue]) -> TensorBoardHParams.DataType {
        if !values.isEmpty && values.allSatisfy({ $0.doubleValue != nil }) { return .float64 }
        if !values.isEmpty && values.allSatisfy({ if case .bool = $0 { true } else { false } }) { return .bool }
        return .string
    }
}
