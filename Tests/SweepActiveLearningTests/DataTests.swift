import Foundation
import SweepML
import Testing
@testable import SweepActiveLearning

@Suite struct SyntheticPoolTests {
    /// One seed, one pool; the kinds have the asked shapes and balanced classes.
    @Test(arguments: ["blobs:n=90,classes=3,dims=4", "moons:n=90,dims=3", "xor:n=90,dims=3", "checkerboard:n=90,cells=3"])
    func poolsAreSeededAndShaped(spec: String) throws {
        let pool = try SyntheticPool(parsing: spec)
        let a = pool.generate(seed: 4)
        #expect(a == pool.generate(seed: 4))  // same seed, same points
        #expect(a != pool.generate(seed: 5))
        #expect(a.count == 90 && a.featureCount == pool.dims)
        #expect(Set(a.labels).count == pool.classes)
        if pool.kind != .xor && pool.kind != .checkerboard {
            // blobs and moons take turns between classes
            #expect((0..<pool.classes).allSatisfy { c in a.labels.filter { $0 == c }.count == 90 / pool.classes })
        }
    }

    /// XOR's class is the parity of the cells: in 2D, the quadrants.
    @Test func xorLabelsAreTheQuadrantParity() throws {
        let d = try SyntheticPool(parsing: "xor:n=200").generate(seed: 1)
        for i in 0..<d.count {
            let expected = ((d.features[i, 0] < 0.5 ? 0 : 1) + (d.features[i, 1] < 0.5 ? 0 : 1)) % 2
            #expect(d.labels[i] == expected)
        }
    }

    /// `flip` replaces about that share of labels with another class.
    @Test func labelNoiseFlipsTheAskedShare() throws {
        let noisy = try SyntheticPool(parsing: "xor:n=4000,flip=0.2").generate(seed: 2)
        // The share of labels against the parity rule is about 0.2.
        let wrong = (0..<noisy.count).filter { i in
            ((noisy.features[i, 0] < 0.5 ? 0 : 1) + (noisy.features[i, 1] < 0.5 ? 0 : 1)) % 2 != noisy.labels[i]
        }.count
        #expect(abs(Double(wrong) / 4000 - 0.2) < 0.03, "wrong labels \(wrong) of 4000")
    }

    @Test func badSpecsNameTheKeyAndWhatWasExpected() {
        #expect(throws: ActiveLearningError.badSpec(spec: "moons:n=2", reason: "key 'n' expects an integer in 4...1000000, got '2'")) {
            try SyntheticPool(parsing: "moons:n=2")
        }
        #expect(throws: ActiveLearningError.badSpec(spec: "moons:classes=3", reason: "unknown key 'classes'; moons takes keys n, dims, noise, flip")) {
            try SyntheticPool(parsing: "moons:classes=3")
        }
        #expect(throws: ActiveLearningError.badSpec(spec: "blobs:flip=1.5", reason: "key 'flip' expects a number in 0...1, got '1.5'")) {
            try SyntheticPool(parsing: "blobs:flip=1.5")
        }
    }
}

@Suite struct PoolSplitTests {
    /// The test set keeps each class's share; the parts are disjoint and cover every row.
    @Test func splitIsStratifiedDisjointAndSeeded() throws {
        let labels = (0..<300).map { $0 < 200 ? 0 : ($0 < 290 ? 1 : 2) }
        var rng = RandomGenerator(seed: 3)
        let split = try PoolSplit(labels: labels, classCount: 3, testFraction: 1.0 / 3, initial: 10, using: &rng)
        #expect(split.test.filter { labels[$0] == 0 }.count == 67)  // round(200 / 3)
        #expect(split.test.filter { labels[$0] == 1 }.count == 30)
        #expect(split.test.filter { labels[$0] == 2 }.count == 3)
        #expect(split.initial.count == 10)
        let all = split.test + split.initial + split.unlabelled
        #expect(all.count == 300 && Set(all).count == 300)
        var again = RandomGenerator(seed: 3)
        #expect(try PoolSplit(labels: labels, classCount: 3, testFraction: 1.0 / 3, initial: 10, using: &again) == split)
    }

    @Test func moreInitialLabelsThanPointsIsAnError() {
        var rng = RandomGenerator(seed: 0)
        #expect(throws: ActiveLearningError.self) {
            try PoolSplit(labels: [0, 1, 0, 1, 0, 1], classCount: 2, testFraction: 0.5, initial: 4, using: &rng)
        }
        #expect(throws: ActiveLearningError.invalidOptions("test fraction must be between 0 and 1 (exclusive), got 1.0")) {
            try PoolSplit(labels: [0, 1], classCount: 2, testFraction: 1, initial: 1, using: &rng)
        }
    }
}

@Suite struct DataSourceTests {
    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("al-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The column named `label` is the class wherever it stands; features are used as given.
    @Test func csvLabelColumnIsFoundByName() throws {
        let path = try Self.file("a,label,b\n1,x,\"2.5\"\n3,y,4\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let d = try DataSource(parsing: path).load(seed: 0)
        #expect(d.features == Matrix([[1, 2.5], [3, 4]]))
        #expect(d.classNames == ["x", "y"])
    }

    /// Bad files are named with the line and field; one class only is refused.
    @Test func badFilesNameTheFileLineAndField() throws {
        let bad = try Self.file("a,b,label\n1,2,x\n3,four,y\n")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        #expect(throws: ActiveLearningError.data(.notANumber(file: bad, line: 3, column: 2, value: "four"))) {
            try DataSource(parsing: bad).load(seed: 0)
        }
        let single = try Self.file("a,label\n1,x\n2,x\n")
        defer { try? FileManager.default.removeItem(atPath: single) }
        #expect(throws: ActiveLearningError.data(.unusable(file: single, reason: "expected at least 2 classes in column 2, found 1"))) {
            try DataSource(parsing: single).load(seed: 0)
        }
        #expect(throws: ActiveLearningError.self) { try DataSource(parsing: "/nonexistent/pool.csv").load(seed: 0) }
    }

    @Test func syntheticNamesAreSpecsAndEverythingElseIsAPath() throws {
        #expect(try DataSource(parsing: "moons:n=50") == .synthetic(try SyntheticPool(parsing: "moons:n=50")))
        #expect(try DataSource(parsing: "data/digits.csv") == .csv(path: "data/digits.csv"))
    }
}
