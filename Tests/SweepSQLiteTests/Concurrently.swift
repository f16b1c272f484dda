import Foundation
import Synchronization

/// Runs closures on real threads at the same moment.
enum Concurrently {
    /// Runs `body(0..<count)` on `count` threads at once, waits for all, and rethrows the first error.
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let errors = Mutex<[any Error]>([])
        let start = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        for i in 0..<count {
            Thread {
                start.wait()
                do { try body(i) } catch { errors.withLock { $0.append(error) } }
                done.signal()
            }.start()
        }
        for _ in 0..<count { start.signal() }
        for _ in 0..<count { done.wait() }
        if let error = errors.withLock({ $0.first }) { throw error }
    }
}
