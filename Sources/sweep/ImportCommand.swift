import ArgumentParser

/// `sweep import`: studies made by other tools come into Sweep's storage.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring studies made by other tools into Sweep's storage.",
        subcommands: [ImportOptuna.self, ImportCurves.self]
    )
}

/// `sweep export`: Sweep's studies go out in other tools' formats.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write Sweep's studies in other tools' formats.",
        subcommands: [ExportOptuna.self, ExportHTML.self, ExportTensorBoard.self]
    )
}
