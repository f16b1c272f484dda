import Foundation
import Synchronization

/// Warnings said once per process on stderr, however often their cause repeats (a judge command
/// that cannot start, asked at every checkpoint of every trial).
enum OnceWarning {
    private static let said = Mutex<Set<String>>([])

    /// Writes `message` to stderr the first time `key` is given; returns whether it did.
    @discardableResult
    static func say(_ key: String, _ message: @autoclosure () -> String) -> Bool {
        guard said.withLock({ $0.insert(key).inserted }) else { return false }
        FileHandle.standardError.write(Data(("sweep: " + message() + "\n").utf8))
        return true
    }
}
