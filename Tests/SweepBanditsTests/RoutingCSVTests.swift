import Foundation
import Testing
import SweepML
@testable import SweepBandits

@Suite struct RoutingCSVTests {
    @Test func parsesAHeaderAndStringLabels() throws {
        let text = "height, weight, species\n1.0,2.0,cat\n3,4,dog\n\n5,6, \"cat\"\n"
        let d = try CSVDataset.parse(text, file: "pets.csv")
        #expect(d.featureNames == ["height", "weight"])
        #expect(d.classNames == ["cat", "dog"])
        #expect(d.labels == [0, 1, 0])
        #expect(d.features == Matrix([[1, 2], [3, 4], [5, 6]]))
    }

    @Test func headerIsOptionalAndNumericLabelsSortNumerically() throws {
        let d = try CSVDataset.parse("0.5,10\n1.5,2\n2.5,10\n", file: "n.csv")
        #expect(d.count == 3)  // no header detected
        #expect(d.classNames == ["2", "10"])
        #expect(d.labels == [1, 0, 1])
    }

    @Test func labelColumnCanBeChosen() throws {
        let d = try CSVDataset.parse("y,a,b\n1,0.1,0.2\n0,0.3,0.4\r\n", file: "f.csv", labelColumn: 1)
        #expect(d.featureNames == ["a", "b"])
        #expect(d.labels == [1, 0])
    }

    @Test func badFieldsNameFileLineAndColumn() {
        let text = "a,b,label\n1,2,x\n3,oops,y\n"
        #expect(throws: RoutingDataError.notANumber(file: "data.csv", line: 3, column: 2, value: "oops")) {
            try CSVDataset.parse(text, file: "data.csv")
        }
        #expect(
            RoutingDataError.notANumber(file: "data.csv", line: 3, column: 2, value: "oops").description
                == "data.csv:3: column 2: expected a number, got 'oops'")
        #expect(throws: RoutingDataError.fieldCount(file: "data.csv", line: 3, expected: 3, got: 2)) {
            try CSVDataset.parse("a,b,label\n1,2,x\n3,y\n", file: "data.csv")
        }
        #expect(throws: RoutingDataError.empty(file: "e.csv")) { try CSVDataset.parse("\n \n", file: "e.csv") }
        #expect(throws: RoutingDataError.empty(file: "h.csv")) { try CSVDataset.parse("a,b,c\n", file: "h.csv") }
        #expect(throws: RoutingDataError.labelColumn(file: "l.csv", column: 5, columns: 2)) {
            try CSVDataset.parse("1,a\n2,b\n", file: "l.csv", labelColumn: 5)
        }
        #expect(throws: RoutingDataError.self) { try CSVDataset.parse("1,a\n2,a\n", file: "one-class.csv") }
    }

    @Test func missingFileIsReported() {
        #expect(throws: RoutingDataError.self) { try CSVDataset.load(path: "/nonexistent/routing.csv") }
    }

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
