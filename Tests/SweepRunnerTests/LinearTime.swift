import Testing

/// Expects `time(size)` to grow linearly up to `whole`: the fastest of 5 runs at an eighth and at
/// the whole. Linear work takes 8 times as long, quadratic 64 times; the bound (24 times, plus
/// `slack`) sits far from both, so a machine loaded by the rest of the suite does not decide it.
func expectLinearTime(
    upTo whole: Int, slack: Duration = .milliseconds(50), _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation, time: (Int) -> Duration
) {
    _ = time(whole / 16)
    let small = (0..<5).map { _ in time(whole / 8) }.min()!
    let large = (0..<5).map { _ in time(whole) }.min()!
    #expect(large < small * 24 + slack, "\(label): \(whole / 8) bytes \(small), \(whole) bytes \(large)",
            sourceLocation: sourceLocation)
}
