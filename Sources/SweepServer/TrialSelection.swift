import Foundation

/// The trials a compare page shows, from `?trials=3,7,12`: 2 to 10 distinct trial numbers.
enum TrialSelection {
    /// How many trials one compare page shows.
    static let counts = 2...10

    /// The numbers in the order given; a missing list, a part that is not a trial number, a number
    /// given twice, or fewer than 2 or more than 10 is a 400 naming what was wrong.
    static func parse(_ text: String?) throws -> [Int] {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw ServerError(.badRequest, Message.missing) }
        var numbers: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard let number = Int(item), number >= 0 else { throw ServerError(.badRequest, Message.notANumber(item)) }
            guard !numbers.contains(number) else { throw ServerError(.badRequest, Message.twice(number)) }
            numbers.append(number)
        }
        guard counts.contains(numbers.count) else { throw ServerError(.badRequest, Message.count(numbers.count)) }
        return numbers
    }

    enum Message {
        static let missing = "choose the trials to compare: ?trials=3,7,12 (2 to 10 trial numbers)"
        static func notANumber(_ item: String) -> String {
            "'\(item)' in ?trials= is not a trial number; give 2 to 10 numbers separated by commas, as in ?trials=3,7,12"
        }
        static func twice(_ number: Int) -> String { "trial \(number) is listed twice in ?trials=; list each trial once" }
        static func count(_ count: Int) -> String {
            "compare 2 to 10 trials, got \(count); list them as ?trials=3,7,12"
        }
    }
}
