import Testing

@testable import SweepInterop

@Suite struct TFRecordTests {
    /// The record TensorBoard's Python writer frames for `Event{wall_time: 1.5, file_version: "brain.Event:2"}`.
    static let fileVersionRecord = hex("1800000000000000a37f4b2209000000000000f83f1a0d627261696e2e4576656e743a322a28646c")

    @Test func framesAsTensorFlowDoes() {
        var file: [UInt8] = []
        TFRecord.append(TensorBoardEvents.fileVersionEvent(wallTime: 1.5), to: &file)
        #expect(file == Self.fileVersionRecord)
    }

    @Test func recordsReadBackInOrder() throws {
        var file: [UInt8] = []
        let records: [[UInt8]] = [[], [1, 2, 3], [UInt8](repeating: 9, count: 1000)]
        for r in records { TFRecord.append(r, to: &file) }
        #expect(file.count == records.reduce(0) { $0 + 16 + $1.count })
        #expect(TFRecord.records(file) == records)
    }

    @Test func aChangedByteOrACutFileIsRefused() throws {
        var file: [UInt8] = []
        TFRecord.append([1, 2, 3, 4], to: &file)
        for i in file.indices {
            var damaged = file
            damaged[i] ^= 0x10
            // Any flipped bit breaks a checksum (of the length, the data or the checksum itself).
            #expect(TFRecord.records(damaged) == nil, "byte \(i)")
        }
        for n in 1..<file.count { #expect(TFRecord.records(Array(file.prefix(n))) == nil, "cut at \(n)") }
    }

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }
}
