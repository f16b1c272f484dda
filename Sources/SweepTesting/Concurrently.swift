import Foundation

/// Runs closures as concurrent tasks: each storage connection does its work on its own queue,
/// so the connections really contend for the file.
public enum Concurrently {
    /// Runs `body(0..<count)` as `count` tasks at once, waits for all, and rethrows the first error.
    public static func run(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let errors = await withTaskGroup(of: (any Error)?.self) { group in
            for i in 0..<count {
                group.addTask {
                    do { try await body(i) } catch { return error }
                    return nil
                }
            }
            var errors: [any Error] = []
            for await case let error? in group { errors.append(error) }
            return errors
        }
        if let error = errors.first { throw error }
    }
}
