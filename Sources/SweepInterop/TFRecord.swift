/// TFRecord framing, the container of TensorBoard's event files: each record is its length
/// (8 bytes, little-endian), the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C
/// of the data (both checksums 4 bytes, little-endian).
enum TFRecord {
    /// Appends one record holding `data` to `file`.
    static func append(_ data: [UInt8], to file: inout [UInt8]) {
        var length: [UInt8] = []
        length.reserveCapacity(8)
        let count = UInt64(data.count)
        for shift in stride(from: 0, to: 64, by: 8) { length.append(UInt8(truncatingIfNeeded: count >> UInt64(shift))) }
        file.append(contentsOf: length)
        appendUInt32(CRC32C.masked(CRC32C.checksum(length)), to: &file)
        file.append(contentsOf: data)
        appendUInt32(CRC32C.masked(CRC32C.checksum(data)), to: &file)
    }

    /// The records of `file` in order; nil when the framing or a checksum is wrong (for tests and
    /// for reading back what was written).
    static func records(_ file: [UInt8]) -> [[UInt8]]? {
        var records: [[UInt8]] = []
        var i = 0
        while i < file.count {
            guard i + 16 <= file.count else { return nil }
            let header = Array(file[i..<i + 8])
            let count = header.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard uint32(file, at: i + 8) == CRC32C.masked(CRC32C.checksum(header)), count <= UInt64(file.count - i - 16) else {
                return nil
            }
            let start = i + 12
            let end = start + Int(count)
            let data = Array(file[start..<end])
            guard uint32(file, at: end) == CRC32C.masked(CRC32C.checksum(data)) else { return nil }
            records.append(data)
            i = end + 4
        }
        return records
    }

    private static func appendUInt32(_ value: UInt32, to file: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { file.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << UInt32(8 * $1) }
    }
}
