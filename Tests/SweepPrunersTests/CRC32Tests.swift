import SweepPruners
import Testing

@Suite struct CRC32Tests {
    @Test func standardCheckValues() {
        #expect(CRC32.checksum("") == 0)
        #expect(CRC32.checksum("123456789") == 0xCBF4_3926)
        #expect(CRC32.checksum("The quick brown fox jumps over the lazy dog") == 0x414F_A339)
        // UTF-8, as Python's `binascii.crc32(text.encode())`.
        #expect(CRC32.checksum("Ünïcode étude_3") == 0x7602_5582)
    }
}
