import Foundation

/// A judge's answers: JSON lines `{"id": "q3", "answer": "B"}` (a letter for choice questions)
/// or `{"id": "q4", "answer": 120}` (a step number for step questions; a numeric string is
/// accepted too).
public enum QuizAnswers {
    /// One answer.
    public enum Answer: Sendable, Hashable {
        case letter(String)
        case step(Int)
    }

    /// Reads an answers file against the key: every line must be valid JSON with an `id` the key
    /// has (once) and an answer of the question's kind.
    public static func read(path: String, key: [QuizKeyEntry]) throws(QuizError) -> [String: Answer] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try parse(data, key: key, source: path)
    }

    /// Parses answers text; `source` names the file in errors.
    public static func parse(_ data: Data, key: [QuizKeyEntry], source: String = "<answers>") throws(QuizError) -> [String: Answer] {
        let questions = Dictionary(key.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var answers: [String: Answer] = [:]
        for (number, line) in QuizFiles.nonBlankLines(data) {
            guard let object = try? JSONDecoder().decode([String: CurveJSON].self, from: line) else {
                throw .malformed(source: source, line: number, reason: QuizText.badAnswerLine)
            }
            guard case .string(let id)? = object["id"] else {
                throw .malformed(source: source, line: number, reason: "missing or non-string \"id\"; " + QuizText.badAnswerLine)
            }
            guard let question = questions[id] else { throw .unknownQuestion(source: source, line: number, id: id) }
            guard let value = object["answer"] else {
                throw .malformed(source: source, line: number, reason: "missing \"answer\" for \(id); " + QuizText.badAnswerLine)
            }
            guard answers[id] == nil else {
                throw .malformed(source: source, line: number, reason: "a second answer for \(id); answer each question once")
            }
            answers[id] = try answer(value, to: question, source: source, line: number)
        }
        return answers
    }

    private static func answer(_ value: CurveJSON, to q: QuizKeyEntry, source: String, line: Int) throws(QuizError) -> Answer {
        if q.type.asksForStep {
            switch value {
            case .number(let x) where x.isFinite && x == x.rounded() && abs(x) < 1e15: return .step(Int(x))
            case .string(let s):
                if let n = Int(s.trimmingCharacters(in: .whitespaces)) { return .step(n) }
            default: break
            }
            throw .malformed(source: source, line: line, reason: "\(q.id) (\(q.type.rawValue)) expects a step number (an integer), got \(value)")
        }
        if case .string(let s) = value {
            let letter = s.trimmingCharacters(in: .whitespaces).uppercased()
            if q.options.contains(letter) { return .letter(letter) }
        }
        let listed = q.options.map { "\"\($0)\"" }.joined(separator: ", ")
        throw .malformed(source: source, line: line, reason: "\(q.id) (\(q.type.rawValue)) expects one of \(listed), got \(value)")
    }
}

extension QuizText {
    static let badAnswerLine = "expected a JSON object a line: {\"id\": \"q1\", \"answer\": \"B\"} or {\"id\": \"q2\", \"answer\": 120}"
}
