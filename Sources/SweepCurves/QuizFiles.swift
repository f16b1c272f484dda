import Foundation

/// The quiz's files: questions (JSON lines, one ``QuizQuestion`` a line, no answers) and the
/// answer key (JSON lines, one ``QuizKeyEntry`` a line). A judge gets only the questions file.
public enum QuizFiles {
    /// The questions as JSON lines.
    public static func encodeQuestions(_ quiz: CurveQuiz) -> Data { lines(quiz.questions) }

    /// The answer key as JSON lines.
    public static func encodeKey(_ quiz: CurveQuiz) -> Data { lines(quiz.key) }

    /// The key file's default path beside a questions file: `quiz.jsonl` → `quiz.key.jsonl`.
    public static func defaultKeyPath(forQuestions path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        guard !ext.isEmpty else { return path + ".key" }
        return url.deletingPathExtension().path + ".key." + ext
    }

    /// Reads an answer key file. A questions file (lines without answers) is refused.
    public static func readKey(path: String) throws(QuizError) -> [QuizKeyEntry] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try parseKey(data, source: path)
    }

    /// Parses answer key text; `source` names the file in errors.
    public static func parseKey(_ data: Data, source: String = "<key>") throws(QuizError) -> [QuizKeyEntry] {
        var entries: [QuizKeyEntry] = []
        var seen = Set<String>()
        for (number, line) in nonBlankLines(data) {
            if let question = try? JSONDecoder().decode(QuizQuestion.self, from: line), !question.prompt.isEmpty {
                throw .notAKey(source: source)
            }
            let entry: QuizKeyEntry
            do {
                entry = try JSONDecoder().decode(QuizKeyEntry.self, from: line)
            } catch {
                throw .malformed(source: source, line: number, reason: QuizText.badKeyLine)
            }
            guard entry.answer != nil || entry.answerStep != nil else {
                throw .malformed(source: source, line: number, reason: QuizText.badKeyLine)
            }
            guard seen.insert(entry.id).inserted else {
                throw .malformed(source: source, line: number, reason: "question id '\(entry.id)' appears twice")
            }
            entries.append(entry)
        }
        return entries
    }

    /// The non-blank lines of `data` with their 1-based numbers.
    static func nonBlankLines(_ data: Data) -> [(Int, Data)] {
        var out: [(Int, Data)] = []
        for (k, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            out.append((k + 1, Data(line)))
        }
        return out
    }

    private static func lines<T: Encodable>(_ values: [T]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        for value in values {
            // Plain values with finite numbers always encode.
            if let line = try? encoder.encode(value) {
                out.append(line)
                out.append(UInt8(ascii: "\n"))
            }
        }
        return out
    }
}

extension QuizText {
    static let badKeyLine = "expected an answer key line {\"id\": ..., \"type\": ..., \"options\": [...], \"curves\": [...], \"answer\" or \"answer_step\": ...}"
}

extension QuizFiles {
    /// Reads the answer key given either the key file or the questions file with its key beside
    /// it at ``defaultKeyPath(forQuestions:)``.
    public static func readKey(quizOrKeyPath path: String) throws(QuizError) -> [QuizKeyEntry] {
        do {
            return try readKey(path: path)
        } catch .notAKey(let source) {
            let beside = defaultKeyPath(forQuestions: path)
            guard FileManager.default.fileExists(atPath: beside) else { throw .notAKey(source: source) }
            return try readKey(path: beside)
        }
    }
}
