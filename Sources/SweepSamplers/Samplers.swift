import SweepCore

/// Builds samplers from spec strings: `random`, `grid:n_points=10,shuffle=true`,
/// `tpe:n_startup_trials=10,n_ei_candidates=24,multivariate=true,prior_weight=1.0,consider_endpoints=false`,
/// `evolve:top_k=5,scale=0.1,p_categorical=0.2,n_startup_trials=10`.
public enum Samplers {
    /// The sampler names `make` understands.
    public static let names: [String] = ["random", "grid", "tpe", "evolve"]

    /// Builds the sampler a spec names. `seed` is the study seed (the grid's order comes from it).
    public static func make(_ spec: Spec, seed: UInt64) throws(SweepError) -> any Sampler {
        switch spec.name {
        case "random":
            _ = try SpecReader(spec, allowed: [])
            return RandomSampler()
        case "grid":
            let r = try SpecReader(spec, allowed: ["n_points", "shuffle"])
            return GridSampler(
                nPoints: try r.int("n_points", default: 10, min: 1),
                shuffle: try r.bool("shuffle", default: true),
                seed: seed)
        case "tpe":
            let r = try SpecReader(
                spec,
                allowed: [
                    "n_startup_trials", "n_ei_candidates", "multivariate", "prior_weight", "consider_endpoints",
                    "consider_magic_clip",
                ])
            let priorWeight = try r.double("prior_weight", default: 1)
            guard priorWeight >= 0, priorWeight.isFinite else {
                throw .invalidSpec(spec: spec.text, reason: "prior_weight must be a finite number >= 0, got '\(spec.value("prior_weight") ?? "")'")
            }
            return TPESampler(
                nStartupTrials: try r.int("n_startup_trials", default: 10, min: 0),
                nEICandidates: try r.int("n_ei_candidates", default: 24, min: 1),
                multivariate: try r.bool("multivariate", default: true),
                priorWeight: priorWeight,
                considerMagicClip: try r.bool("consider_magic_clip", default: true),
                considerEndpoints: try r.bool("consider_endpoints", default: false))
        case "evolve":
            let r = try SpecReader(spec, allowed: ["top_k", "scale", "p_categorical", "n_startup_trials"])
            let scale = try r.double("scale", default: 0.1)
            guard scale > 0, scale.isFinite else {
                throw .invalidSpec(spec: spec.text, reason: "scale must be a finite number > 0, got '\(spec.value("scale") ?? "")'")
            }
            return EvolveSampler(
                topK: try r.int("top_k", default: 5, min: 1),
                scale: scale,
                pCategorical: try r.double("p_categorical", default: 0.2, range: 0...1),
                nStartupTrials: try r.int("n_startup_trials", default: 10, min: 0))
        default:
            throw .invalidSpec(
                spec: spec.text, reason: "unknown sampler '\(spec.name)'; expected one of: \(names.joined(separator: ", "))")
        }
    }

    /// Parses a spec string and builds its sampler.
    public static func make(parsing text: String, seed: UInt64) throws(SweepError) -> any Sampler {
        try make(try Spec(parsing: text), seed: seed)
    }
}
