import Testing

@testable import SweepInterop

/// The messages byte for byte as TensorBoard's own protobuf classes serialize them (the expected
/// bytes were printed by tensorboard 2.21.0's `event_pb2`, `summary_pb2` and `plugin_data_pb2`).
@Suite struct TensorBoardEventsTests {
    private let hex = TFRecordTests.hex

    @Test func scalarEventWithItsPluginMetadata() {
        let bytes = TensorBoardEvents.scalarsEvent(
            wallTime: 2, step: 300, scalars: [.init(tag: "loss", value: 0.25, first: true)])
        #expect(bytes == hex("09000000000000004010ac022a230a210a046c6f7373420a080112002a040000803e4a0d0a090a077363616c6172732001"))
    }

    @Test func laterPointsOfATagCarryNoMetadata() {
        let first = TensorBoardEvents.scalarsEvent(wallTime: 2, step: 1, scalars: [.init(tag: "loss", value: 0.25, first: true)])
        let later = TensorBoardEvents.scalarsEvent(wallTime: 2, step: 1, scalars: [.init(tag: "loss", value: 0.25, first: false)])
        // The metadata (plugin name and data class) is 15 bytes: its key, length and 13 bytes.
        #expect(first.count - later.count == 15)
        #expect(!later.containsSubsequence(Array("scalars".utf8)))
    }

    @Test func sessionStartInfo() {
        let content = TensorBoardHParams.sessionStart(hparams: ["lr": .number(0.5)], group: "g", started: 5)
        #expect(content == hex("1a1d0a0f0a026c72120911000000000000e03f220167290000000000001440"))
    }

    @Test func sessionEndInfoInItsEvent() {
        let content = TensorBoardHParams.sessionEnd(status: .success, ended: 9.5)
        #expect(content == hex("220b0801110000000000002340"))
        let event = TensorBoardEvents.pluginEvent(
            wallTime: 9.5, tag: TensorBoardHParams.sessionEndTag, plugin: TensorBoardHParams.plugin, content: content)
        #expect(
            event
                == hex(
                    "0900000000000023402a420a400a1a5f68706172616d735f2f73657373696f6e5f656e645f696e666f42060801120212004a1a0a180a0768706172616d73120d220b0801110000000000002340"
                ))
    }

    @Test func experiment() {
        let content = TensorBoardHParams.experiment(
            name: "s", description: "d", created: 3,
            hparams: [
                .init(name: "lr", type: .float64, domain: .interval(min: 0.001, max: 1), differs: true),
                .init(name: "opt", type: .string, domain: .discrete([.string("adam"), .bool(true)]), differs: false),
            ],
            metrics: ["loss"])
        #expect(
            content
                == hex(
                    "124e0a0164190000000000000840221c0a026c722003321209fca9f1d24d62503f11000000000000f03f380122150a036f707420012a0c0a061a046164616d0a0220012a080a0612046c6f7373320173"
                ))
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in the bytes.
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<$0 + needle.count]) == needle }
    }
}
