@testable import SweepBandits

/// Runs `agent` on `environment` for `runs` × `steps` with a fixed seed.
func report(_ environment: String, _ agent: String, steps: Int, runs: Int, seed: UInt64 = 7, threads: Int? = nil) throws -> BanditReport {
    try BanditExperiment(steps: steps, runs: runs, seed: seed, threads: threads).run(environmentSpec: environment, agentSpec: agent)
}

/// Fewer runs in debug builds, where the simulator is much slower.
func scaledRuns(_ release: Int, debug: Int) -> Int {
    #if DEBUG
    return debug
    #else
    return release
    #endif
}
