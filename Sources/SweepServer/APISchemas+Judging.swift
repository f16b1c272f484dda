import SweepCore

// The judging routes' shapes (`JudgeAPI`): questions judges wait on, answers, pairwise labels.
extension APISchemas {
    static let checkpoint = object(
        [
            "id": type("integer"), "trial": type("integer"), "step": type("integer"), "brief": string, "asked": time,
            "deadline": time, "status": oneOf(["open", "prune", "continue"]), "reason": string, "answered_by": string,
            "answered": time,
        ], required: ["id", "trial", "step", "brief", "asked", "deadline", "status"])

    static let checkpoints = array(checkpoint)

    /// `{"prune": true, "reason": "flat", "by": "ada"}`.
    static let answerBody = object(
        [
            "prune": type("boolean"),
            "reason": .object(["type": .array([.string("string"), .string("null")]), "maxLength": .number(Double(JudgeAPI.maxText))]),
            "by": .object(["type": .array([.string("string"), .string("null")]), "maxLength": .number(Double(JudgeAPI.maxText))]),
        ], required: ["prune"], closed: true)

    static let label = object(
        [
            "id": type("integer"), "first": type("integer"), "second": type("integer"),
            "choice": oneOf(PairChoice.allCases.map(\.rawValue)), "by": string, "time": time,
        ], required: ["id", "first", "second", "choice", "by", "time"])

    static let labels = array(label)

    /// `{"first": 3, "second": 7, "choice": "second", "by": "ada"}`.
    static let labelBody = object(
        [
            "first": count, "second": count, "choice": oneOf(PairChoice.allCases.map(\.rawValue)),
            "by": .object(["type": .array([.string("string"), .string("null")]), "maxLength": .number(Double(JudgeAPI.maxText))]),
        ], required: ["first", "second", "choice"], closed: true)

    static let pair = object(["first": type("integer"), "second": type("integer")], required: ["first", "second"])
}
