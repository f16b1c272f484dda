import SweepSupport

/// Seed repetitions in a curve dataset: lines with the same `"group"` are one configuration run
/// with several seeds, and a replay treats them as one trial, as `repeats = N` makes one trial of
/// N runs in a live study.
public enum CurveGroups {
    /// The records with each group merged into one, at the place of its first line: its id is the
    /// group's name, its parameters and labels the first line's, its curve the mean over the lines
    /// at each step (NaN values left out; a step some lines lack is the mean of those that have
    /// it), its `standardErrors` that mean's standard error, its `runs` the number of lines. Lines
    /// without a group stay as they are.
    public static func merge(_ records: [CurveRecord]) -> [CurveRecord] {
        guard records.contains(where: { $0.group != nil }) else { return records }
        var members: [String: [CurveRecord]] = [:]
        for record in records {
            if let group = record.group { members[group, default: []].append(record) }
        }
        var merged: [CurveRecord] = []
        var placed = Set<String>()
        for record in records {
            guard let group = record.group else {
                merged.append(record)
                continue
            }
            guard placed.insert(group).inserted, let lines = members[group] else { continue }
            merged.append(mean(of: lines, group: group))
        }
        return merged
    }

    private static func mean(of lines: [CurveRecord], group: String) -> CurveRecord {
        var sums: [Int: (total: Double, count: Int)] = [:]
        var values: [Int: [Double]] = [:]  // each step's non-NaN values, line by line
        for line in lines {
            for (i, v) in line.curve.enumerated() {
                let step = line.step(at: i)
                var entry = sums[step] ?? (0, 0)
                if !v.isNaN {
                    entry.total += v / Double(lines.count)
                    entry.count += 1
                    values[step, default: []].append(v)
                }
                sums[step] = entry
            }
        }
        let steps = sums.keys.sorted()
        // Each value was divided by the group's size; rescale to the lines that had the step.
        let curve = steps.map { step -> Double in
            let entry = sums[step]!
            return entry.count == 0 ? .nan : entry.total * (Double(lines.count) / Double(entry.count))
        }
        let standardErrors = steps.map { SampleStatistics.meanAndStandardError(values[$0] ?? []).standardError }
        let first = lines[0]
        let plain = steps == Array(0..<steps.count)
        return CurveRecord(
            id: group, params: first.params, curve: curve, steps: plain ? nil : steps, direction: first.direction,
            labels: first.labels, group: group, runs: lines.count, standardErrors: standardErrors)
    }
}
