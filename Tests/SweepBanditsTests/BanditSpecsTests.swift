import Testing
@testable import SweepBandits

@Suite struct BanditSpecsTests {
    @Test(arguments: [
        "bernoulli:means=0.1,0.5,0.9", "bernoulli:arms=7", "gaussian:means=0,1,stds=1,2", "gaussian:arms=10",
        "drifting:arms=5,drift=0.05", "drifting:means=0.2,0.8,rewards=bernoulli", "switching:arms=3,period=100",
        "switching:means=0.1,0.9,change_points=10,20,change=permute", "switching:means=0.9,0.5,next_means=0.1,0.5", "contextual", "contextual:kind=linear,arms=3,dimension=4",
        "contextual:kind=classification,arms=4,dimension=2,samples=50,separation=3",
    ])
    func everyEnvironmentSpecParses(_ text: String) throws {
        let environment = try BanditSpecs.environment(parsing: text)
        #expect(environment.armCount >= 1)
    }

    @Test(arguments: [
        "random", "greedy", "greedy:initial=5", "epsilon_greedy:epsilon=0.1,step_size=0.1,initial=1", "decaying_epsilon:c=2,d=0.5",
        "per_arm_epsilon:sigma=0.5", "explore_then_commit:m=5", "ucb1:c=1", "kl_ucb:c=3", "thompson",
        "thompson:prior=gaussian,prior_std=2,noise=1", "sw_ucb:window=100", "d_ucb:gamma=0.95", "linucb:alpha=0.5",
    ])
    func everyAgentSpecParses(_ text: String) throws {
        _ = try BanditSpecs.agent(parsing: text)
    }

    @Test func listsHoldTheGivenMeans() throws {
        let environment = try BanditSpecs.environment(parsing: "bernoulli:means=0.1,0.5,0.9")
        let bernoulli = try #require(environment as? BernoulliBandit)
        #expect(bernoulli.means == [0.1, 0.5, 0.9])
    }

    @Test func unknownNamesListTheKnownOnes() {
        let error = #expect(throws: BanditSpecError.self) { try BanditSpecs.agent(parsing: "ucb2:c=1") }
        #expect(error?.description.hasPrefix("agent spec 'ucb2:c=1': unknown agent 'ucb2'; expected one of random, greedy") == true)
    }

    @Test func unknownKeysListTheKeysTheNameTakes() {
        #expect(throws: BanditSpecError.unknownKey(spec: "ucb1:alpha=1", key: "alpha", known: ["c"])) {
            try BanditSpecs.agent(parsing: "ucb1:alpha=1")
        }
    }

    @Test func probabilitiesOutsideTheUnitIntervalAreRejected() {
        let error = #expect(throws: BanditSpecError.self) { try BanditSpecs.environment(parsing: "bernoulli:means=0.1,1.5") }
        #expect(error?.description == "spec 'bernoulli:means=0.1,1.5': key 'means' expects a probability in [0, 1], got '1.5'")
    }

    @Test(arguments: [
        ("epsilon_greedy:epsilon=2", "epsilon"), ("sw_ucb:window=0", "window"), ("d_ucb:gamma=1.5", "gamma"),
        ("explore_then_commit:m=x", "m"), ("thompson:prior=gamma", "prior"), ("gaussian:means=0,1,stds=-1", "stds"),
        ("switching:arms=2,change_points=30,10", "change_points"),
    ])
    func badValuesNameTheKey(_ text: String, _ key: String) {
        let error = #expect(throws: BanditSpecError.self) {
            _ = try BanditSpecs.agent(parsing: text)
        } ?? nil
        let environmentError = #expect(throws: BanditSpecError.self) {
            _ = try BanditSpecs.environment(parsing: text)
        } ?? nil
        // One of the two factories knows the name and complains about the key.
        let messages = [error, environmentError].compactMap { $0?.description }
        #expect(messages.contains { $0.contains("key '\(key)' expects") })
    }

    @Test func conflictingKeysAreRejected() {
        #expect(throws: BanditSpecError.conflict(spec: "bernoulli:means=0.5,arms=3", message: BanditSpecs.Message.meansOrArms)) {
            try BanditSpecs.environment(parsing: "bernoulli:means=0.5,arms=3")
        }
        #expect(throws: BanditSpecError.self) { try BanditSpecs.environment(parsing: "gaussian:means=0,1,2,stds=1,2") }
        #expect(throws: BanditSpecError.self) { try BanditSpecs.agent(parsing: "thompson:alpha=1,noise=2") }
    }
}
