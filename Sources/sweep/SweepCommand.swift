import ArgumentParser
import Foundation
import SweepCore

/// The `sweep` command line: studies, trials and curve tools.
@main
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Hyperparameter studies on noisy learning experiments, with early stopping of bad trials.",
        discussion: "sweep \(SweepVersion.number)",
        version: SweepVersion.number,
        subcommands: [
            Create.self, Studies.self, Ask.self, Report.self, ShouldPrune.self, Tell.self, Enqueue.self,
            HeartbeatCommand.self, Trials.self, Best.self, Delete.self, Rename.self, NoteCommand.self, ReplayCommand.self, Run.self, Worker.self, Show.self, Log.self, CurvesCommand.self, BanditCommand.self, ActiveLearningCommand.self, RouteCommand.self, Serve.self, ImportCommand.self, ExportCommand.self,
            Importance.self, Checkpoints.self, Answer.self,
            Reproduce.self,
        ]
    )

    /// Runs the command; a `SweepError` exits with the status of its kind (`ExitStatus`), every
    /// other error as ArgumentParser says.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let error as SweepError {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            Foundation.exit(ExitStatus.of(error))
        } catch {
            exit(withError: error)
        }
    }
}
