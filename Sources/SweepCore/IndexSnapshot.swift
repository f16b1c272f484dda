/// A study's index saved with the feed cursor it is current at, so that a new process (one
/// `sweep report` call, say) reads the snapshot and the feed's tail instead of the whole study.
///
/// The bytes are `StudyIndex.snapshot()`'s encoding; storages keep them opaque. A snapshot holds
/// what pruners and judges read (per-step order statistics, rungs, the best trials, the study's
/// system attributes), not the list of every finished trial: samplers that read that list (TPE,
/// evolve) still build their index from the whole feed.
public struct IndexSnapshot: Sendable, Hashable {
    /// The feed position the index is current at: apply `changes(after: cursor)` to bring it up
    /// to date.
    public var cursor: Int64
    /// The encoded index.
    public var bytes: [UInt8]

    public init(cursor: Int64, bytes: [UInt8]) {
        self.cursor = cursor
        self.bytes = bytes
    }
}
