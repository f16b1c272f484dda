import Foundation
import SweepCore
import Testing

@testable import SweepSamplers

@Suite struct GridSamplerTests {
    let index = StudyIndex(name: "s", direction: .minimize, objective: "value")

    func space() throws -> SearchSpace {
        SearchSpace([
            .init(name: "lr", distribution: .float(try FloatDistribution(low: 1e-4, high: 1e-1, log: true))),
            .init(name: "x", distribution: .float(try FloatDistribution(low: 0, high: 1, step: 0.25))),
            .init(name: "n", distribution: .int(try IntDistribution(low: 1, high: 3))),
            .init(name: "opt", distribution: .categorical(try CategoricalDistribution([.string("adam"), .string("sgd")]))),
        ])
    }

    func key(_ values: [String: ParamValue]) -> String {
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    @Test(arguments: [true, false])
    func coversEveryPointExactlyOnceThenThrows(shuffle: Bool) async throws {
        let space = try space()
        let grid = GridSampler(nPoints: 4, shuffle: shuffle, seed: 11)
        #expect(try grid.gridSize(space) == 4 * 5 * 3 * 2)
        var seen = Set<String>()
        for n in 0..<120 {
            let values = try grid.sample(space, trialNumber: n, seed: 0, study: index)
            #expect(allInside(values, space))
            seen.insert(key(values))
        }
        #expect(seen.count == 120)
        #expect(throws: SweepError.self) { try grid.sample(space, trialNumber: 120, seed: 0, study: index) }
        do {
            _ = try grid.sample(space, trialNumber: 121, seed: 0, study: index)
        } catch let error as SweepError {
            guard case .samplerExhausted(let message) = error else {
                Issue.record("expected samplerExhausted, got \(error)")
                return
            }
            #expect(message.contains("120 grid points"))
            #expect(message.contains("enqueued"))
        }
    }

    @Test func workersSharingAStorageSplitTheGrid() async throws {
        let space = try space()
        let storage = InMemoryStorage()
        let config = StudyConfig(name: "g", sampler: "grid:n_points=4", seed: 3, space: space)
        let first = try await Study.create(config, storage: storage, sampler: GridSampler(nPoints: 4, seed: 3), pruner: KeepGoingPruner())
        let second = try await Study.load(named: "g", storage: storage, sampler: GridSampler(nPoints: 4, seed: 3), pruner: KeepGoingPruner())
        var seen = Set<String>()
        for i in 0..<120 {
            let study = i % 3 == 0 ? second : first
            let trial = try await study.ask()
            seen.insert(key(trial.params))
            try await study.tell(trial: trial.number, state: .complete, value: 1)
        }
        #expect(seen.count == 120)
        await #expect(throws: SweepError.self) { try await first.ask() }
    }

    @Test func inOrderTheLastParameterVariesFastest() throws {
        let space = SearchSpace([
            .init(name: "a", distribution: .int(try IntDistribution(low: 0, high: 1))),
            .init(name: "b", distribution: .categorical(try CategoricalDistribution([.string("x"), .string("y"), .string("z")]))),
        ])
        let grid = GridSampler(shuffle: false)
        let points = try (0..<6).map { try grid.sample(space, trialNumber: $0, seed: 0, study: index) }
        #expect(points.map { "\($0["a"]?.description ?? "-")\($0["b"]?.description ?? "-")" } == ["0x", "0y", "0z", "1x", "1y", "1z"])
    }

    @Test func shuffledOrderComesFromTheStudySeed() async throws {
        let space = try space()
        func order(_ seed: UInt64) throws -> [String] {
            try (0..<20).map { key(try GridSampler(nPoints: 4, seed: seed).sample(space, trialNumber: $0, seed: 99, study: index)) }
        }
        #expect(try order(1) == order(1))
        #expect(try order(1) != order(2))
        let inOrder = try (0..<20).map { key(try GridSampler(nPoints: 4, shuffle: false).sample(space, trialNumber: $0, seed: 0, study: index)) }
        #expect(try order(1) != inOrder)
    }

    @Test func continuousAxes() throws {
        let grid = GridSampler(nPoints: 4)
        let linear = grid.axis(.float(try FloatDistribution(low: 0, high: 3)))
        #expect(linear == [.double(0), .double(1), .double(2), .double(3)])
        let log = grid.axis(.float(try FloatDistribution(low: 1e-3, high: 1, log: true))).map(\.number)
        #expect(log.count == 4)
        #expect(log.first == 1e-3 && log.last == 1)
        #expect(abs(log[1] - 1e-2) < 1e-12 && abs(log[2] - 1e-1) < 1e-12)
        #expect(GridSampler(nPoints: 1).axis(.float(try FloatDistribution(low: 2, high: 5))) == [.double(2)])
        #expect(grid.axis(.float(try FloatDistribution(low: 2, high: 2))) == [.double(2)])
        #expect(grid.axis(.int(try IntDistribution(low: 1, high: 8, log: true))).count == 8)
        #expect(grid.axis(.float(try FloatDistribution(low: 0, high: 1, step: 0.1))).count == 11)
    }

    @Test func anEnqueuedTrialConsumesAGridPoint() async throws {
        let space = SearchSpace([.init(name: "n", distribution: .int(try IntDistribution(low: 0, high: 3)))])
        let study = try await Study.create(
            StudyConfig(name: "g", space: space), storage: InMemoryStorage(), sampler: GridSampler(shuffle: false),
            pruner: KeepGoingPruner())
        try await study.enqueue(params: ["n": .int(3)])
        var values: [Int] = []
        for _ in 0..<4 {
            let trial = try await study.ask()
            values.append(Int(trial.params["n"]?.number ?? -1))
            try await study.tell(trial: trial.number, state: .complete, value: 0)
        }
        // Trial 0 is the enqueued one; trials 1...3 get grid points 1...3; point 0 is never proposed.
        #expect(values == [3, 1, 2, 3])
        await #expect(throws: SweepError.self) { try await study.ask() }
    }

    @Test func emptySpaceNeverRunsOut() throws {
        #expect(try GridSampler().sample(SearchSpace(), trialNumber: 1000, seed: 0, study: index).isEmpty)
    }

    @Test func hugeGridsAreRejectedClearly() throws {
        let space = SearchSpace([
            .init(name: "a", distribution: .int(try IntDistribution(low: 0, high: 1 << 40))),
            .init(name: "b", distribution: .int(try IntDistribution(low: 0, high: 1 << 40))),
        ])
        #expect(throws: SweepError.self) { try GridSampler().sample(space, trialNumber: 0, seed: 0, study: index) }
        // A large but representable grid works without materialising it.
        let big = SearchSpace([.init(name: "a", distribution: .int(try IntDistribution(low: 0, high: 1 << 40)))])
        let values = try GridSampler().sample(big, trialNumber: 123_456, seed: 0, study: index)
        #expect(allInside(values, big))
    }
}
