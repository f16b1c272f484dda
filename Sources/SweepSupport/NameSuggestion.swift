/// "Did you mean ...?" for a mistyped key or name: the closest known name by edit distance, when
/// it is close enough to be a typo (at most a third of the longer name, and at most 3 edits).
public enum NameSuggestion {
    /// The known name closest to `name`, or nil when none is close.
    public static func closest(to name: String, in known: [String]) -> String? {
        let a = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in known {
            let d = distance(a, Array(candidate.lowercased()))
            let limit = min(3, max(1, max(a.count, candidate.count) / 3))
            if d <= limit, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// `" (did you mean 'log'?)"` or the empty string.
    public static func hint(for name: String, in known: [String]) -> String {
        closest(to: name, in: known).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    /// neighbours each cost 1 (`lgo` is one edit from `log`).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
