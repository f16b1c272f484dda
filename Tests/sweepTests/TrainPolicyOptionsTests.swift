import Foundation
import Testing

/// `sweep al train-policy --head` and `--replay`, end to end.
@Suite struct TrainPolicyOptionsTests {
    @Test func theBatchHeadWithReplayTrainsAndRuns() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let train = try await SweepProcess.run(
            ["al", "train-policy", "--data", "blobs:n=200,classes=3,spread=2", "--episodes", "3", "--rounds", "3", "--initial", "6", "--batch", "4",
             "--candidates", "12", "--hidden", "4", "--head", "batch", "--replay", "8", "--replay-batch", "2", "--standard-candidates", "--out", "batch.json", "--json"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
        let o = SweepProcess.object(train)
        #expect(o["head"] as? String == "batch" && o["replay"] as? Int == 8)
        let saved = try String(contentsOf: dir.appendingPathComponent("batch.json"), encoding: .utf8)
        #expect(saved.contains(#""head":"batch""#))
        let run = try await SweepProcess.run(
            ["al", "--data", "xor:n=300", "--strategy", "policy:file=batch.json", "--initial", "6", "--batch", "4", "--rounds", "3", "--json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(SweepProcess.object(run)["labels"] as? [Int] == [6, 10, 14, 18])
    }

    @Test func badOptionsAreRefused() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        let base = ["al", "train-policy", "--data", "moons:n=100", "--episodes", "1", "--rounds", "2", "--out", "p.json"]
        let head = try await SweepProcess.run(base + ["--head", "nxk"], in: dir)
        #expect(head.status != 0 && head.stderr.contains("--head expects sequential or batch, got 'nxk'"), "\(head.stderr)")
        let replay = try await SweepProcess.run(base + ["--replay", "-3"], in: dir)
        #expect(replay.status != 0 && replay.stderr.contains("--replay must be 0 (off)") && replay.stderr.contains("-3"), "\(replay.stderr)")
        let replayBatch = try await SweepProcess.run(base + ["--replay", "4", "--replay-batch", "0"], in: dir)
        #expect(replayBatch.status != 0 && replayBatch.stderr.contains("--replay-batch at least 1"), "\(replayBatch.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("p.json").path))
    }
}
