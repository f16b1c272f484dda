import SweepSupport

/// The quiz's seeded random generator (the same seed gives the same quiz everywhere): SplitMix64.
public typealias QuizRandom = SplitMix64
