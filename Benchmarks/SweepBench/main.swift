import Foundation

/// `sweep-bench NAME [ARGS]`: Sweep's side of each benchmark in `Benchmarks/`. Each prints one JSON
/// object per measurement on stdout; `Benchmarks/run.sh` runs them beside the Python peers and
/// writes `docs/benchmarks.md`.
let arguments = Array(CommandLine.arguments.dropFirst())
let benchmarks: [String: ([String]) async throws -> Void] = [
    "tpe-quality": tpeQuality(arguments:),
    "tpe-speed": tpeSpeed(arguments:),
    "runner-overhead": runnerOverhead(arguments:),
    "metric-lines": metricLines(arguments:),
    "engine": engine(arguments:),
    "decisions": decisions(arguments:),
    "engine-profile": engineProfile(arguments:),
    "replay": replayScaling(arguments:),
    "bandits": banditSpeed(arguments:),
    "curves": curveGeneration(arguments:),
    "dashboard-fixture": dashboardFixture(arguments:),
]
guard let name = arguments.first, let run = benchmarks[name] else {
    FileHandle.standardError.write(Data("usage: sweep-bench \(benchmarks.keys.sorted().joined(separator: "|")) [ARGS]\n".utf8))
    exit(2)
}
do {
    try await run(Array(arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("sweep-bench \(name): \(error)\n".utf8))
    exit(1)
}
