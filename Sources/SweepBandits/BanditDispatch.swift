/// Opens an `any BanditAgent` once and hands the concrete agent to a generic function, so the
/// per-step loop inside is specialised (no existential or witness-table dispatch per step) for
/// every agent type of this module; other agent types run through the generic, unspecialised
/// path.
protocol AgentVisitor {
    associatedtype Output
    func visit<A: BanditAgent>(_ agent: A) -> Output
}

/// The same for `any BanditEnvironment`.
protocol EnvironmentVisitor {
    associatedtype Output
    func visit<E: BanditEnvironment>(_ environment: E) -> Output
}

extension AgentVisitor {
    func visitConcrete(_ agent: any BanditAgent) -> Output {
        switch agent {
        case let a as RandomAgent: return visit(a)
        case let a as EpsilonGreedyAgent: return visit(a)
        case let a as DecayingEpsilonAgent: return visit(a)
        case let a as PerArmEpsilonAgent: return visit(a)
        case let a as ExploreThenCommitAgent: return visit(a)
        case let a as UCB1Agent: return visit(a)
        case let a as KLUCBAgent: return visit(a)
        case let a as BetaThompsonAgent: return visit(a)
        case let a as GaussianThompsonAgent: return visit(a)
        case let a as SlidingWindowUCBAgent: return visit(a)
        case let a as DiscountedUCBAgent: return visit(a)
        case let a as LinUCBAgent: return visit(a)
        default: return visit(agent)
        }
    }
}

extension EnvironmentVisitor {
    func visitConcrete(_ environment: any BanditEnvironment) -> Output {
        switch environment {
        case let e as BernoulliBandit: return visit(e)
        case let e as GaussianBandit: return visit(e)
        case let e as DriftingBandit: return visit(e)
        case let e as SwitchingBandit: return visit(e)
        case let e as LinearContextualBandit: return visit(e)
        case let e as ClassificationBandit: return visit(e)
        default: return visit(environment)
        }
    }
}
