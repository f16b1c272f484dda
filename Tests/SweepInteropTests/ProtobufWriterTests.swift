import Testing

@testable import SweepInterop

@Suite struct ProtobufWriterTests {
    /// Varints from the protocol buffers encoding guide, and the edges of each byte count.
    static let varintCases: [(UInt64, [UInt8])] = [
        (0, [0x00]),
        (1, [0x01]),
        (127, [0x7F]),
        (128, [0x80, 0x01]),
        (150, [0x96, 0x01]),
        (300, [0xAC, 0x02]),
        (16_383, [0xFF, 0x7F]),
        (16_384, [0x80, 0x80, 0x01]),
        (UInt64(UInt32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
        (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ]

    @Test(arguments: varintCases)
    func varints(value: UInt64, expected: [UInt8]) {
        var w = ProtobufWriter()
        w.varint(value)
        #expect(w.bytes == expected)
    }

    @Test func fieldsAsTheEncodingGuideWritesThem() {
        // Its examples: field 1 = 150 is 08 96 01; field 2 = "testing" is 12 07 74 65 73 74 69 6e 67.
        var w = ProtobufWriter()
        w.int(1, 150)
        w.string(2, "testing")
        #expect(w.bytes == [0x08, 0x96, 0x01, 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6E, 0x67])
    }

    @Test func negativeIntsTakeTenBytes() {
        // int64 -1 is the varint of 2^64 - 1 (two's complement), not zigzag.
        var w = ProtobufWriter()
        w.int(3, -1)
        #expect(w.bytes == [0x18] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }

    @Test func fixedWidthNumbersAreLittleEndian() {
        var w = ProtobufWriter()
        w.double(1, 1.5)
        w.float(2, 0.25)
        w.bool(3, true)
        // 1.5 = 0x3FF8000000000000; 0.25f = 0x3E800000.
        #expect(w.bytes == [0x09, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0x15, 0, 0, 0x80, 0x3E, 0x18, 0x01])
        var nan = ProtobufWriter()
        nan.double(1, .nan)
        // NaN keeps its bits (a quiet NaN), it is not dropped or turned into a number.
        #expect(nan.bytes == [0x09, 0, 0, 0, 0, 0, 0, 0xF8, 0x7F])
    }

    @Test func nestedAndPackedFieldsAreLengthDelimited() {
        var w = ProtobufWriter()
        w.message(3) { inner in
            inner.int(1, 150)
            inner.message(2) { _ in }
        }
        w.packedDoubles(6, [0.25, -2])
        w.bytes(4, [])
        #expect(
            w.bytes == [0x1A, 0x05, 0x08, 0x96, 0x01, 0x12, 0x00, 0x32, 0x10, 0, 0, 0, 0, 0, 0, 0xD0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0xC0, 0x22, 0x00])
    }

    @Test func stringsAreUTF8WithTheirByteLength() {
        var w = ProtobufWriter()
        w.string(1, "é✓")
        // é is 2 bytes, ✓ is 3.
        #expect(w.bytes == [0x0A, 0x05, 0xC3, 0xA9, 0xE2, 0x9C, 0x93])
    }

    @Test func aLongMessageHasAMultiByteLength() {
        var w = ProtobufWriter()
        w.bytes(1, [UInt8](repeating: 7, count: 200))
        #expect(Array(w.bytes.prefix(3)) == [0x0A, 0xC8, 0x01])
        #expect(w.bytes.count == 203)
    }
}

extension ProtobufWriterTests {
    @Test func packedFloatsAreFourBytesEach() {
        var w = ProtobufWriter()
        w.packedFloats(5, [0.25, .nan])
        // 0.25f = 0x3E800000; Float.nan = 0x7FC00000.
        #expect(w.bytes == [0x2A, 0x08, 0, 0, 0x80, 0x3E, 0, 0, 0xC0, 0x7F])
    }
}
