/// The HParams plugin's data (TensorBoard's `plugins/hparams/plugin_data.proto` and `api.proto`),
/// encoded by hand: the experiment (the parameters with their domains, and the metrics) and each
/// session's start (its parameter values) and end (its status), as `HParamsPluginData` contents.
enum TensorBoardHParams {
    static let plugin = "hparams"
    static let experimentTag = "_hparams_/experiment"
    static let sessionStartTag = "_hparams_/session_start_info"
    static let sessionEndTag = "_hparams_/session_end_info"

    /// A `google.protobuf.Value` of the kinds a parameter takes.
    enum Value: Equatable {
        case number(Double)
        case string(String)
        case bool(Bool)
    }

    /// `hparams.DataType`.
    enum DataType: Int64 {
        case string = 1
        case bool = 2
        case float64 = 3
    }

    /// `hparams.Status`: how a session (a trial) ended.
    enum Status: Int64 {
        case unknown = 0
        case success = 1
        case failure = 2
        case running = 3
    }

    /// Where a parameter's values lie.
    enum Domain: Equatable {
        case interval(min: Double, max: Double)
        case discrete([Value])
    }

    /// One parameter of the experiment (`HParamInfo`).
    struct Info: Equatable {
        var name: String
        var type: DataType
        var domain: Domain?
        /// Whether the sessions' values of it differ.
        var differs: Bool
    }

    /// `HParamsPluginData{experiment}`: the parameters and the metrics (tags of the runs).
    static func experiment(name: String, description: String, created: Double, hparams: [Info], metrics: [String]) -> [UInt8] {
        var w = ProtobufWriter()
        w.message(Field.experiment) { e in
            if !description.isEmpty { e.string(Field.description, description) }
            if created != 0 { e.double(Field.timeCreated, created) }
            for info in hparams {
                e.message(Field.hparamInfos) { h in
                    h.string(Field.infoName, info.name)
                    h.int(Field.infoType, info.type.rawValue)
                    switch info.domain {
                    case .interval(let low, let high)?:
                        h.message(Field.domainInterval) { i in
                            i.double(Field.intervalMin, low)
                            i.double(Field.intervalMax, high)
                        }
                    case .discrete(let values)?:
                        h.message(Field.domainDiscrete) { list in
                            for v in values { list.message(Field.listValues) { write(v, into: &$0) } }
                        }
                    case nil: break
                    }
                    if info.differs { h.bool(Field.differs, true) }
                }
            }
            for metric in metrics {
                e.message(Field.metricInfos) { m in m.message(Field.metricName) { $0.string(Field.metricTag, metric) } }
            }
            if !name.isEmpty { e.string(Field.experimentName, name) }
        }
        return w.bytes
    }

    /// `HParamsPluginData{session_start_info}`: a session's parameter values (sorted by name),
    /// its group (sessions of one group are repeats of one configuration) and start time.
    static func sessionStart(hparams: [String: Value], group: String, started: Double?) -> [UInt8] {
        var w = ProtobufWriter()
        w.message(Field.sessionStart) { s in
            for name in hparams.keys.sorted() {
                s.message(Field.hparams) { entry in
                    entry.string(Field.mapKey, name)
                    entry.message(Field.mapValue) { write(hparams[name]!, into: &$0) }
                }
            }
            if !group.isEmpty { s.string(Field.groupName, group) }
            if let started { s.double(Field.startTime, started) }
        }
        return w.bytes
    }

    /// `HParamsPluginData{session_end_info}`: how a session ended, and when.
    static func sessionEnd(status: Status, ended: Double?) -> [UInt8] {
        var w = ProtobufWriter()
        w.message(Field.sessionEnd) { s in
            if status != .unknown { s.int(Field.status, status.rawValue) }
            if let ended { s.double(Field.endTime, ended) }
        }
        return w.bytes
    }

    private static func write(_ value: Value, into w: inout ProtobufWriter) {
        switch value {
        case .number(let d): w.double(Field.numberValue, d)
        case .string(let s): w.string(Field.stringValue, s)
        case .bool(let b): w.bool(Field.boolValue, b)
        }
    }

    /// Field numbers (each message's own; names say whose).
    enum Field {
        // HParamsPluginData (version 1 is left at 0, the only version)
        static let experiment = 2
        static let sessionStart = 3
        static let sessionEnd = 4
        // Experiment
        static let description = 1
        static let timeCreated = 3
        static let hparamInfos = 4
        static let metricInfos = 5
        static let experimentName = 6
        // HParamInfo and Interval
        static let infoName = 1
        static let infoType = 4
        static let domainDiscrete = 5
        static let domainInterval = 6
        static let differs = 7
        static let intervalMin = 1
        static let intervalMax = 2
        // MetricInfo and MetricName
        static let metricName = 1
        static let metricTag = 2
        // SessionStartInfo and its map entries
        static let hparams = 1
        static let groupName = 4
        static let startTime = 5
        static let mapKey = 1
        static let mapValue = 2
        // SessionEndInfo
        static let status = 1
        static let endTime = 2
        // google.protobuf.Value and ListValue
        static let numberValue = 2
        static let stringValue = 3
        static let boolValue = 4
        static let listValues = 1
    }
}
