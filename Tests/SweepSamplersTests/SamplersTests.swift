import SweepCore
import Testing

@testable import SweepSamplers

@Suite struct SamplersTests {
    @Test func namesAreTheFourSamplers() {
        #expect(Samplers.names == ["random", "grid", "tpe", "evolve"])
    }

    @Test func defaultsAreOptunas() throws {
        let tpe = try #require(try Samplers.make(parsing: "tpe", seed: 0) as? TPESampler)
        #expect(tpe.nStartupTrials == 10 && tpe.nEICandidates == 24 && tpe.multivariate)  // Optuna 5.0: multivariate for single-objective studies
        #expect(tpe.priorWeight == 1 && tpe.considerMagicClip && !tpe.considerEndpoints)
        let evolve = try #require(try Samplers.make(parsing: "evolve", seed: 0) as? EvolveSampler)
        #expect(evolve.topK == 5 && evolve.scale == 0.1 && evolve.pCategorical == 0.2 && evolve.nStartupTrials == 10)
        let grid = try #require(try Samplers.make(parsing: "grid", seed: 9) as? GridSampler)
        #expect(grid.nPoints == 10 && grid.shuffle && grid.seed == 9)
        #expect(try Samplers.make(parsing: "random", seed: 0) is RandomSampler)
    }

    @Test func parametersAreRead() throws {
        let tpe = try #require(
            try Samplers.make(
                parsing: "tpe:n_startup_trials=3,n_ei_candidates=50,multivariate=true,prior_weight=0.5,consider_endpoints=true,consider_magic_clip=false",
                seed: 0) as? TPESampler)
        #expect(tpe.nStartupTrials == 3 && tpe.nEICandidates == 50 && tpe.multivariate)
        #expect(tpe.priorWeight == 0.5 && tpe.considerEndpoints && !tpe.considerMagicClip)
        let evolve = try #require(
            try Samplers.make(parsing: "evolve:top_k=2,scale=0.3,p_categorical=0.5,n_startup_trials=4", seed: 0) as? EvolveSampler)
        #expect(evolve.topK == 2 && evolve.scale == 0.3 && evolve.pCategorical == 0.5 && evolve.nStartupTrials == 4)
        let grid = try #require(try Samplers.make(parsing: "grid:n_points=3,shuffle=false", seed: 0) as? GridSampler)
        #expect(grid.nPoints == 3 && !grid.shuffle)
    }

    @Test(arguments: [
        ("bayes", "unknown sampler 'bayes'; expected one of: random, grid, tpe, evolve"),
        ("random:seed=3", "unknown parameter 'seed' for 'random'; it takes no parameters"),
        ("tpe:n_startup=3", "unknown parameter 'n_startup' for 'tpe'"),
        ("tpe:n_startup_trials=-1", "n_startup_trials must be an integer >= 0, got '-1'"),
        ("tpe:n_ei_candidates=0", "n_ei_candidates must be an integer >= 1, got '0'"),
        ("tpe:n_ei_candidates=many", "n_ei_candidates must be an integer, got 'many'"),
        ("tpe:multivariate=maybe", "multivariate must be true or false, got 'maybe'"),
        ("tpe:prior_weight=-1", "prior_weight must be a finite number >= 0, got '-1'"),
        ("grid:n_points=0", "n_points must be an integer >= 1, got '0'"),
        ("grid:shuffle=2", "shuffle must be true or false, got '2'"),
        ("evolve:top_k=0", "top_k must be an integer >= 1, got '0'"),
        ("evolve:scale=0", "scale must be a finite number > 0, got '0'"),
        ("evolve:p_categorical=1.5", "p_categorical must be a number in [0.0, 1.0], got '1.5'"),
        ("tpe:", "nothing after ':'"),
    ])
    func badSpecsNameTheProblem(spec: String, expected: String) {
        do {
            _ = try Samplers.make(parsing: spec, seed: 0)
            Issue.record("'\(spec)' was accepted")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.contains("'\(spec)'") || spec == "tpe:", "\(error.description)")
        }
    }
}
