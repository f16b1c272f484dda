import Testing

@testable import SweepSupport

@Suite struct SplitMix64Tests {
    /// The reference sequence of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
    @Test func matchesTheReferenceSequence() {
        var g = SplitMix64(seed: 0)
        #expect([g.next(), g.next(), g.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test func derivedSeedsDifferByIndexAndAreStable() {
        #expect(SplitMix64.derive(1, 0) != SplitMix64.derive(1, 1))
        #expect(SplitMix64.derive(1, 5) == SplitMix64.derive(1, 5))
    }

    @Test func unitDrawsStayInTheUnitInterval() {
        var g = SplitMix64(seed: 42)
        for _ in 0..<10_000 {
            let u = g.nextUnit()
            #expect(u >= 0 && u < 1)
        }
    }
}
