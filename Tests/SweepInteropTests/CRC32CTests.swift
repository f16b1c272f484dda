import Testing

@testable import SweepInterop

@Suite struct CRC32CTests {
    /// RFC 3720's CRC-32C test vectors (iSCSI), and the check value of "123456789".
    static let vectors: [([UInt8], UInt32)] = [
        (Array("123456789".utf8), 0xE306_9283),
        ([UInt8](repeating: 0, count: 32), 0x8A91_36AA),
        ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
        ((0..<32).map { UInt8($0) }, 0x46DD_794E),
        ((0..<32).map { UInt8(31 - $0) }, 0x113F_DB5C),
        ([], 0),
    ]

    @Test(arguments: vectors)
    func knownVectors(bytes: [UInt8], expected: UInt32) {
        #expect(CRC32C.checksum(bytes) == expected)
    }

    @Test func slicesAndBytesAgreeAtEveryLength() {
        // The eight-byte loop and the byte loop meet at every remainder; a split update equals one pass.
        let bytes = (0..<77).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for n in 0...bytes.count {
            let whole = CRC32C.checksum(bytes[0..<n])
            var bitwise: UInt32 = 0xFFFF_FFFF
            for b in bytes[0..<n] {
                bitwise ^= UInt32(b)
                for _ in 0..<8 { bitwise = bitwise & 1 == 1 ? (bitwise >> 1) ^ 0x82F6_3B78 : bitwise >> 1 }
            }
            #expect(whole == ~bitwise, "length \(n)")
            let split = n / 3
            #expect(CRC32C.update(CRC32C.checksum(bytes[0..<split]), bytes[split..<n]) == whole, "length \(n)")
        }
    }

    @Test func aCollectionWithoutContiguousStorageGivesTheSameChecksum() {
        // A reversed view has no contiguous bytes: the checksum copies it first.
        #expect(CRC32C.checksum(Array("987654321".utf8).reversed()) == 0xE306_9283)
    }

    @Test func maskIsTensorFlows() {
        // Values from TensorBoard's own masked_crc32c (tensorflow_stub).
        #expect(CRC32C.masked(CRC32C.checksum([UInt8](repeating: 0, count: 8))) == 0x0798_0329)
        #expect(CRC32C.masked(CRC32C.checksum([])) == 0xA282_EAD8)
    }
}
