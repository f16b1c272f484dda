import ArgumentParser
import Foundation
import SweepBandits
import SweepCurves
import SweepRunner

/// `sweep curves generate`: diverse reward curves from bandit simulations, as a curve dataset.
struct CurvesGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate diverse learning curves from bandit simulations (a curve dataset).",
        discussion: """
            Each curve is a random agent (the non-learning random agent included) with random \
            hyperparameters on a random bandit (2 to 50 arms, Bernoulli or Gaussian, noisy or \
            averaged over runs), with its config in "params" and ground truth in "labels". The same \
            seed gives the same file.
            """)

    @Option(parsing: .unconditional, help: "Number of curves.") var count: Int = 1_000
    @Option(parsing: .unconditional, help: "Steps per curve.") var steps: Int = 1_000
    @Option(parsing: .unconditional, help: "The seed.") var seed: UInt64 = 0
    @Option(help: "Write here instead of stdout.") var out: String?
    @Option(parsing: .unconditional, help: "Significant digits of the values written (1 to 15; 0 for exact).") var digits: Int = 6
    @Option(parsing: .unconditional, help: "Worker threads (default: one per core).") var threads: Int?

    func validate() throws {
        guard count >= 1, steps >= 1 else { throw ValidationError("--count and --steps must be at least 1") }
        guard (0...15).contains(digits) else { throw ValidationError("--digits must be 0 (exact) to 15, got \(digits)") }
    }

    func run() throws {
        let generator = try CurveGenerator(count: count, steps: steps, seed: seed, threads: threads)
        let data = CurveDataset.encode(GeneratedCurves.records(generator.generate()), significantDigits: digits == 0 ? nil : digits)
        if let out {
            do {
                try data.write(to: URL(fileURLWithPath: out))
            } catch {
                throw CurvesError(description: "could not write \(out): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("wrote \(count) curves of \(steps) steps to \(out)\n".utf8))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
