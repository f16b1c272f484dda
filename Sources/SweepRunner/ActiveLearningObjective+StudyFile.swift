import SweepActiveLearning
import SweepCore

extension ActiveLearningObjective {
    /// The objective a study file's `[objective.options]` describe (see the type's comment);
    /// `resolve` makes a CSV path relative to the study file's folder.
    static func make(_ options: [String: String], rounds: Int?, resolve: (String) -> String, metric: String) throws(SweepError) -> ActiveLearningObjective {
        guard let dataText = options["data"] else {
            throw .invalidArgument("the active_learning objective needs options.data: a CSV file (e.g. \"digits.csv\") or a pool (e.g. \"moons:n=500\")")
        }
        func count(_ key: String, _ fallback: Int) throws(SweepError) -> Int {
            guard let text = options[key] else { return fallback }
            guard let v = Int(text), v >= 1 else { throw .invalidArgument("objective.options.\(key) must be an integer >= 1, got '\(text)'") }
            return v
        }
        var lab: ActiveLearningOptions
        do {
            lab = try ActiveLearningOptions(data: dataText, model: options["model"] ?? "logreg", strategy: options["strategy"] ?? "margin")
        } catch {
            throw sweepError(error)
        }
        if case .csv(let path) = lab.data { lab.data = .csv(path: resolve(path)) }
        lab.initial = try count("initial", 10)
        lab.batch = try count("batch", 10)
        lab.seeds = try count("runs", 3)
        lab.rounds = rounds ?? 20
        if let text = options["trace"] {
            guard let v = Int(text), v >= 0 else { throw .invalidArgument("objective.options.trace must be an integer >= 0 (test points to trace), got '\(text)'") }
            lab.trace = v
        }
        if let text = options["test_fraction"] {
            guard let f = Double(text), f > 0, f < 1 else {
                throw .invalidArgument("objective.options.test_fraction must be a number between 0 and 1, got '\(text)'")
            }
            lab.testFraction = f
        }
        return try ActiveLearningObjective(options: lab, metric: metric)
    }
}
