import SweepCore
import SweepPruners
import SweepSamplers

/// Builds samplers and pruners from specs: the built-in ones (`SweepSamplers`, `SweepPruners`)
/// plus those that run programs or ask people, which live here: the `command` sampler, and the
/// `command` and `human` judges.
public enum Components {
    /// Pruner names beyond `Pruners.allNames`.
    public static let judgeNames = ["command", "human"]

    /// The pruner (judge) a spec names. Command judges run in `directory` (nil: the current one).
    public static func pruner(parsing text: String, directory: String? = nil) throws(SweepError) -> any Pruner {
        let spec = try Spec(parsing: text)
        switch spec.name {
        case "command": return try CommandJudge(spec: spec, directory: directory)
        case "human": return try HumanJudge(spec: spec)
        default:
            guard Pruners.allNames.contains(spec.name) else {
                throw .invalidSpec(
                    spec: spec.text,
                    reason: "unknown pruner '\(spec.name)'; expected one of: \((Pruners.allNames + judgeNames).joined(separator: ", "))")
            }
            return try Pruners.make(spec)
        }
    }

    /// The sampler a spec names, seeded with the study's seed. A command sampler runs in
    /// `directory` (nil: the current one).
    public static func sampler(parsing text: String, seed: UInt64, directory: String? = nil) throws(SweepError) -> any Sampler {
        let spec = try Spec(parsing: text)
        guard spec.name == "command" else { return try Samplers.make(spec, seed: seed) }
        return try CommandSampler(
            spec: spec, fallback: { name throws(SweepError) in try Samplers.make(parsing: name, seed: seed) },
            directory: directory)
    }
}
