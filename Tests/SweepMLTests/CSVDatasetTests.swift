import Foundation
import Testing
@testable import SweepML

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
        #expect(throws: DatasetError.fieldCount(file: "m.csv", line: 5, expected: 3, got: 2)) {
            try CSVDataset.parse(multiline, file: "m.csv")
        }
        let notANumber = ["a,b,label", "1,2,\"x,y\"", "\"3\",\"oops, no\",y", ""].joined(separator: end)
        #expect(throws: DatasetError.notANumber(file: "n.csv", line: 3, column: 2, value: "oops, no")) {
            try CSVDataset.parse(notANumber, file: "n.csv")
        }
        // A quote left open runs to the end of the file: its row is named where it starts.
        let open = ["a,b,label", "1,2,x", "3,4,\"y", "5,6,z", ""].joined(separator: end)
        #expect(throws: DatasetError.unclosedQuote(file: "o.csv", line: 3)) {
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

    @Test func aNamedLabelColumnWinsOverTheLastOne() throws {
        let d = try CSVDataset.parse("a,label,b\n1,x,2\n3,y,4\n", file: "f.csv", labelName: "label")
        #expect(d.featureNames == ["a", "b"])  // the column named label is the class
        #expect(d.classNames == ["x", "y"])
        let last = try CSVDataset.parse("a,b,y\n1,2,x\n3,4,z\n", file: "g.csv", labelName: "label")
        #expect(last.classNames == ["x", "z"])  // no column named label: the last one
    }

    @Test func badFieldsNameFileLineAndColumn() {
        let text = "a,b,label\n1,2,x\n3,oops,y\n"
        #expect(throws: DatasetError.notANumber(file: "data.csv", line: 3, column: 2, value: "oops")) {
            try CSVDataset.parse(text, file: "data.csv")
        }
        #expect(
            DatasetError.notANumber(file: "data.csv", line: 3, column: 2, value: "oops").description
                == "data.csv:3: column 2: expected a number, got 'oops'")
        #expect(throws: DatasetError.fieldCount(file: "data.csv", line: 3, expected: 3, got: 2)) {
            try CSVDataset.parse("a,b,label\n1,2,x\n3,y\n", file: "data.csv")
        }
        #expect(throws: DatasetError.empty(file: "e.csv")) { try CSVDataset.parse("\n \n", file: "e.csv") }
        #expect(throws: DatasetError.empty(file: "h.csv")) { try CSVDataset.parse("a,b,c\n", file: "h.csv") }
        #expect(throws: DatasetError.labelColumn(file: "l.csv", column: 5, columns: 2)) {
            try CSVDataset.parse("1,a\n2,b\n", file: "l.csv", labelColumn: 5)
        }
        #expect(throws: DatasetError.self) { try CSVDataset.parse("1,a\n2,a\n", file: "one-class.csv") }
    }

    @Test func missingFileIsReported() {
        #expect(throws: DatasetError.self) { try CSVDataset.load(path: "/nonexistent/routing.csv") }
    }
}
