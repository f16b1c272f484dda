import Foundation
import SweepML
import Testing
@testable import SweepBandits

/// Data routing over a CSV file (the file reading itself is tested in SweepMLTests).
@Suite struct RoutingCSVTests {
    @Test func routesACSVFile() throws {
        var rng = RandomGenerator(seed: 5)
        var text = "f1,f2,f3,label\n"
        for _ in 0..<600 {
            let c = rng.nextInt(below: 3)
            let x = (0..<3).map { j in (j == c ? 2.0 : 0) + rng.nextGaussian() }
            text += x.map { "\($0)" }.joined(separator: ",") + ",class\(c)\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("routing-\(UInt32.random(in: 0...UInt32.max)).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        var o = RoutingOptions()
        o.source = .csv(path: url.path)
        o.learners = 3
        o.heldOut = 150
        o.estimator = .neural
        let r = try DataRouting.run(o)
        #expect(r.samples == 450)  // all rows not held out
        #expect(r.classNames == ["class0", "class1", "class2"])
        #expect(r.routingTable.flatMap { $0 }.reduce(0, +) == 450)
        #expect(r.finalAccuracies.allSatisfy { $0 > 0.6 })
        o.heldOut = 600
        #expect(throws: RoutingDataError.self) { try DataRouting.run(o) }
    }
}
