/// The TensorBoard messages an export writes, encoded by hand (`ProtobufWriter`): `Event`,
/// `Summary`, `Summary.Value`, `SummaryMetadata` and `TensorProto`, with the field numbers of
/// TensorBoard's `event.proto`, `summary.proto` and `tensor.proto`.
///
/// Scalars are 0-dimensional `DT_FLOAT` tensors tagged with the scalars plugin, what
/// `tf.summary.scalar` writes: TensorBoard keeps scalars in 32 bits, and its fast loader (the Rust
/// data server, the default on Linux) reads no other type (a `DT_DOUBLE` scalar is dropped). NaN
/// is written as NaN.
enum TensorBoardEvents {
    /// The first record of every event file.
    static let fileVersion = "brain.Event:2"
    /// The plugin that draws scalars.
    static let scalarsPlugin = "scalars"

    /// One scalar of an event: a metric's value, with the plugin's metadata on a tag's first event.
    struct Scalar: Equatable {
        var tag: String
        var value: Double
        /// Whether this is the tag's first point in its file (TensorBoard reads the metadata there).
        var first: Bool
    }

    /// `Event{wall_time, file_version}`.
    static func fileVersionEvent(wallTime: Double) -> [UInt8] {
        var w = ProtobufWriter(capacity: 24)
        w.double(Field.wallTime, wallTime)
        w.string(Field.fileVersion, fileVersion)
        return w.bytes
    }

    /// One event at `step` whose summary holds a value per scalar.
    static func scalarsEvent(wallTime: Double, step: Int, scalars: [Scalar]) -> [UInt8] {
        var w = ProtobufWriter(capacity: 32 + 40 * scalars.count)
        w.double(Field.wallTime, wallTime)
        if step != 0 { w.int(Field.step, Int64(step)) }
        w.message(Field.summary) { summary in
            for scalar in scalars {
                summary.message(Field.summaryValue) { value in
                    value.string(Field.tag, scalar.tag)
                    value.message(Field.tensor) { tensor in
                        tensor.int(Field.dtype, DType.float)
                        tensor.message(Field.tensorShape) { _ in }
                        tensor.packedFloats(Field.floatVal, [Float(scalar.value)])
                    }
                    if scalar.first {
                        value.message(Field.metadata) { metadata in
                            metadata.message(Field.pluginData) { $0.string(Field.pluginName, scalarsPlugin) }
                            metadata.int(Field.dataClass, DataClass.scalar)
                        }
                    }
                }
            }
        }
        return w.bytes
    }

    /// One event holding a plugin's summary (the HParams plugin's experiment and sessions): the
    /// tag, the plugin's name and content, and an empty float tensor, as `hparams.summary_v2` writes.
    static func pluginEvent(wallTime: Double, step: Int = 0, tag: String, plugin: String, content: [UInt8]) -> [UInt8] {
        var w = ProtobufWriter(capacity: 64 + content.count)
        w.double(Field.wallTime, wallTime)
        if step != 0 { w.int(Field.step, Int64(step)) }
        w.message(Field.summary) { summary in
            summary.message(Field.summaryValue) { value in
                value.string(Field.tag, tag)
                value.message(Field.tensor) { tensor in
                    tensor.int(Field.dtype, DType.float)
                    tensor.message(Field.tensorShape) { shape in shape.message(Field.shapeDim) { _ in } }
                }
                value.message(Field.metadata) { metadata in
                    metadata.message(Field.pluginData) { data in
                        data.string(Field.pluginName, plugin)
                        data.bytes(Field.pluginContent, content)
                    }
                }
            }
        }
        return w.bytes
    }

    /// Field numbers (each message's own; names say whose). Fields are written in number order, as
    /// protobuf's own serializers do.
    enum Field {
        // Event
        static let wallTime = 1
        static let step = 2
        static let fileVersion = 3
        static let summary = 5
        // Summary
        static let summaryValue = 1
        // Summary.Value
        static let tag = 1
        static let tensor = 8
        static let metadata = 9
        // SummaryMetadata and its PluginData
        static let pluginData = 1
        static let dataClass = 4
        static let pluginName = 1
        static let pluginContent = 2
        // TensorProto, TensorShapeProto and its Dim
        static let dtype = 1
        static let tensorShape = 2
        static let floatVal = 5
        static let shapeDim = 2
    }

    /// `tensorflow.DataType` values.
    enum DType {
        static let float: Int64 = 1
    }

    /// `SummaryMetadata.DataClass` values.
    enum DataClass {
        static let scalar: Int64 = 1
    }
}
