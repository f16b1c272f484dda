import SweepCurves
import Testing

@Suite struct CurveTableTests {
    @Test func positionsAreEvenlySpacedWithBothEnds() {
        #expect(CurveTable.positions(count: 101, rows: 5) == [0, 25, 50, 75, 100])
        #expect(CurveTable.positions(count: 3, rows: 10) == [0, 1, 2])
        #expect(CurveTable.positions(count: 10, rows: 1) == [9])
        #expect(CurveTable.positions(count: 0, rows: 4) == [])
    }

    @Test func valueAtStepIsTheLastValueAtOrBefore() {
        let r = CurveRecord(id: "a", curve: [1, 2, 3], steps: [10, 20, 30])
        #expect(CurveTable.value(of: r, atStep: 25) == 2)
        #expect(CurveTable.value(of: r, atStep: 30) == 3)
        // Nothing before the first step or after the last.
        #expect(CurveTable.value(of: r, atStep: 5) == nil)
        #expect(CurveTable.value(of: r, atStep: 31) == nil)
    }
}
