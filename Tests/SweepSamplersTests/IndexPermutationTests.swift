import Testing

@testable import SweepSamplers

@Suite struct IndexPermutationTests {
    @Test(arguments: [1, 2, 3, 7, 16, 17, 100, 1000, 4097])
    func isABijection(count: Int) {
        let p = IndexPermutation(count: UInt64(count), seed: 42)
        let images = (0..<count).map { p(UInt64($0)) }
        #expect(Set(images).count == count)
        #expect(images.allSatisfy { $0 < UInt64(count) })
    }

    @Test func dependsOnTheSeed() {
        let a = (0..<50).map { IndexPermutation(count: 1000, seed: 1)(UInt64($0)) }
        let b = (0..<50).map { IndexPermutation(count: 1000, seed: 2)(UInt64($0)) }
        let again = (0..<50).map { IndexPermutation(count: 1000, seed: 1)(UInt64($0)) }
        #expect(a != b)
        #expect(a == again)
        #expect(a != Array(0..<50))
    }

    @Test func handlesHugeDomains() {
        let p = IndexPermutation(count: .max, seed: 5)
        #expect(p(12345) < .max)
        let q = IndexPermutation(count: 1 << 40 + 3, seed: 5)
        #expect(q(1 << 39) < 1 << 40 + 3)
    }
}
