/// CRC-32 as zlib and Python's `binascii.crc32` compute it (IEEE 802.3: reflected polynomial
/// 0xEDB88320, initial value and final XOR 0xFFFFFFFF). Hyperband uses it to place trials in
/// brackets exactly as Optuna does.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { byte in
        var c = UInt32(byte)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The checksum of some bytes.
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    /// The checksum of a string's UTF-8 bytes (Python's `binascii.crc32(text.encode())`).
    public static func checksum(_ text: String) -> UInt32 { checksum(text.utf8) }
}
