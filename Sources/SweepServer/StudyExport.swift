import Foundation
import SweepCore

extension SweepServer {
    /// The study page as one self-contained HTML file (`sweep export html`): the same curves,
    /// parameter plots and trial table as `/studies/NAME`, every trial listed, with no script, no
    /// link and nothing loaded from anywhere, to attach to a paper or a message.
    ///
    /// - Throws: `SweepError.unknownStudy` when the storage has no such study; the storage's errors.
    public static func exportStudyPage(storage: any Storage, study name: String, at time: Date = Date()) async throws -> String {
        _ = try await storage.study(named: name)
        do {
            return try await Pages(storage: storage).studyPage(name, mode: .exported(at: time))
        } catch let error as ServerError {
            throw SweepError.storage(error.message)
        }
    }
}
