import Foundation

extension Process {
    /// Starts the process and waits for it to exit on a thread of its own (the wait must not hold
    /// one of the few threads tasks share); its exit status.
    func exitStatus() async throws -> Int32 {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            Thread {
                do {
                    try self.run()
                    self.waitUntilExit()
                    continuation.resume(returning: self.terminationStatus)
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }
}
