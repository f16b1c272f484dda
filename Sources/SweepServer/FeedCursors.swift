import Synchronization

/// The furthest feed position a server has read for each study of its storage. A study page
/// starts its live updates from the feed's position when it was read, and finding that position
/// means reading the feed from somewhere before it: from here, only the tail written since the
/// last page of the study is read, not the whole feed of a 10,000-trial study. Feed positions only
/// grow, so any position once read is a safe place to start from.
final class FeedCursors: Sendable {
    private let known = Mutex<[Int64: Int64]>([:])

    /// The furthest position read for `study`, 0 when none was.
    func start(study: Int64) -> Int64 {
        known.withLock { $0[study] ?? 0 }
    }

    /// Notes that the feed of `study` was read up to `cursor`.
    func read(_ cursor: Int64, study: Int64) {
        known.withLock { $0[study] = max($0[study] ?? 0, cursor) }
    }
}
