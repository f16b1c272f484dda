import ArgumentParser

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
            HeartbeatCommand.self, Trials.self, Best.self, Delete.self, Rename.self, NoteCommand.self, ReplayCommand.self, Run.self, Worker.self, Show.self, Log.self, CurvesCommand.self, BanditCommand.self, RouteCommand.self,
        ]
    )
}
