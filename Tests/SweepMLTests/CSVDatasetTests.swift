import Foundation
import Testing
import SweepML
@testable import SweepBandits

@Suite struct CSVDatasetTests {
    @Test func parsesAHeaderAndStringLabels() throws {
        let text = "height, weight, species\n1.0,2.0,cat\n3,4,dog\n\n5,6, \"cat\"\n"
        let d = try CSVDataset.parse(text, file: "pets.csv")
        #expect(d.featureNames == ["height", "weight"])
        #expect(d.classNames == ["cat", "dog"])
        #expect(d.labels == [0, 1, 0])
        #expect(d.features == Matrix([[1, 2], [3, 4], [5, 6]]))
    }

    /// RFC 4180: quoted fields hold commas, doubled quotes and line breaks; lines end in CRLF.
    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let text = "\"size, cm\",\"the \"\"weight\"\"\",label\r\n1.5,2,\"cat, small\"\r\n3,4,\"dog \"\"rex\"\"\"\r\n5,6,\"cat,\r\nsmall\"\r\n"
        let d = try CSVDataset.parse(text, file: "q.csv")
        #expect(d.featureNames == ["size, cm", "the \"weight\""], "the header's quoted names")
        #expect(d.classNames == ["cat,\r\nsmall", "cat, small", "dog \"rex\""], "sorted: CR before space")
        #expect(d.labels == [1, 2, 0])
        #expect(d.features == Matrix([[1.5, 2], [3, 4], [5, 6]]))
    }

    /// A bad row is named by the line it starts on, counting the line breaks of quoted fields
    /// before it, with LF or CRLF line ends.
    @Test(arguments: ["\n", "\r\n"])
    func aBadRowIsNamedByItsLine(end: String) {
        let multiline = ["a,b,label", "1,2,\"two", "lines\"", "", "3,4", ""].joined(separator: end)
        #expect(throws: RoutingDataError.fieldCount(file: "m.csv", line: 5, expected: 3, got: 2)) {
            try CSVDataset.parse(multiline, file: "m.csv")
        }
        let notANumber = ["a,b,label", "1,2,\"x,y\"", "\"3\",\"oops, no\",y", ""].joined(separator: end)
        #expect(throws: RoutingDataError.notANumber(file: "n.csv", line: 3, column: 2, value: "oops, no")) {
            try CSVDataset.parse(notANumber, file: "n.csv")
        }
        // A quote left open runs to the end of the file: its row is named where it starts.
        let open = ["a,b,label", "1,2,x", "3,4,\"y", "5,6,z", ""].joined(separator: end)
        #expect(throws: RoutingDataError.unclosedQuote(file: "o.csv", line: 3)) {
            try CSVDataset.parse(open, file: "o.csv")
        }
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
