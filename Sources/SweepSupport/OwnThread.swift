import Foundation

/// Runs `body` on a thread of its own and waits for it without holding a thread of the pool that
/// runs tasks (it has only as many threads as cores). For work that blocks: reading a command's
/// output, waiting for a program a sampler or judge runs.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}
