import Foundation
import Testing

/// `sweep run` with `repeats = 3` and `auto:z=2`: the judge sees each trial's mean over seeds and
/// its standard error, keeps a mean below the bar whose seeds disagree, prunes one whose seeds
/// agree, and says in the reason how much uncertainty it allowed.
@Suite struct RepeatJudgeCommandTests {
    @Test func theJudgeWeighsTheMeanWithItsStandardError() async throws {
        let dir = try SweepProcess.temporaryDirectory()
        // Trial 0 (every seed 0.5, 0.8, 0.9, 0.9) sets the bar: best 0.9, largest gain from step 0 0.4.
        // Trials 1 and 2 both average 0.4 at step 0 (0.4 + 0.4 < 0.9); trial 1's seeds differ by
        // 0.01 (se 0.0058), trial 2's by 0.2 (se 0.115: 0.4 + 0.23 + 0.4 ≥ 0.9).
        try SweepProcess.write(
            """
            #!/usr/bin/env bash
            case "$SWEEP_TRIAL" in
              0) spread=0; base="0.5 0.8 0.9 0.9" ;;
              1) spread=1; base="0.4 0.7 0.8 0.85" ;;
              *) spread=20; base="0.4 0.7 0.8 0.85" ;;
            esac
            step=0
            for b in $base; do
              printf '{"step": %d, "reward": %s}\\n' "$step" "$(awk -v b="$b" -v r="$SWEEP_REPEAT" -v s="$spread" 'BEGIN { printf "%.4f", b + (r - 1) * s / 100 }')"
              step=$((step + 1))
            done
            """, to: "seeds.sh", in: dir, executable: true)
        try SweepProcess.write(
            """
            name = "repeats"
            trials = 3
            workers = 1
            repeats = 3
            metric = "reward"
            direction = "maximize"
            pruner = "auto:n_startup_trials=1,z=2"
            sampler = "random"
            [objective]
            command = ["./seeds.sh"]
            [params]
            x = { type = "float", low = 0, high = 1 }
            """, to: "study.toml", in: dir)
        let r = try await SweepProcess.run(["run", "study.toml", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let listed = try await SweepProcess.run(["trials", "--json"], in: dir)
        let trials = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(trials.map { $0["state"] as? String } == ["complete", "pruned", "complete"], "\(trials)")
        let reason = (trials[1]["user_attrs"] as? [String: Any])?["prune_reason"] as? String ?? ""
        #expect(reason.hasPrefix("at step 0 its reward is 0.4 (mean over seeds; 2 standard errors of it, 0.01155, allowed for the uncertainty)"), "\(reason)")
        #expect(abs((trials[2]["value"] as? Double ?? 0) - 0.85) < 1e-9, "\(trials[2])")
    }
}
